using GAssistant.Hub.Scheduling;
using GAssistant.Hub.Analytics;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using GAssistant.Hub.Meta;

namespace GAssistant.Hub.Reports;

/// <summary>
/// The report's figures from the hub's own database: CRM figures as <c>GET /api/crm/summary</c> computes them,
/// campaign figures (spend from Meta, won deals and revenue from the closed-loop attribution) as <c>GET /api/meta/campaigns</c> does, for the period and the previous one.
/// </summary>
public static class ReportBuilder
{
    public const int RankedCampaigns = 3;

    /// <param name="working">The business's working clock: time to first response counts working minutes, as /crm does.</param>
    public static async Task<ReportData> BuildAsync(HubDbContext db, AttributionService attribution, ReportKind kind, ReportPeriod period,
        WorkingClock working, DateTime now, CancellationToken cancellationToken)
    {
        var previous = period.Previous;
        var crm = await CrmSummary.ComputeAsync(db, Filter(period), cancellationToken);
        var crmBefore = await CrmSummary.ComputeAsync(db, Filter(previous), cancellationToken);
        var answered = (await ResponseTimes.LoadAsync(db, Filter(period), working, now, cancellationToken)).Overall;
        var answeredBefore = (await ResponseTimes.LoadAsync(db, Filter(previous), working, now, cancellationToken)).Overall;
        var ads = await CampaignReport.BuildAsync(db, attribution, period.From, period.To, cancellationToken);
        var adsBefore = await CampaignReport.BuildAsync(db, attribution, previous.From, previous.To, cancellationToken);

        var t = ads.Totals;
        var b = adsBefore.Totals;
        ReportFigure[] figures =
        [
            new("leads", crm.TotalLeads, crmBefore.TotalLeads, IsMoney: false),
            new("won", crm.Won, crmBefore.Won, IsMoney: false),
            new("conversion_rate", (decimal)crm.ConversionRate, (decimal)crmBefore.ConversionRate, IsMoney: false),
            new("expected_revenue", crm.ExpectedRevenue, crmBefore.ExpectedRevenue, IsMoney: true),
            new("first_response_median", Minutes(answered?.WorkingMedian), Minutes(answeredBefore?.WorkingMedian), IsMoney: false, HigherIsBetter: false, IsMinutes: true),
            new("first_response_p90", Minutes(answered?.WorkingP90), Minutes(answeredBefore?.WorkingP90), IsMoney: false, HigherIsBetter: false, IsMinutes: true),
            new("first_response_median_clock", Minutes(answered?.ClockMedian), Minutes(answeredBefore?.ClockMedian), IsMoney: false, HigherIsBetter: false, IsMinutes: true),
            new("spend", t.Spend, b.Spend, IsMoney: true, HigherIsBetter: false),
            new("meta_leads", t.Leads, b.Leads, IsMoney: false),
            new("cpl", t.Cpl, b.Cpl, IsMoney: true, HigherIsBetter: false),
            new("revenue", t.Revenue, b.Revenue, IsMoney: true),
            new("roas", t.Roas, b.Roas, IsMoney: false),
        ];

        var campaigns = ads.Campaigns;
        var withRoas = campaigns.Where(c => c.Roas is not null).ToList();
        var withCpl = campaigns.Where(c => c.Cpl is not null).ToList();
        return new ReportData(
            kind,
            period,
            t.Currency ?? crm.Currency,
            figures,
            campaigns,
            withRoas.OrderByDescending(c => c.Roas).ThenByDescending(c => c.Spend).Take(RankedCampaigns).ToList(),
            withRoas.OrderBy(c => c.Roas).ThenByDescending(c => c.Spend).Take(RankedCampaigns).ToList(),
            withCpl.OrderBy(c => c.Cpl).ThenByDescending(c => c.Leads).Take(RankedCampaigns).ToList(),
            withCpl.OrderByDescending(c => c.Cpl).ThenByDescending(c => c.Spend).Take(RankedCampaigns).ToList(),
            ReportRecommendations.For(campaigns, t));
    }

    private static decimal? Minutes(TimeSpan? time) => time is { } t ? Math.Round((decimal)t.TotalMinutes, 1) : null;

    private static LeadFilter Filter(ReportPeriod period) => new()
    {
        From = period.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        To = period.To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
    };
}
