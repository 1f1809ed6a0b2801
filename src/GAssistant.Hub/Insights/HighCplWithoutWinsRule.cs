namespace GAssistant.Hub.Insights;

/// <summary>One campaign's figures for the chosen dates, money in the account currency.</summary>
public sealed record CampaignResult(string Name, decimal Spend, long Leads, int Won, decimal Revenue, decimal? DailyBudget, decimal AverageDailySpend);

/// <summary>
/// "Expensive leads that do not close": a campaign whose cost per lead is at least <see cref="Factor"/> times the
/// median CPL of the account's campaigns and that has no won deal. Needs at least <see cref="MinimumCampaigns"/>
/// campaigns with leads for the median to mean something.
/// </summary>
public sealed class HighCplWithoutWinsRule
{
    public const string Code = "HighCplNoWins";
    public const decimal Factor = 2m;
    public const int MinimumCampaigns = 3;

    public IReadOnlyList<Insight> Evaluate(IReadOnlyList<CampaignResult> campaigns)
    {
        var cpls = campaigns.Where(c => c.Leads > 0).Select(c => c.Spend / c.Leads).Order().ToList();
        if (cpls.Count < MinimumCampaigns)
        {
            return [];
        }

        var median = Median(cpls);
        return campaigns.Where(c => c.Leads > 0 && c.Won == 0 && median > 0 && c.Spend / c.Leads >= Factor * median)
            .OrderByDescending(c => c.Spend)
            .Select(c => new Insight(Code, InsightLevel.Warning, c.Name,
                [c.Name, Math.Round(c.Spend / c.Leads, 2), Math.Round(median, 2), Math.Round(c.Spend / c.Leads / median, 1), c.Leads, c.Spend]))
            .ToList();
    }

    public static decimal Median(IReadOnlyList<decimal> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
