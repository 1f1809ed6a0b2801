using GAssistant.Hub.Meta;

namespace GAssistant.Hub.Reports;

/// <summary>A key figure of the period against the previous period of the same length.</summary>
/// <param name="Key">leads, won, conversion_rate, expected_revenue, first_response_median, first_response_p90,
/// first_response_median_clock, spend, meta_leads, cpl, revenue, roas.</param>
/// <param name="HigherIsBetter">False for costs (CPL): a rise is shown as worse.</param>
/// <param name="IsMinutes">A time in minutes (time to first response), shown with one decimal.</param>
public sealed record ReportFigure(string Key, decimal? Current, decimal? Previous, bool IsMoney, bool HigherIsBetter = true, bool IsMinutes = false)
{
    /// <summary>Change in percent of the previous value; none when there was nothing before.</summary>
    public decimal? ChangePercent => Current is { } c && Previous is { } p && p != 0 ? Math.Round(100m * (c - p) / Math.Abs(p), 1) : null;
}

/// <summary>A suggested action on one campaign, from <see cref="ReportRecommendations"/>.</summary>
/// <param name="Kind">scale, pause, review_cpl, check_tracking.</param>
public sealed record Recommendation(string Kind, string CampaignName, decimal? Value);

/// <summary>Everything a report shows, computed once and rendered as HTML, text and CSV in either language.</summary>
public sealed record ReportData(
    ReportKind Kind,
    ReportPeriod Period,
    string? Currency,
    IReadOnlyList<ReportFigure> Figures,
    IReadOnlyList<CampaignRow> Campaigns,
    IReadOnlyList<CampaignRow> TopByRoas,
    IReadOnlyList<CampaignRow> WorstByRoas,
    IReadOnlyList<CampaignRow> BestByCpl,
    IReadOnlyList<CampaignRow> WorstByCpl,
    IReadOnlyList<Recommendation> Recommendations)
{
    public ReportFigure Figure(string key) => Figures.Single(f => f.Key == key);
}
