using System.Linq.Expressions;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>
/// One group of the funnel: its leads, how many reached qualified and won, the conversion of each step (0–100), the
/// Meta spend of the campaigns its leads belong to and what each step cost, and the median days from creation to win.
/// </summary>
public sealed record FunnelRow(
    string Group,
    int Leads,
    int Qualified,
    int Won,
    decimal? QualifiedRate,
    decimal? WonOfQualifiedRate,
    decimal? WonRate,
    decimal? Spend,
    string? SpendCurrency,
    decimal? CostPerLead,
    decimal? CostPerQualified,
    decimal? CostPerWon,
    double? MedianDaysToWon);

/// <summary>
/// /crm's funnel (issue 22 item 2): the leads of a filter (test and deleted leads left out, as every /crm figure)
/// through lead → qualified → won, overall and by source and by UTM campaign. Qualified is <see cref="FunnelOptions"/>'s
/// rule, and a won lead has reached every step. Spend is Meta's delivery over the filter's days of the campaigns the
/// leads belong to (<see cref="MetaCampaignMatch"/>, attribution's rule); a filter of dates only counts every campaign
/// that spent, as attribution's totals do. Money in more than one ad account currency, or no spend, is null.
/// The replica has no date of qualification (Odoo's <c>date_conversion</c>), so the only median is lead → won:
/// <see cref="Lead.CreateDate"/> to <see cref="Lead.DateClosed"/>.
/// </summary>
public sealed record LeadFunnel(FunnelRow Overall, IReadOnlyList<FunnelRow> BySource, IReadOnlyList<FunnelRow> ByCampaign)
{
    /// <summary>More won leads than this in one range: the medians are of the newest.</summary>
    public const int MaxWonLeads = 100_000;

    /// <summary>Rows shown by source and by campaign, the largest first.</summary>
    public const int MaxRows = 50;

    /// <summary>
    /// Counted in the database, grouped by source, campaign and outcome; the won leads' two dates and the campaigns of
    /// the leads' Meta links come back as small row sets, and the medians and spend are worked out from them here.
    /// </summary>
    public static async Task<LeadFunnel> LoadAsync(HubDbContext db, LeadFilter filter, FunnelOptions options, CancellationToken cancellationToken)
    {
        var leads = db.Leads.AsNoTracking().Filtered(filter);
        var qualified = await QualifiedAsync(db, options, cancellationToken);
        var counts = await leads.GroupBy(l => new { l.Source, l.Campaign, l.IsWon })
            .Select(g => new { g.Key.Source, g.Key.Campaign, g.Key.IsWon, Leads = g.Count() })
            .ToListAsync(cancellationToken);
        var reached = await leads.Where(qualified).GroupBy(l => new { l.Source, l.Campaign })
            .Select(g => new { g.Key.Source, g.Key.Campaign, Leads = g.Count() })
            .ToListAsync(cancellationToken);
        var won = await leads.Where(l => l.IsWon && l.CreateDate != null && l.DateClosed != null)
            .OrderByDescending(l => l.CreateDate).Take(MaxWonLeads)
            .Select(l => new { l.Source, l.Campaign, Created = l.CreateDate!.Value, Closed = l.DateClosed!.Value })
            .ToListAsync(cancellationToken);

        // The campaign of each lead: its Meta lead's, else the one its UTM campaign names (only for leads with no such link).
        var linked = await (
                from k in db.MetaLeadLinks.AsNoTracking()
                where k.CampaignId != null
                join l in leads on k.OdooLeadId equals l.OdooId
                select new { l.Source, l.Campaign, CampaignId = k.CampaignId! })
            .Distinct().ToListAsync(cancellationToken);
        var unlinked = await leads.Where(l => l.Campaign != null && !db.MetaLeadLinks.Any(k => k.OdooLeadId == l.OdooId && k.CampaignId != null))
            .Select(l => new { l.Source, l.Campaign }).Distinct().ToListAsync(cancellationToken);

        var (from, to) = Days(filter);
        var deliveryQuery = db.MetaDailyInsights.AsNoTracking();
        deliveryQuery = from is { } first ? deliveryQuery.Where(i => i.Date >= first) : deliveryQuery;
        deliveryQuery = to is { } last ? deliveryQuery.Where(i => i.Date <= last) : deliveryQuery;
        var delivery = await deliveryQuery.GroupBy(i => i.CampaignId)
            .Select(g => new { CampaignId = g.Key, Spend = g.Sum(i => i.Spend) })
            .ToDictionaryAsync(g => g.CampaignId, g => g.Spend, StringComparer.Ordinal, cancellationToken);
        var match = new MetaCampaignMatch(
            await MetaCampaignMatch.CampaignsAsync(db, from ?? DateOnly.MinValue, to ?? DateOnly.MaxValue, cancellationToken), []);

        var leadRows = counts.Select(c => new Slice(c.Source, c.Campaign, c.Leads, 0, c.IsWon ? c.Leads : 0))
            .Concat(reached.Select(r => new Slice(r.Source, r.Campaign, 0, r.Leads, 0))).ToList();
        var campaignsOf = linked.Select(k => (Source: (string?)k.Source, Campaign: (string?)k.Campaign, Id: (string?)k.CampaignId))
            .Concat(unlinked.Select(u => (Source: (string?)u.Source, Campaign: (string?)u.Campaign, Id: match.Named(u.Campaign)?.Id)))
            .Where(c => c.Id is not null).Select(c => (c.Source, c.Campaign, Id: c.Id!)).ToList();
        var days = won.Select(w => (w.Source, w.Campaign, Days: (w.Closed - w.Created).TotalDays)).ToList();

        FunnelRow Build(string group, Func<string?, string?, bool> member, IEnumerable<string> extraCampaigns)
        {
            var rows = leadRows.Where(r => member(r.Source, r.Campaign)).ToList();
            var campaigns = campaignsOf.Where(c => member(c.Source, c.Campaign)).Select(c => c.Id).Concat(extraCampaigns).ToHashSet(StringComparer.Ordinal);
            var (spend, currency) = Spend(campaigns, delivery, match);
            return Row(group, rows.Sum(r => r.Leads), rows.Sum(r => r.Qualified), rows.Sum(r => r.Won), spend, currency,
                days.Where(d => member(d.Source, d.Campaign)).Select(d => d.Days).ToList());
        }

        var datesOnly = filter.Stage is null && filter.Source is null && filter.Campaign is null && filter.Query is null && filter.MinScore is null;
        IEnumerable<string> overallExtra = datesOnly ? delivery.Keys
            : match.Named(filter.Campaign) is { } named ? [named.Id] : [];
        var overall = Build("", (_, _) => true, overallExtra);
        var bySource = leadRows.Select(r => r.Source ?? "").Distinct(StringComparer.Ordinal)
            .Select(source => Build(source, (s, _) => (s ?? "") == source, []));
        var byCampaign = leadRows.Select(r => r.Campaign ?? "").Distinct(StringComparer.Ordinal)
            .Select(campaign => Build(campaign, (_, c) => (c ?? "") == campaign,
                match.Named(campaign.Length == 0 ? null : campaign) is { } named ? [named.Id] : []));
        return new LeadFunnel(overall, Ordered(bySource), Ordered(byCampaign));
    }

