using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Analytics;

/// <summary>
/// Closed-loop attribution of Meta spend to what Odoo sold (<see cref="AttributionCalculator"/>), read from the hub's
/// database: Meta campaigns and daily insights (campaign level, and ad level for ad set and ad rows), the Odoo replica's leads and confirmed sale orders, the Meta lead links
/// and Odoo's currency rates. Served by <c>GET /api/analytics/attribution</c> and <c>GET /api/meta/campaigns</c>; the
/// <c>/campaigns</c> page calls it directly.
/// </summary>
public sealed class AttributionService(HubDbContext db)
{
    public async Task<AttributionReport> BuildAsync(DateOnly from, DateOnly to, AttributionLevel level, CancellationToken cancellationToken)
    {
        var campaigns = await CampaignsAsync(from, to, cancellationToken);
        var delivery = await db.MetaDailyInsights.AsNoTracking().Where(i => i.Date >= from && i.Date <= to)
            .GroupBy(i => i.CampaignId)
            .Select(g => new { CampaignId = g.Key, Spend = g.Sum(i => i.Spend), Leads = g.Sum(i => i.Leads) })
            .ToDictionaryAsync(g => g.CampaignId, g => new CampaignDelivery(g.Spend, g.Leads), StringComparer.Ordinal, cancellationToken);
        var ads = level == AttributionLevel.Campaign ? [] : await AdsAsync(from, to, cancellationToken);

        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var leads = await db.Leads.AsNoTracking().Where(l => !l.Deleted && l.CreateDate >= start && l.CreateDate < end).ToListAsync(cancellationToken);
        var leadIds = leads.Select(l => l.OdooId).ToList();
        var links = await db.MetaLeadLinks.AsNoTracking().Where(l => leadIds.Contains(l.OdooLeadId)).ToListAsync(cancellationToken);
        var orders = await db.SaleOrders.AsNoTracking()
            .Where(o => !o.Deleted && o.OpportunityId != null && leadIds.Contains(o.OpportunityId.Value)
                && (o.State == "sale" || o.State == "done" || o.State == "locked"))
            .ToListAsync(cancellationToken);
        orders = orders.Where(o => SaleOrder.IsConfirmedState(o.State)).ToList();

        var currencies = orders.Select(o => o.Currency).Concat(campaigns.Select(c => c.Currency)).Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        var rates = await db.CurrencyRates.AsNoTracking().Where(r => currencies.Contains(r.Currency)).ToListAsync(cancellationToken);
        return AttributionCalculator.Build(from, to, level, new AttributionInputs(campaigns, delivery, ads, leads, links, orders, new CurrencyConverter(rates)));
    }

    /// <summary>Each ad's days in the range summed, with the names of its newest day (an ad renamed in Ads Manager shows its new name).</summary>
    private Task<List<AdDelivery>> AdsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        db.MetaAdDailyInsights.AsNoTracking().Where(i => i.Date >= from && i.Date <= to)
            .GroupBy(i => new { i.CampaignId, i.AdsetId, i.AdId })
            .Select(g => new AdDelivery(g.Key.CampaignId, g.Key.AdsetId,
                g.OrderByDescending(i => i.Date).Select(i => i.AdsetName).FirstOrDefault(), g.Key.AdId,
                g.OrderByDescending(i => i.Date).Select(i => i.AdName).FirstOrDefault(), g.Sum(i => i.Spend), g.Sum(i => i.Leads)))
            .ToListAsync(cancellationToken);

    /// <summary>Every known campaign with its ad account's currency; a campaign seen only in insights is known by its insight name.</summary>
    private async Task<List<MetaCampaign>> CampaignsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var campaigns = await db.MetaCampaigns.AsNoTracking().ToListAsync(cancellationToken);
        var accounts = await db.MetaAdAccounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Currency, cancellationToken);
        foreach (var campaign in campaigns.Where(c => string.IsNullOrEmpty(c.Currency)))
        {
            campaign.Currency = accounts.GetValueOrDefault(campaign.AdAccountId);
        }

        var known = campaigns.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var orphans = await db.MetaDailyInsights.AsNoTracking().Where(i => i.Date >= from && i.Date <= to && !known.Contains(i.CampaignId))
            .Select(i => new { i.CampaignId, i.CampaignName, i.Currency, i.AdAccountId }).Distinct().ToListAsync(cancellationToken);
        campaigns.AddRange(orphans.DistinctBy(o => o.CampaignId).Select(o => new MetaCampaign
        {
            Id = o.CampaignId, Name = o.CampaignName ?? o.CampaignId, Currency = o.Currency, AdAccountId = o.AdAccountId,
        }));
        return campaigns;
    }
}
