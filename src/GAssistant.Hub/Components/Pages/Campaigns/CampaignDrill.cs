using GAssistant.Hub.Analytics;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Components.Pages.Campaigns;

/// <summary>One row of the drill-down: an ad set of the campaign, or an ad of the ad set, with Meta's spend and Odoo's outcome.</summary>
public sealed record DrillRow(
    string? Id, string Name, decimal? Spend, long? MetaLeads, int Leads, int Qualified, int Won, decimal Revenue, string? Currency,
    decimal? CostPerLead, decimal? CostPerQualified, decimal? CostPerWon, decimal? Roas)
{
    /// <summary>A row without an id holds the campaign's leads Meta did not name an ad set or ad for (known by their UTM campaign).</summary>
    public static DrillRow From(string? id, string? name, AttributionRow row) => new(
        id, name ?? id ?? "", row.Spend, row.MetaLeads, row.Leads, row.Opportunities, row.Won, row.Revenue, row.Currency,
        row.CostPerLead, Divide(row.Spend, row.Opportunities), row.CostPerWon, row.Roas);

    internal static decimal? Divide(decimal? spend, int count) => spend is { } s && count > 0 ? Math.Round(s / count, 2) : null;
}

/// <summary>
/// Where a campaign's leads came from (issue 22 item 4): its ad sets, an ad set's ads, and the Odoo ids of one ad's leads,
/// with the figures at each level from the same attribution as <c>GET /api/analytics/attribution</c> (<c>level=adset</c>,
/// <c>level=ad</c>), so a drill-down adds up to the campaign row of /campaigns. "Qualified" is an opportunity in Odoo (or
/// won), as the attribution counts opportunities.
/// </summary>
public sealed record CampaignDrill(
    string CampaignId, string? CampaignName, string? AdsetId, string? AdsetName, string? AdId, string? AdName,
    DrillRow? Total, IReadOnlyList<DrillRow> Rows, IReadOnlyList<long> LeadIds)
{
    public bool Known => CampaignName is not null;

    public static async Task<CampaignDrill> LoadAsync(HubDbContext db, AttributionService attribution, string campaignId, string? adsetId, string? adId,
        DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        // One read of the attribution for every level the page shows (the read is what costs).
        var reports = await attribution.BuildAsync(from, to,
            adsetId is null ? [AttributionLevel.Campaign, AttributionLevel.Adset] : [AttributionLevel.Adset, AttributionLevel.Ad], cancellationToken, campaignId);
        var campaignRow = reports.TryGetValue(AttributionLevel.Campaign, out var campaign)
            ? campaign.Rows.FirstOrDefault(r => r.CampaignId == campaignId)
            : null;
        var name = campaignRow?.CampaignName
            ?? reports.Values.SelectMany(r => r.Rows).FirstOrDefault(r => r.CampaignId == campaignId && r.CampaignName is not null)?.CampaignName
            ?? await db.MetaCampaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken)
            ?? await db.MetaAdDailyInsights.AsNoTracking().Where(i => i.CampaignId == campaignId).Select(i => i.CampaignName).FirstOrDefaultAsync(cancellationToken);

        var ofCampaign = reports[adsetId is null ? AttributionLevel.Adset : AttributionLevel.Ad].Rows.Where(r => r.CampaignId == campaignId).ToList();
        string? adsetName = null, adName = null;
        IReadOnlyList<DrillRow> rows;
        DrillRow? total = campaignRow is null ? null : DrillRow.From(campaignId, name, campaignRow);
        if (adsetId is null)
        {
            rows = ofCampaign.Select(r => DrillRow.From(r.AdsetId, r.AdsetName, r)).ToList();
        }
        else
        {
            var ofAdset = ofCampaign.Where(r => r.AdsetId == adsetId).ToList();
            adsetName = ofAdset.Select(r => r.AdsetName).FirstOrDefault(n => n is not null) ?? await AdsetNameAsync(db, adsetId, cancellationToken);
            rows = ofAdset.Select(r => DrillRow.From(r.AdId, r.AdName, r)).ToList();
            total = reports[AttributionLevel.Adset].Rows.FirstOrDefault(r => r.CampaignId == campaignId && r.AdsetId == adsetId) is { } a
                ? DrillRow.From(adsetId, adsetName, a)
                : null;
            if (adId is not null)
            {
                var ad = ofAdset.FirstOrDefault(r => r.AdId == adId);
                adName = ad?.AdName ?? await db.MetaAdDailyInsights.AsNoTracking().Where(i => i.AdId == adId).Select(i => i.AdName).FirstOrDefaultAsync(cancellationToken);
                total = ad is null ? null : DrillRow.From(adId, adName, ad);
                rows = [];
            }
        }

        rows = rows.OrderByDescending(r => r.Spend ?? 0).ThenByDescending(r => r.Leads).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var leadIds = adId is null ? [] : await LeadsOfAdAsync(db, campaignId, adId, from, to, cancellationToken);
        return new CampaignDrill(campaignId, name, adsetId, adsetName, adId, adName, total, rows, leadIds);
    }

    private static async Task<string?> AdsetNameAsync(HubDbContext db, string adsetId, CancellationToken cancellationToken) =>
        await db.MetaAdDailyInsights.AsNoTracking().Where(i => i.AdsetId == adsetId).Select(i => i.AdsetName).FirstOrDefaultAsync(cancellationToken)
        ?? await db.MetaLeadLinks.AsNoTracking().Where(k => k.AdsetId == adsetId).Select(k => k.AdsetName).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The Odoo leads Meta says came from the ad, created in the range (the attribution's leads of that ad row).</summary>
    private static async Task<IReadOnlyList<long>> LeadsOfAdAsync(HubDbContext db, string campaignId, string adId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return await db.MetaLeadLinks.AsNoTracking().Where(k => k.AdId == adId && k.CampaignId == campaignId)
            .Where(k => db.Leads.Any(l => l.OdooId == k.OdooLeadId && !l.Deleted && !l.IsTest && l.CreateDate >= start && l.CreateDate < end))
            .Select(k => k.OdooLeadId).Distinct().ToListAsync(cancellationToken);
    }
}
