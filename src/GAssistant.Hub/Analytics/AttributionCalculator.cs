using System.Globalization;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;

namespace GAssistant.Hub.Analytics;

/// <summary>What the calculator needs, already read from the database.</summary>
/// <param name="Campaigns">Meta campaigns with their ad account's currency.</param>
/// <param name="Delivery">Meta's spend and lead count per campaign id over the range (campaign-level insights).</param>
/// <param name="Ads">Meta's spend and lead count per ad over the range (ad-level insights); read for ad set and ad rows.</param>
/// <param name="Leads">Odoo leads created in the range (not deleted).</param>
/// <param name="Links">The Meta lead behind each of those leads, when the hub made it.</param>
/// <param name="Orders">Confirmed sale orders of those leads.</param>
public sealed record AttributionInputs(
    IReadOnlyList<MetaCampaign> Campaigns,
    IReadOnlyDictionary<string, CampaignDelivery> Delivery,
    IReadOnlyList<AdDelivery> Ads,
    IReadOnlyList<Lead> Leads,
    IReadOnlyList<MetaLeadLink> Links,
    IReadOnlyList<SaleOrder> Orders,
    CurrencyConverter Rates);

public sealed record CampaignDelivery(decimal Spend, long Leads);

/// <summary>One ad's summed days in the range, with Meta's current names of the ad and its ad set.</summary>
public sealed record AdDelivery(string CampaignId, string AdsetId, string? AdsetName, string AdId, string? AdName, decimal Spend, long Leads);