    /// <summary>
    /// <see cref="FunnelOptions"/> as a condition on a lead: won, or in the configured stage or one with a later
    /// sequence, or at least the configured probability, or else an opportunity. A stage Odoo does not have (yet):
    /// leads with that stage name.
    /// </summary>
    public static async Task<Expression<Func<Lead, bool>>> QualifiedAsync(HubDbContext db, FunnelOptions options, CancellationToken cancellationToken)
    {
        if (LeadFilter.Clean(options.QualifiedStage) is { } stage)
        {
            var stages = await db.CrmStages.AsNoTracking().Select(s => new { s.OdooId, s.Name, s.Sequence }).ToListAsync(cancellationToken);
            var named = stages.Where(s => string.Equals(s.Name.Trim(), stage, StringComparison.Ordinal)).ToList();
            if (named.Count == 0)
            {
                return l => l.IsWon || l.StageName == stage;
            }

            var sequence = named.Min(s => s.Sequence);
            var ids = stages.Where(s => s.Sequence >= sequence).Select(s => s.OdooId).ToList();
            return l => l.IsWon || (l.StageId != null && ids.Contains(l.StageId.Value));
        }

        if (options.QualifiedMinProbability is { } probability)
        {
            return l => l.IsWon || l.Probability >= probability;
        }

        return l => l.IsWon || l.Type == "opportunity";
    }

    /// <summary>The median of some numbers of days (the mean of the middle two of an even count), to a tenth of a day; null for none.</summary>
    public static double? MedianDays(IReadOnlyCollection<double> days)
    {
        if (days.Count == 0)
        {
            return null;
        }

        var sorted = days.Select(d => Math.Max(d, 0)).Order().ToList();
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Math.Round(median, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The filter's UTC days, as Meta's daily insights are dated; null: open.</summary>
    private static (DateOnly? From, DateOnly? To) Days(LeadFilter filter) => (
        filter.From is { } from ? DateOnly.FromDateTime(from) : null,
        filter.To is { } to ? DateOnly.FromDateTime(to.AddTicks(-1)) : null);

    private static (decimal? Spend, string? Currency) Spend(HashSet<string> campaigns, Dictionary<string, decimal> delivery, MetaCampaignMatch match)
    {
        var spent = campaigns.Select(id => (Id: id, Spend: delivery.GetValueOrDefault(id))).Where(c => c.Spend != 0).ToList();
        if (spent.Count == 0)
        {
            return (null, null);
        }

        var currencies = spent.Select(c => match.ById.GetValueOrDefault(c.Id)?.Currency).Where(c => !string.IsNullOrEmpty(c))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return currencies.Count > 1 ? (null, null) : (Round(spent.Sum(c => c.Spend)), currencies.SingleOrDefault());
    }

    private static FunnelRow Row(string group, int leads, int qualified, int won, decimal? spend, string? currency, List<double> daysToWin) =>
        new(group, leads, qualified, won, Percent(qualified, leads), Percent(won, qualified), Percent(won, leads),
            spend, currency, Cost(spend, leads), Cost(spend, qualified), Cost(spend, won), MedianDays(daysToWin));

    private static List<FunnelRow> Ordered(IEnumerable<FunnelRow> rows) =>
        [.. rows.OrderByDescending(r => r.Leads).ThenBy(r => r.Group, StringComparer.Ordinal).Take(MaxRows)];

    private static decimal? Percent(int part, int whole) => whole == 0 ? null : Round(100m * part / whole);

    private static decimal? Cost(decimal? spend, int count) => spend is { } s && count > 0 ? Round(s / count) : null;

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private sealed record Slice(string? Source, string? Campaign, int Leads, int Qualified, int Won);
}
