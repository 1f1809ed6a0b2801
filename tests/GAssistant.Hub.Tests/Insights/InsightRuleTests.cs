using GAssistant.Hub.Insights;

namespace GAssistant.Hub.Tests.Insights;

/// <summary>The recommendation rules with worked numbers: each fires exactly when its stated thresholds are met.</summary>
public sealed class InsightRuleTests
{
    [Fact]
    public void A_stage_with_4_of_6_open_leads_untouched_is_going_stale()
    {
        var insights = new StaleLeadsRule().Evaluate([new StageAge("Qualified", 6, 4, 48000m), new StageAge("New", 20, 2, 9000m)]);

        var insight = Assert.Single(insights);
        Assert.Equal("Qualified", insight.Subject);
        // stage, stale, open, share %, days, stale revenue
        Assert.Equal(["Qualified", 4, 6, 66.7, 14, 48000m], insight.Args);
    }

    [Theory]
    [InlineData(10, 2)] // fewer than 3 stale leads
    [InlineData(20, 5)] // 25 % of the stage, under 30 %
    public void A_few_old_leads_are_not_called_stale(int open, int stale) =>
        Assert.Empty(new StaleLeadsRule().Evaluate([new StageAge("New", open, stale, 1m)]));

    [Fact]
    public void Conversion_falling_from_50_to_12_5_percent_is_reported_with_both_periods()
    {
        var insights = new FallingConversionRule().Evaluate([new SourcePeriods("Facebook", 16, 2, 12, 6), new SourcePeriods("Website", 13, 2, 10, 2)]);

        var insight = Assert.Single(insights);
        Assert.Equal(["Facebook", 50.0, 12.5, 6, 12, 2, 16], insight.Args);
    }

    [Theory]
    [InlineData(16, 2, 8, 6)]    // previous period under 10 leads
    [InlineData(100, 18, 100, 22)] // 4 points down: under the 5-point minimum
    [InlineData(100, 50, 100, 60)] // 10 points but only 17 % of 60: under the 25 % relative minimum
    public void Small_or_slight_drops_are_not_reported(int leads, int won, int previousLeads, int previousWon) =>
        Assert.Empty(new FallingConversionRule().Evaluate([new SourcePeriods("Facebook", leads, won, previousLeads, previousWon)]));

    [Fact]
    public void A_campaign_at_24_times_the_median_cpl_without_wins_is_flagged()
    {
        // CPLs 32.67, 750, 25, 30 → sorted 25, 30, 32.67, 750 → median (30 + 32.67) / 2 = 31.33; 750 / 31.33 = 23.9.
        CampaignResult[] campaigns =
        [
            new("Ramadan Offer", 2940m, 90, 2, 20000m, 100m, 98m),
            new("Brand Awareness", 4500m, 6, 0, 0m, 200m, 150m),
            new("Summer Sale", 1500m, 60, 0, 0m, 100m, 50m),
            new("Retargeting", 900m, 30, 0, 0m, 50m, 30m),
        ];

        var insight = Assert.Single(new HighCplWithoutWinsRule().Evaluate(campaigns));
        Assert.Equal(["Brand Awareness", 750m, 31.33m, 23.9m, 6L, 4500m], insight.Args);
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two() =>
        Assert.Equal(2.5m, HighCplWithoutWinsRule.Median([1m, 2m, 3m, 100m]));

    [Fact]
    public void No_median_is_judged_from_fewer_than_three_campaigns() =>
        Assert.Empty(new HighCplWithoutWinsRule().Evaluate([new("A", 100m, 1, 0, 0m, null, 0m), new("B", 1m, 1, 0, 0m, null, 0m)]));

    [Fact]
    public void A_campaign_over_the_roas_target_spending_98_of_100_a_day_should_get_more_budget()
    {
        CampaignResult[] campaigns =
        [
            new("Ramadan Offer", 2940m, 90, 2, 20000m, 100m, 98m),  // ROAS 6.80, 98 % of budget
            new("Summer Sale", 1500m, 60, 1, 6000m, 100m, 50m),    // ROAS 4, but spends half its budget
            new("Retargeting", 900m, 30, 0, 1000m, 30m, 30m),      // at budget, ROAS 1.11
        ];

        var insight = Assert.Single(new BudgetLimitedWinnerRule(3m).Evaluate(campaigns));
        Assert.Equal(["Ramadan Offer", 6.8m, 3m, 98m, 100m, 98m], insight.Args);
    }
}