/// <summary>
/// Closed-loop attribution, pure. A lead belongs to the campaign, ad set and ad of its Meta lead (<see cref="MetaLeadLink"/>);
/// a lead that reached Odoo some other way belongs to the Meta campaign whose name its UTM campaign carries (ad set and ad
/// unknown). A lead is won when Odoo marks it won or when it has a confirmed order; its revenue is the untaxed amount of
/// its confirmed orders, converted to the campaign's currency at the order date's Odoo rate. It is a cohort: leads created
/// in the range, with everything they have sold so far. Campaign rows and the totals take spend from campaign-level
/// insights; ad set and ad rows from the ad-level ones, summed (<see cref="AdLevelDelivery"/>).
/// </summary>
public static class AttributionCalculator
{
    public static AttributionReport Build(DateOnly from, DateOnly to, AttributionLevel level, AttributionInputs input)
    {
        var campaigns = input.Campaigns.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var match = new MetaCampaignMatch(input.Campaigns, input.Links);
        var orders = input.Orders.Where(o => o.OpportunityId is not null).GroupBy(o => o.OpportunityId!.Value).ToDictionary(g => g.Key, g => g.ToList());

        var groups = new Dictionary<(string, string?, string?), (Key Key, List<Lead> Leads)>();
        var unattributed = 0;
        foreach (var lead in input.Leads)
        {
            var key = Attribute(lead, match, campaigns, level);
            if (key is null)
            {
                unattributed++;
                continue;
            }

            // Grouped by ids only: a campaign renamed between two leads is still one campaign.
            (groups.TryGetValue(key.Ids, out var group) ? group : groups[key.Ids] = (key, [])).Leads.Add(lead);
        }

        var below = AdLevelDelivery.Build(level, input);
        if (level == AttributionLevel.Campaign)
        {
            foreach (var (id, delivery) in input.Delivery.Where(d => d.Value.Spend != 0 || d.Value.Leads != 0))
            {
                groups.TryAdd((id, null, null), (new Key(id, campaigns.GetValueOrDefault(id)?.Name, null, null, null, null), []));
            }
        }
        else
        {
            foreach (var (ids, delivery) in below.ByKey.Where(d => d.Value.Spend != 0 || d.Value.Leads != 0))
            {
                groups.TryAdd(ids, (new Key(ids.CampaignId, campaigns.GetValueOrDefault(ids.CampaignId)?.Name, ids.AdsetId, null, ids.AdId, null), []));
            }
        }

        var rows = groups.Values.Select(g => Row(g.Key, g.Leads, level, campaigns, input, below, orders))
            .OrderByDescending(r => r.Spend ?? 0).ThenByDescending(r => r.Revenue).ThenBy(r => r.CampaignName ?? r.CampaignId, StringComparer.Ordinal)
            .ThenBy(r => r.AdsetName ?? r.AdsetId, StringComparer.Ordinal).ThenBy(r => r.AdName ?? r.AdId, StringComparer.Ordinal).ToList();
        var totals = Totals(rows, groups.Values.SelectMany(g => g.Leads).ToList(), input, orders, unattributed, out var totalNotes);
        var notes = rows.SelectMany(r => r.Notes).Concat(totalNotes).Distinct(StringComparer.Ordinal).ToList();
        if (level != AttributionLevel.Campaign)
        {
            notes.Add("Ad set and ad spend are Meta's ad-level insights summed; the totals are campaign-level spend, which also counts deleted ads.");
        }

        var levelName = level.ToString().ToLowerInvariant();
        return new AttributionReport(true, from, to, levelName, rows, totals, notes, string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count} {levelName} rows: Odoo leads created from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} and the orders they have brought so far."));
    }

    /// <summary>The lead's campaign by <see cref="MetaCampaignMatch"/> (the rule /crm's funnel costs share); ad set and ad from its Meta lead.</summary>
    private static Key? Attribute(Lead lead, MetaCampaignMatch match, Dictionary<string, MetaCampaign> campaigns, AttributionLevel level)
    {
        if (match.LinkOf(lead.OdooId) is { CampaignId: { } campaignId } link)
        {
            var name = campaigns.GetValueOrDefault(campaignId)?.Name ?? link.CampaignName;
            return level switch
            {
                AttributionLevel.Campaign => new Key(campaignId, name, null, null, null, null),
                AttributionLevel.Adset => new Key(campaignId, name, link.AdsetId, link.AdsetName, null, null),
                _ => new Key(campaignId, name, link.AdsetId, link.AdsetName, link.AdId, link.AdName),
            };
        }

        // Reached Odoo without the hub (a form, an import, another connector): the UTM campaign names the Meta campaign.
        return match.Named(lead.Campaign) is { } campaign
            ? new Key(campaign.Id, campaign.Name, null, null, null, null)
            : null;
    }

    private static AttributionRow Row(Key key, List<Lead> leads, AttributionLevel level, Dictionary<string, MetaCampaign> campaigns,
        AttributionInputs input, AdLevelDelivery below, Dictionary<long, List<SaleOrder>> orders)
    {
        var currency = campaigns.GetValueOrDefault(key.CampaignId)?.Currency is { Length: > 0 } c ? c : null;
        var money = Revenue(leads, orders, input.Rates, ref currency);
        decimal? spend;
        long? metaLeads;
        string? adsetName = key.AdsetName, adName = key.AdName;
        if (level == AttributionLevel.Campaign)
        {
            var delivery = input.Delivery.GetValueOrDefault(key.CampaignId);
            (spend, metaLeads) = (delivery?.Spend ?? 0, delivery?.Leads ?? 0);
        }
        else
        {
            var delivery = below.Find(key.Ids);
            (spend, metaLeads) = (delivery?.Spend, delivery?.Leads);
            (adsetName, adName) = (delivery?.AdsetName ?? adsetName, delivery?.AdName ?? adName);
            if (delivery is null && key.AdsetId is not null)
            {
                money.Notes.Add($"Campaign {key.CampaignName ?? key.CampaignId} has spend but no ad-level insights in the range; sync campaigns again to fill its ad sets and ads.");
            }
        }

        var won = leads.Where(l => IsWon(l, orders)).ToList();
        var opportunities = leads.Count(l => l.Type == "opportunity" || IsWon(l, orders));
        return new AttributionRow(key.CampaignId, key.CampaignName, key.AdsetId, adsetName, key.AdId, adName,
            spend is { } s ? Round(s) : null, metaLeads, leads.Count, opportunities, won.Count, money.Orders, Round(money.Amount), currency,
            Ratio(money.Amount, spend), Ratio(spend, leads.Count), Ratio(spend, won.Count), Percent(won.Count, leads.Count),
            MedianDaysToWin(won, orders), money.ConvertedFrom.Count > 0, money.Notes);
    }

    private static AttributionTotals Totals(List<AttributionRow> rows, List<Lead> attributed, AttributionInputs input,
        Dictionary<long, List<SaleOrder>> orders, int unattributed, out List<string> notes)
    {
        notes = [];
        var campaignIds = rows.Select(r => r.CampaignId).Where(id => id is not null).ToHashSet(StringComparer.Ordinal);
        var spend = input.Delivery.Where(d => campaignIds.Contains(d.Key)).Sum(d => d.Value.Spend);
        var currencies = rows.Where(r => r.Revenue != 0 || (r.Spend ?? 0) != 0 || r.Leads > 0).Select(r => r.Currency)
            .Where(c => c is not null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var won = attributed.Where(l => IsWon(l, orders)).ToList();
        var opportunities = attributed.Count(l => l.Type == "opportunity" || IsWon(l, orders));
        decimal? totalSpend = Round(spend);
        decimal? revenue = Round(rows.Sum(r => r.Revenue));
        if (currencies.Count > 1)
        {
            notes.Add($"Money is not totalled: the ad accounts are in {string.Join(", ", currencies)}.");
            totalSpend = null;
            revenue = null;
        }

        return new AttributionTotals(totalSpend, attributed.Count, opportunities, won.Count, revenue, currencies.Count == 1 ? currencies[0] : null,
            revenue is { } r ? Ratio(r, totalSpend) : null, Ratio(totalSpend, attributed.Count), Ratio(totalSpend, won.Count),
            Percent(won.Count, attributed.Count), MedianDaysToWin(won, orders), unattributed);
    }

    private static (decimal Amount, int Orders, HashSet<string> ConvertedFrom, List<string> Notes) Revenue(
        List<Lead> leads, Dictionary<long, List<SaleOrder>> orders, CurrencyConverter rates, ref string? currency)
    {
        decimal amount = 0;
        var count = 0;
        var convertedFrom = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var missing = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var missingCount = 0;
        foreach (var order in leads.SelectMany(l => orders.GetValueOrDefault(l.OdooId) ?? []))
        {
            currency ??= order.Currency;
            if (order.Currency is null || currency is null || string.Equals(order.Currency, currency, StringComparison.OrdinalIgnoreCase))
            {
                amount += order.AmountUntaxed;
                count++;
                continue;
            }

            var day = DateOnly.FromDateTime(order.DateOrder ?? order.CreateDate ?? DateTime.UnixEpoch);
            if (rates.Convert(order.AmountUntaxed, order.Currency, currency, day) is { } converted)
            {
                amount += converted;
                count++;
                convertedFrom.Add(order.Currency.ToUpperInvariant());
            }
            else
            {
                missingCount++;
                missing.Add(order.Currency.ToUpperInvariant());
            }
        }

        var notes = new List<string>();
        if (convertedFrom.Count > 0)
        {
            notes.Add($"Revenue in {string.Join(", ", convertedFrom.Order(StringComparer.Ordinal))} converted to {currency} at Odoo's rate of each order date.");
        }

        if (missingCount > 0)
        {
            notes.Add($"{missingCount} confirmed orders in {string.Join(", ", missing)} are left out of the revenue: the hub has no Odoo rates to convert them to {currency}.");
        }

        return (amount, count, convertedFrom, notes);
    }

    private static bool IsWon(Lead lead, Dictionary<long, List<SaleOrder>> orders) => lead.IsWon || orders.ContainsKey(lead.OdooId);

    /// <summary>From the lead's creation to its win: Odoo's closing date, else its first confirmed order.</summary>
    private static double? MedianDaysToWin(List<Lead> won, Dictionary<long, List<SaleOrder>> orders)
    {
        var days = new List<double>();
        foreach (var lead in won)
        {
            var winDate = lead.IsWon && lead.DateClosed is { } closed ? closed
                : orders.GetValueOrDefault(lead.OdooId)?.Select(o => o.DateOrder).Where(d => d is not null).Min();
            if (lead.CreateDate is { } created && winDate is { } at && at >= created)
            {
                days.Add((at - created).TotalDays);
            }
        }

        if (days.Count == 0)
        {
            return null;
        }

        days.Sort();
        var middle = days.Count / 2;
        var median = days.Count % 2 == 1 ? days[middle] : (days[middle - 1] + days[middle]) / 2;
        return Math.Round(median, 1, MidpointRounding.AwayFromZero);
    }

    private static decimal? Ratio(decimal? numerator, decimal? denominator) =>
        numerator is { } n && denominator is { } d && d != 0 ? Round(n / d) : null;

    private static decimal? Percent(int part, int whole) => whole == 0 ? null : Round(100m * part / whole);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private sealed record Key(string CampaignId, string? CampaignName, string? AdsetId, string? AdsetName, string? AdId, string? AdName)
    {
        public (string, string?, string?) Ids => (CampaignId, AdsetId, AdId);
    }
}
