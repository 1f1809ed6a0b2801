using GAssistant.Hub.Crm;
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
    /// <param name="wonOnly">
    /// Read only the leads that count as won (marked won, or with a confirmed order) and that a row can get (a UTM
    /// campaign or a Meta link): each row's won deals, revenue, ROAS, cost per won and days to win are unchanged, while
    /// its lead and opportunity counts cover only those leads. <c>/api/meta/campaigns</c> and /campaigns use just the
    /// former, and a month of a busy CRM is tens of thousands of leads (bench/dashboard-queries.sh).
    /// </param>
    public async Task<AttributionReport> BuildAsync(DateOnly from, DateOnly to, AttributionLevel level, CancellationToken cancellationToken, bool wonOnly = false) =>
        AttributionCalculator.Build(from, to, level, await ReadAsync(from, to, level != AttributionLevel.Campaign, wonOnly, cancellationToken));

    /// <summary>
    /// The report at each of <paramref name="levels"/>, from one read of the database: the campaign drill-down shows a
    /// campaign's row beside its ad sets' or ads', and the read, not the sums, is what costs (bench/dashboard-queries.sh).
    /// </summary>
    /// <param name="campaignId">
    /// Only this campaign's rows are wanted: read only the leads that can be its (linked to it, or whose UTM campaign
    /// carries its name) and its own delivery, not the whole range's. Its rows are those of the full report, since a
    /// lead's campaign depends on that lead alone (<see cref="MetaCampaignMatch"/>); other campaigns' rows are partial.
    /// </param>
    public async Task<IReadOnlyDictionary<AttributionLevel, AttributionReport>> BuildAsync(DateOnly from, DateOnly to, IReadOnlyCollection<AttributionLevel> levels,
        CancellationToken cancellationToken, string? campaignId = null)
    {
        var input = await ReadAsync(from, to, levels.Any(l => l != AttributionLevel.Campaign), wonOnly: false, cancellationToken, campaignId);
        return levels.Distinct().ToDictionary(level => level, level => AttributionCalculator.Build(from, to, level, input));
    }

    private async Task<AttributionInputs> ReadAsync(DateOnly from, DateOnly to, bool withAds, bool wonOnly, CancellationToken cancellationToken,
        string? campaignId = null)
    {
        var campaigns = await MetaCampaignMatch.CampaignsAsync(db, from, to, cancellationToken);
        var deliveryDays = db.MetaDailyInsights.AsNoTracking().Where(i => i.Date >= from && i.Date <= to);
        deliveryDays = campaignId is null ? deliveryDays : deliveryDays.Where(i => i.CampaignId == campaignId);
        var delivery = await deliveryDays
            .GroupBy(i => i.CampaignId)
            .Select(g => new { CampaignId = g.Key, Spend = g.Sum(i => i.Spend), Leads = g.Sum(i => i.Leads) })
            .ToDictionaryAsync(g => g.CampaignId, g => new CampaignDelivery(g.Spend, g.Leads), StringComparer.Ordinal, cancellationToken);
        var ads = withAds ? await AdsAsync(from, to, campaignId, cancellationToken) : [];

        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // Only the columns the calculator reads, and the range as a semi-join rather than a list of every lead id: a
        // month of a busy CRM is tens of thousands of leads (bench/dashboard-queries.sh).
        var inRange = db.Leads.Where(l => !l.Deleted && !l.IsTest && l.CreateDate >= start && l.CreateDate < end);
        var confirmed = db.SaleOrders.Where(o => !o.Deleted && o.OpportunityId != null && (o.State == "sale" || o.State == "done" || o.State == "locked"))
            .Select(o => o.OpportunityId!.Value);
        var read = wonOnly
            ? inRange.Where(l => (l.IsWon || confirmed.Contains(l.OdooId)) && (l.Campaign != null || db.MetaLeadLinks.Any(k => k.OdooLeadId == l.OdooId)))
            : campaignId is null ? inRange : await OfCampaignAsync(inRange, campaigns, campaignId, cancellationToken);
        var byIds = wonOnly || campaignId is not null;
        // Dates are read only where the calculator uses them (days to win): won leads here, leads with an order below.
        var leads = await read.AsNoTracking()
            .Select(l => l.IsWon
                ? new Lead { OdooId = l.OdooId, Campaign = l.Campaign, IsWon = true, Type = l.Type, CreateDate = l.CreateDate, DateClosed = l.DateClosed }
                : new Lead { OdooId = l.OdooId, Campaign = l.Campaign, IsWon = false, Type = l.Type })
            .ToListAsync(cancellationToken);
        // Orders and links of the leads read. The won leads of a range are a few thousand: looked up by id, as one array
        // parameter (PostgreSQL's = ANY, SQLite's json_each), each probing the opportunity and lead link indexes. All the
        // leads of a range are tens of thousands: a semi-join on the range instead (bench/dashboard-queries.sh).
        var ids = leads.Select(l => l.OdooId).ToList();
        var links = await (byIds
                ? db.MetaLeadLinks.Where(k => EF.Parameter(ids).Contains(k.OdooLeadId))
                : db.MetaLeadLinks.Where(k => inRange.Any(l => l.OdooId == k.OdooLeadId)))
            .AsNoTracking().ToListAsync(cancellationToken);
        var orders = await (byIds
                ? db.SaleOrders.Where(o => o.OpportunityId != null && EF.Parameter(ids).Contains(o.OpportunityId.Value))
                : db.SaleOrders.Where(o => o.OpportunityId != null && inRange.Any(l => l.OdooId == o.OpportunityId)))
            .AsNoTracking().Where(o => !o.Deleted && (o.State == "sale" || o.State == "done" || o.State == "locked"))
            .ToListAsync(cancellationToken);
        orders = orders.Where(o => SaleOrder.IsConfirmedState(o.State)).ToList();
        await AddOrderedLeadDatesAsync(leads, orders, cancellationToken);

        var currencies = orders.Select(o => o.Currency).Concat(campaigns.Select(c => c.Currency)).Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        var rates = await db.CurrencyRates.AsNoTracking().Where(r => currencies.Contains(r.Currency)).ToListAsync(cancellationToken);
        return new AttributionInputs(campaigns, delivery, ads, leads, links, orders, new CurrencyConverter(rates));
    }

    /// <summary>
    /// Each ad's days in the range summed, with the names of its newest day (an ad renamed in Ads Manager shows its new
    /// name). Read as the ads' days and summed here: the newest name as a subquery per ad scanned the month of ad days
    /// once per ad on PostgreSQL (5 s at 500 ads, bench/dashboard-queries.sh); this reads ads × days rows once.
    /// </summary>
    private async Task<List<AdDelivery>> AdsAsync(DateOnly from, DateOnly to, string? campaignId, CancellationToken cancellationToken)
    {
        var inRange = db.MetaAdDailyInsights.AsNoTracking().Where(i => i.Date >= from && i.Date <= to);
        var days = await (campaignId is null ? inRange : inRange.Where(i => i.CampaignId == campaignId))
            .Select(i => new { i.CampaignId, i.AdsetId, i.AdId, i.Date, i.AdsetName, i.AdName, i.Spend, i.Leads })
            .ToListAsync(cancellationToken);
        return days.GroupBy(i => (i.CampaignId, i.AdsetId, i.AdId))
            .Select(g =>
            {
                var newest = g.MaxBy(i => i.Date)!;
                return new AdDelivery(g.Key.CampaignId, g.Key.AdsetId, newest.AdsetName, g.Key.AdId, newest.AdName, g.Sum(i => i.Spend), g.Sum(i => i.Leads));
            })
            .ToList();
    }

    /// <summary>
    /// The leads of the range that may belong to the campaign: those whose Meta lead it is (found through the links'
    /// campaign index, a few thousand ids however many leads the range has) and those whose UTM campaign carries one of
    /// the names the campaign is matched by. Which of them is the campaign's the calculator decides, as for the full range.
    /// </summary>
    private async Task<IQueryable<Lead>> OfCampaignAsync(IQueryable<Lead> inRange, List<MetaCampaign> campaigns, string campaignId, CancellationToken cancellationToken)
    {
        var linked = await db.MetaLeadLinks.AsNoTracking().Where(k => k.CampaignId == campaignId).Select(k => k.OdooLeadId).Distinct()
            .ToListAsync(cancellationToken);
        var name = campaigns.FirstOrDefault(c => c.Id == campaignId)?.Name.Trim().ToLowerInvariant();
        return name is null or ""
            ? inRange.Where(l => EF.Parameter(linked).Contains(l.OdooId))
            : inRange.Where(l => EF.Parameter(linked).Contains(l.OdooId) || (l.Campaign != null && l.Campaign.Trim().ToLower() == name));
    }

    /// <summary>Creation and closing dates of the leads that are not marked won but have a confirmed order.</summary>
    private async Task AddOrderedLeadDatesAsync(List<Lead> leads, List<SaleOrder> orders, CancellationToken cancellationToken)
    {
        var ordered = orders.Select(o => o.OpportunityId!.Value).ToHashSet();
        var undated = leads.Where(l => !l.IsWon && ordered.Contains(l.OdooId)).ToDictionary(l => l.OdooId);
        if (undated.Count == 0)
        {
            return;
        }

        var ids = undated.Keys.ToList();
        foreach (var dates in await db.Leads.AsNoTracking().Where(l => EF.Parameter(ids).Contains(l.OdooId))
            .Select(l => new { l.OdooId, l.CreateDate, l.DateClosed }).ToListAsync(cancellationToken))
        {
            undated[dates.OdooId].CreateDate = dates.CreateDate;
            undated[dates.OdooId].DateClosed = dates.DateClosed;
        }
    }
}
