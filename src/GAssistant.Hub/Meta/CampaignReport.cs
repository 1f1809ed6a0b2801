using GAssistant.Hub.Analytics;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Meta;

/// <summary>CONTRACT.md <c>GET /api/meta/campaigns</c> row; money in <see cref="Currency"/> (the ad account's).</summary>
/// <param name="Leads">Instant Forms leads, which <paramref name="Cpl"/> divides by.</param>
/// <param name="WebsiteLeads">Leads the website's pixel saw, shown apart (beyond CONTRACT.md).</param>
public sealed record CampaignRow(string Id, string Name, string? Status, string? EffectiveStatus, string? Objective, decimal Spend, long Impressions,
    long Clicks, decimal? Ctr, long Leads, decimal? Cpl, int Won, decimal Revenue, decimal? Roas, string? Currency, long WebsiteLeads = 0);

public sealed record CampaignTotals(decimal Spend, long Leads, decimal? Cpl, int Won, decimal Revenue, decimal? Roas, string? Currency, long WebsiteLeads = 0);

public sealed record CampaignsResponse(bool Success, IReadOnlyList<CampaignRow> Campaigns, CampaignTotals Totals, string Message);

/// <summary>
/// Spend, leads, CPL and CTR from the stored insights; won deals, revenue and ROAS from the closed-loop attribution
/// (<see cref="AttributionService"/>): Odoo leads created in the range, linked by Meta id or by UTM campaign name, and
/// the untaxed amount of their confirmed sale orders, converted to the account currency with Odoo's rates.
/// </summary>
public static class CampaignReport
{
    public static async Task<CampaignsResponse> BuildAsync(HubDbContext db, AttributionService attributionService, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var insights = await db.MetaDailyInsights.AsNoTracking().Where(i => i.Date >= from && i.Date <= to)
            .GroupBy(i => i.CampaignId)
            .Select(g => new
            {
                CampaignId = g.Key, Spend = g.Sum(i => i.Spend), Impressions = g.Sum(i => i.Impressions), Clicks = g.Sum(i => i.Clicks),
                Leads = g.Sum(i => i.Leads), WebsiteLeads = g.Sum(i => i.WebsiteLeads),
            })
            .ToDictionaryAsync(g => g.CampaignId, cancellationToken);
        var campaigns = await db.MetaCampaigns.AsNoTracking().ToListAsync(cancellationToken);
        var names = await db.MetaDailyInsights.AsNoTracking().Where(i => i.Date >= from && i.Date <= to)
            .Select(i => new { i.CampaignId, i.CampaignName, i.Currency }).Distinct().ToListAsync(cancellationToken);
        foreach (var orphan in names.Where(n => campaigns.All(c => c.Id != n.CampaignId)).DistinctBy(n => n.CampaignId))
        {
            campaigns.Add(new MetaCampaign { Id = orphan.CampaignId, Name = orphan.CampaignName ?? orphan.CampaignId, Currency = orphan.Currency });
        }

        var attribution = (await attributionService.BuildAsync(from, to, AttributionLevel.Campaign, cancellationToken, wonOnly: true)).Rows
            .ToDictionary(r => r.CampaignId ?? "", StringComparer.Ordinal);

        var rows = new List<CampaignRow>();
        foreach (var campaign in campaigns)
        {
            var closed = attribution.GetValueOrDefault(campaign.Id);
            var won = closed?.Won ?? 0;
            var revenue = closed?.Revenue ?? 0;
            var stats = insights.GetValueOrDefault(campaign.Id);
            // An inactive campaign without delivery in the range still shows when it brought leads (won or not; the
            // attribution above read only won ones, so the rare campaign in question is looked up on its own).
            if (stats is null && (closed?.Leads ?? 0) == 0 && campaign.EffectiveStatus != "ACTIVE" && !await HasLeadsAsync(db, campaign, from, to, cancellationToken))
            {
                continue;
            }

            var spend = stats?.Spend ?? 0;
            var impressions = stats?.Impressions ?? 0;
            var clicks = stats?.Clicks ?? 0;
            var leadCount = stats?.Leads ?? 0;
            rows.Add(new CampaignRow(campaign.Id, campaign.Name, campaign.Status ?? campaign.EffectiveStatus, campaign.EffectiveStatus, campaign.Objective,
                Round(spend), impressions, clicks, impressions == 0 ? null : Round(100m * clicks / impressions), leadCount,
                leadCount == 0 ? null : Round(spend / leadCount), won, Round(revenue), spend == 0 ? null : Round(revenue / spend), campaign.Currency,
                stats?.WebsiteLeads ?? 0));
        }

        rows = rows.OrderByDescending(r => r.Spend).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var totalSpend = rows.Sum(r => r.Spend);
        var totalLeads = rows.Sum(r => r.Leads);
        var totalRevenue = rows.Sum(r => r.Revenue);
        var currencies = rows.Select(r => r.Currency).Where(c => c is not null).Distinct().ToList();
        var totals = new CampaignTotals(totalSpend, totalLeads, totalLeads == 0 ? null : Round(totalSpend / totalLeads), rows.Sum(r => r.Won),
            totalRevenue, totalSpend == 0 ? null : Round(totalRevenue / totalSpend), currencies.Count == 1 ? currencies[0] : null, rows.Sum(r => r.WebsiteLeads));
        return new CampaignsResponse(true, rows, totals, $"{rows.Count} campaigns from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}.");
    }

    /// <summary>Leads created in the range that attribution gives to this campaign: linked by Meta id, or by its name as UTM campaign.</summary>
    private static Task<bool> HasLeadsAsync(HubDbContext db, MetaCampaign campaign, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var name = campaign.Name.Trim().ToLower();
        return db.Leads.AnyAsync(l => !l.Deleted && !l.IsTest && l.CreateDate >= start && l.CreateDate < end
            && (db.MetaLeadLinks.Any(k => k.OdooLeadId == l.OdooId && k.CampaignId == campaign.Id) || (l.Campaign != null && l.Campaign.Trim().ToLower() == name)),
            cancellationToken);
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
