using GAssistant.Hub.Scoring;
using static GAssistant.Hub.Scoring.OdooLeadScoring;

namespace GAssistant.Hub.Tests.Scoring;

/// <summary>
/// The baseline against numbers worked by hand from Odoo 17's rules (addons/crm/models/crm_lead.py,
/// _pls_prepare_frequencies, _pls_update_frequency_table, _pls_get_won_lost_total_count,
/// _pls_get_naive_bayes_probabilities).
/// </summary>
public sealed class OdooLeadScoringTests
{
    private static readonly Stage[] Pipeline = [new("new", 1), new("qualified", 2), new("won", 3, IsWon: true)];

    private static PlsLead Lead(string? team, string? stage, string? source) =>
        new(team, stage, source is null ? [] : [new("source_id", source)]);

    /// <summary>
    /// Team A closed five leads:
    ///   won at "won" from Web, lost at "qualified" from Web, lost at "new" from Ads,
    ///   won at "won" from Ads, lost at "qualified" from Ads.
    /// Stage rows (a won lead counts for every stage, a lost one for its stage and those before), +0.1:
    ///   new: won 2+0.1, lost 3+0.1 · qualified: 2.1 / 2.1 · won: 2.1 / 0.1
    /// Source rows +0.1: Web 1.1 / 1.1 · Ads 1.1 / 2.1; source totals: won 2.2, lost 3.2.
    /// Team totals from the first stage: won 2.1, lost 3.1 (prior 2.1/5.2 and 3.1/5.2).
    /// </summary>
    private static OdooLeadScoring TeamAWithFiveClosedLeads()
    {
        var pls = new OdooLeadScoring(Pipeline);
        pls.AddClosed(Lead("A", "won", "Web"), won: true);
        pls.AddClosed(Lead("A", "qualified", "Web"), won: false);
        pls.AddClosed(Lead("A", "new", "Ads"), won: false);
        pls.AddClosed(Lead("A", "won", "Ads"), won: true);
        pls.AddClosed(Lead("A", "qualified", "Ads"), won: false);
        return pls;
    }

    [Fact]
    public void A_qualified_lead_from_ads_scores_as_worked_by_hand()
    {
        // S(won)  = 2.1/5.2 × (2.1/2.1 for "qualified") × (1.1/2.2 for Ads) = 2.1/5.2 × 0.5
        // S(lost) = 3.1/5.2 × (2.1/3.1 for "qualified") × (2.1/3.2 for Ads) = 2.1/5.2 × 0.65625
        // P = 0.5 / (0.5 + 0.65625) = 16/37 = 0.432432… → 43.24 %
        var probability = TeamAWithFiveClosedLeads().Probability(Lead("A", "qualified", "Ads"));

        Assert.Equal(43.24, probability);
    }

    [Fact]
    public void A_new_lead_from_the_web_scores_as_worked_by_hand()
    {
        // S(won)  = 2.1/5.2 × (2.1/2.1 for "new") × (1.1/2.2 for Web) = 2.1/5.2 × 0.5
        // S(lost) = 3.1/5.2 × (3.1/3.1 for "new") × (1.1/3.2 for Web) = 3.1/5.2 × 0.34375
        // P = 2.1×0.5 / (2.1×0.5 + 3.1×0.34375) = 1.05 / 2.115625 = 0.496307… → 49.63 %
        var probability = TeamAWithFiveClosedLeads().Probability(Lead("A", "new", "Web"));

        Assert.Equal(49.63, probability);
    }

    [Fact]
    public void An_unseen_value_is_skipped_and_an_unknown_team_uses_every_team()
    {
        var pls = TeamAWithFiveClosedLeads();

        // "TV" was never seen: only the prior and the stage count: 2.1 / (2.1 + 3.1) = 40.38 %.
        Assert.Equal(40.38, pls.Probability(Lead("A", "new", "TV")));

        // Team B has no rows, so all teams (here only A) answer: the same as team A.
        Assert.Equal(43.24, pls.Probability(Lead("B", "qualified", "Ads")));
        Assert.Equal(43.24, pls.Probability(Lead(null, "qualified", "Ads")));
    }

    [Fact]
    public void A_lead_without_stage_scores_zero_and_one_in_a_won_stage_scores_one_hundred()
    {
        var pls = TeamAWithFiveClosedLeads();

        Assert.Equal(0, pls.Probability(Lead("A", null, "Ads")));
        Assert.Equal(100, pls.Probability(Lead("A", "won", "Ads")));
    }

    [Fact]
    public void Each_team_is_scored_from_its_own_rows()
    {
        var pls = TeamAWithFiveClosedLeads();
        pls.AddClosed(Lead("B", "new", "Ads"), won: true);
        pls.AddClosed(Lead("B", "new", "Ads"), won: false);

        // Team B: stage new 1.1/1.1, Ads 1.1/1.1: every factor is 1 → 50 %.
        Assert.Equal(50, pls.Probability(Lead("B", "new", "Ads")));

        // Team A's own rows are unchanged by team B.
        Assert.Equal(43.24, pls.Probability(Lead("A", "qualified", "Ads")));
    }
}
