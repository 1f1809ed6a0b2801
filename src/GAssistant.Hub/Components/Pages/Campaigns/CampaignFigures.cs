using GAssistant.Hub.Analytics;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using GAssistant.Hub.Insights;
using GAssistant.Hub.Meta;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Components.Pages.Campaigns;

public sealed record SpendDay(DateOnly Day, decimal Spend, long Leads);

/// <summary>
/// What /campaigns shows: the report of <c>GET /api/meta/campaigns</c> (<see cref="CampaignReport"/>, the same code),
/// daily spend and leads for the chart, the campaign recommendations, and the quality of the leads at the door.
/// </summary>
public sealed record CampaignFigures(CampaignsResponse Report, IReadOnlyList<SpendDay> Days, IReadOnlyList<Insight> Insights, bool Connected)
{
    public IReadOnlyList<LeadQualityRow> Quality { get; init; } = [];

    /// <summary>Days at the end of the range over which "spends its whole budget" is judged.</summary>
    public const int BudgetWindowDays = 7;

    public static async Task<CampaignFigures> LoadAsync(HubDbContext db, AttributionService attribution, DateOnly from, DateOnly to, decimal targetRoas,
        CancellationToken cancellationToken)
    {
        var report = await CampaignReport.BuildAsync(db, attribution, from, to, cancellationToken);
        var days = await DaysAsync(db, from, to, cancellationToken);
        var windowStart = to.AddDays(-(BudgetWindowDays - 1)) < from ? from : to.AddDays(-(BudgetWindowDays - 1));
        var recent = await db.MetaDailyInsights.AsNoTracking().Where(i => i.Date >= windowStart && i.Date <= to)
            .GroupBy(i => i.CampaignId).Select(g => new { g.Key, Spend = g.Sum(i => i.Spend), Days = g.Count() })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        var budgets = await db.MetaCampaigns.AsNoTracking().Where(c => c.DailyBudget != null)
            .Select(c => new { c.Id, c.DailyBudget }).ToDictionaryAsync(c => c.Id, c => c.DailyBudget, cancellationToken);

        // Meta gives budgets in the currency's minor units (cents for the usual two-decimal currencies).
        var results = report.Campaigns.Select(c => new CampaignResult(c.Name, c.Spend, c.Leads, c.Won, c.Revenue,
            budgets.GetValueOrDefault(c.Id) is { } b ? b / 100m : null,
            recent.GetValueOrDefault(c.Id) is { Days: > 0 } r ? r.Spend / r.Days : 0)).ToList();
        var insights = new List<Insight>();
        insights.AddRange(new HighCplWithoutWinsRule().Evaluate(results));
        insights.AddRange(new BudgetLimitedWinnerRule(targetRoas).Evaluate(results));
        var connected = report.Campaigns.Count > 0 || await db.MetaCampaigns.AnyAsync(cancellationToken) || await db.MetaDailyInsights.AnyAsync(cancellationToken);
        return new CampaignFigures(report, days, insights, connected)
        {
            Quality = await LeadQuality.PerCampaignAsync(db, from, to, cancellationToken),
        };
    }

    /// <summary>
    /// What the page compares with: the totals and the days of another period, without its recommendations and lead
    /// quality, which the page shows for its own period only.
    /// </summary>
    public static async Task<(CampaignTotals Totals, IReadOnlyList<SpendDay> Days)> LoadComparedAsync(HubDbContext db, AttributionService attribution,
        DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        ((await CampaignReport.BuildAsync(db, attribution, from, to, cancellationToken)).Totals, await DaysAsync(db, from, to, cancellationToken));

    private static async Task<IReadOnlyList<SpendDay>> DaysAsync(HubDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        (await db.MetaDailyInsights.AsNoTracking().Where(i => i.Date >= from && i.Date <= to)
            .GroupBy(i => i.Date).Select(g => new { Day = g.Key, Spend = g.Sum(i => i.Spend), Leads = g.Sum(i => i.Leads) })
            .OrderBy(d => d.Day).ToListAsync(cancellationToken))
        .Select(d => new SpendDay(d.Day, d.Spend, d.Leads)).ToList();
}
