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
/// The replica has no date of qualification (Odoo's <c>date_conversion</c>), so the only median is lead → won, in whole days:
/// <see cref="Lead.CreateDate"/> to <see cref="Lead.DateClosed"/>.
/// </summary>
public sealed record LeadFunnel(FunnelRow Overall, IReadOnlyList<FunnelRow> BySource, IReadOnlyList<FunnelRow> ByCampaign)
{
    /// <summary>More won leads than this in one range: the medians are of the newest.</summary>
    public const int MaxWonLeads = 100_000;

    /// <summary>Rows shown by source and by campaign, the largest first.</summary>
    public const int MaxRows = 50;

    /// <summary>
    /// From the daily outcome rollups (<see cref="LeadDailyOutcome"/>, <see cref="LeadDailyMetaCampaign"/>) when the filter is
    /// whole UTC days only and qualified is a stage or the opportunity type: a few thousand rows a month however many
    /// leads. Otherwise counted in the leads, grouped by source, campaign and outcome, the won leads' two dates and the
    /// campaigns of the leads' Meta links coming back as small row sets. Both give the same figures
    /// (tests/GAssistant.Hub.Tests/Crm/LeadOutcomeRollupTests.cs).
    /// </summary>
    public static async Task<LeadFunnel> LoadAsync(HubDbContext db, LeadFilter filter, FunnelOptions options, CancellationToken cancellationToken)
    {
        var qualification = await Qualification.LoadAsync(db, options, cancellationToken);
        return await BuildAsync(db, filter, RollupAnswers(filter, qualification)
            ? await FromRollupsAsync(db, filter, qualification, cancellationToken)
            : await FromLeadsAsync(db, filter, qualification, cancellationToken), cancellationToken);
    }

    /// <summary>The funnel counted in the leads whatever the filter: what the rollups must equal.</summary>
    internal static async Task<LeadFunnel> LoadFromLeadsAsync(HubDbContext db, LeadFilter filter, FunnelOptions options, CancellationToken cancellationToken) =>
        await BuildAsync(db, filter, await FromLeadsAsync(db, filter, await Qualification.LoadAsync(db, options, cancellationToken), cancellationToken),
            cancellationToken);

    private static async Task<LeadFunnel> BuildAsync(HubDbContext db, LeadFilter filter, Steps steps, CancellationToken cancellationToken)
    {
        var (from, to) = Days(filter);
        var deliveryQuery = db.MetaDailyInsights.AsNoTracking();
        deliveryQuery = from is { } first ? deliveryQuery.Where(i => i.Date >= first) : deliveryQuery;
        deliveryQuery = to is { } last ? deliveryQuery.Where(i => i.Date <= last) : deliveryQuery;
        var delivery = await deliveryQuery.GroupBy(i => i.CampaignId)
            .Select(g => new { CampaignId = g.Key, Spend = g.Sum(i => i.Spend) })
            .ToDictionaryAsync(g => g.CampaignId, g => g.Spend, StringComparer.Ordinal, cancellationToken);
        var match = new MetaCampaignMatch(
            await MetaCampaignMatch.CampaignsAsync(db, from ?? DateOnly.MinValue, to ?? DateOnly.MaxValue, cancellationToken), []);

        // The campaign of each lead: its Meta lead's, else the one its UTM campaign names (only for leads with no such link).
        var campaignsOf = steps.Campaigns
            .Select(c => (c.Source, c.Campaign, Id: c.MetaCampaignId ?? match.Named(c.Campaign)?.Id))
            .Where(c => c.Id is not null).Select(c => (c.Source, c.Campaign, Id: c.Id!)).ToList();

        FunnelRow Build(string group, IEnumerable<Slice> slices, Func<string?, string?, bool> member, IEnumerable<string> extraCampaigns)
        {
            var rows = slices.Where(r => member(r.Source, r.Campaign)).ToList();
            var campaigns = campaignsOf.Where(c => member(c.Source, c.Campaign)).Select(c => c.Id).Concat(extraCampaigns).ToHashSet(StringComparer.Ordinal);
            var (spend, currency) = Spend(campaigns, delivery, match);
            return Row(group, rows.Sum(r => r.Leads), rows.Sum(r => r.Qualified), rows.Sum(r => r.Won), spend, currency,
                MedianDays(rows.SelectMany(r => r.WonAges)));
        }

        var datesOnly = filter.Stage is null && filter.Source is null && filter.Campaign is null && filter.Query is null && filter.MinScore is null;
        IEnumerable<string> overallExtra = datesOnly ? delivery.Keys
            : match.Named(filter.Campaign) is { } named ? [named.Id] : [];
        var overall = Build("", steps.BySource, (_, _) => true, overallExtra);
        var bySource = steps.BySource.Select(r => r.Source ?? "").Distinct(StringComparer.Ordinal)
            .Select(source => Build(source, steps.BySource, (s, _) => (s ?? "") == source, []));
        var byCampaign = steps.ByCampaign.Select(r => r.Campaign ?? "").Distinct(StringComparer.Ordinal)
            .Select(campaign => Build(campaign, steps.ByCampaign, (_, c) => (c ?? "") == campaign,
                match.Named(campaign.Length == 0 ? null : campaign) is { } named ? [named.Id] : []));
        return new LeadFunnel(overall, Ordered(bySource), Ordered(byCampaign));
    }

    /// <summary>
    /// The rollups answer dates only: a source or stage would have to be crossed with the campaigns (and a source with the
    /// Meta campaigns), which the rollups keep apart; and they have no probability.
    /// </summary>
    private static bool RollupAnswers(LeadFilter filter, Qualification qualification) =>
        LeadSlices.UsesRollup(filter) && filter.Stage is null && filter.Source is null && filter.Campaign is null && qualification.MinProbability is null;

    private static async Task<Steps> FromRollupsAsync(HubDbContext db, LeadFilter filter, Qualification qualification, CancellationToken cancellationToken)
    {
        var (from, to) = Days(filter);
        var outcomes = db.Set<LeadDailyOutcome>().AsNoTracking().Where(o => o.Leads > 0);
        outcomes = from is { } first ? outcomes.Where(o => o.Day >= first) : outcomes;
        outcomes = to is { } last ? outcomes.Where(o => o.Day <= last) : outcomes;
        var rows = await outcomes.GroupBy(o => new { o.GroupedBy, o.Grouping, o.StageId, o.Stage, o.Type, o.IsWon, o.WonDays })
            .Select(g => new { g.Key.GroupedBy, g.Key.Grouping, g.Key.StageId, g.Key.Stage, g.Key.Type, g.Key.IsWon, g.Key.WonDays, Leads = g.Sum(o => o.Leads) })
            .ToListAsync(cancellationToken);
        var metaRows = db.Set<LeadDailyMetaCampaign>().AsNoTracking().Where(m => m.Leads > 0);
        metaRows = from is { } start ? metaRows.Where(m => m.Day >= start) : metaRows;
        metaRows = to is { } end ? metaRows.Where(m => m.Day <= end) : metaRows;
        // Leads with a UTM campaign and no Meta campaign are matched by name; the rest only matter with a Meta campaign.
        var campaigns = await metaRows.Where(m => m.MetaCampaignId != "" || m.Campaign != "")
            .Select(m => new { m.Source, m.Campaign, m.MetaCampaignId }).Distinct().ToListAsync(cancellationToken);

        List<Slice> Slices(OutcomeGrouping grouping) => rows.Where(r => r.GroupedBy == grouping)
            .GroupBy(r => r.Grouping, StringComparer.Ordinal)
            .Select(g => new Slice(
                grouping == OutcomeGrouping.Source ? Text(g.Key) : null, grouping == OutcomeGrouping.Campaign ? Text(g.Key) : null,
                g.Sum(r => r.Leads), g.Where(r => r.IsWon || qualification.Includes(r.StageId, r.Stage, r.Type)).Sum(r => r.Leads),
                g.Where(r => r.IsWon).Sum(r => r.Leads),
                g.Where(r => r.WonDays >= 0).Select(r => (r.WonDays, r.Leads)).ToList()))
            .ToList();
        return new Steps(Slices(OutcomeGrouping.Source), Slices(OutcomeGrouping.Campaign),
            campaigns.Select(c => new LeadCampaign(Text(c.Source), Text(c.Campaign), c.MetaCampaignId.Length == 0 ? null : c.MetaCampaignId)).ToList());
    }

    private static async Task<Steps> FromLeadsAsync(HubDbContext db, LeadFilter filter, Qualification qualification, CancellationToken cancellationToken)
    {
        var leads = db.Leads.AsNoTracking().Filtered(filter);
        var counts = await leads.GroupBy(l => new { l.Source, l.Campaign, l.IsWon })
            .Select(g => new { g.Key.Source, g.Key.Campaign, g.Key.IsWon, Leads = g.Count() })
            .ToListAsync(cancellationToken);
        var reached = await leads.Where(qualification.Condition).GroupBy(l => new { l.Source, l.Campaign })
            .Select(g => new { g.Key.Source, g.Key.Campaign, Leads = g.Count() })
            .ToListAsync(cancellationToken);
        var won = (await leads.Where(l => l.IsWon && l.CreateDate != null && l.DateClosed != null)
                .OrderByDescending(l => l.CreateDate).Take(MaxWonLeads)
                .Select(l => new { l.Source, l.Campaign, Created = l.CreateDate!.Value, Closed = l.DateClosed!.Value })
                .ToListAsync(cancellationToken))
            .ToLookup(w => (w.Source, w.Campaign), w => (LeadDailyOutcome.WonDaysOf(true, w.Created, w.Closed), 1));
        var linked = await (
                from k in db.MetaLeadLinks.AsNoTracking()
                where k.CampaignId != null
                join l in leads on k.OdooLeadId equals l.OdooId
                select new { l.Source, l.Campaign, CampaignId = k.CampaignId! })
            .Distinct().ToListAsync(cancellationToken);
        var unlinked = await leads.Where(l => l.Campaign != null && !db.MetaLeadLinks.Any(k => k.OdooLeadId == l.OdooId && k.CampaignId != null))
            .Select(l => new { l.Source, l.Campaign }).Distinct().ToListAsync(cancellationToken);

        var slices = counts.Select(c => (c.Source, c.Campaign)).Concat(reached.Select(r => (r.Source, r.Campaign))).Distinct()
            .Select(key => new Slice(key.Source, key.Campaign,
                counts.Where(c => c.Source == key.Source && c.Campaign == key.Campaign).Sum(c => c.Leads),
                reached.Where(r => r.Source == key.Source && r.Campaign == key.Campaign).Sum(r => r.Leads),
                counts.Where(c => c.Source == key.Source && c.Campaign == key.Campaign && c.IsWon).Sum(c => c.Leads),
                [.. won[key]]))
            .ToList();
        return new Steps(slices, slices,
            [.. linked.Select(k => new LeadCampaign(k.Source, k.Campaign, k.CampaignId)), .. unlinked.Select(u => new LeadCampaign(u.Source, u.Campaign, null))]);
    }

    /// <summary>
    /// <see cref="FunnelOptions"/>'s qualified step: won, or in the configured stage or one with a later sequence, or at
    /// least the configured probability, or else an opportunity. A stage Odoo does not have (yet): leads with that stage name.
    /// </summary>
    internal sealed record Qualification(IReadOnlyList<long>? StageIds, string? StageName, double? MinProbability)
    {
        public static async Task<Qualification> LoadAsync(HubDbContext db, FunnelOptions options, CancellationToken cancellationToken)
        {
            if (LeadFilter.Clean(options.QualifiedStage) is { } stage)
            {
                var stages = await db.CrmStages.AsNoTracking().Select(s => new { s.OdooId, s.Name, s.Sequence }).ToListAsync(cancellationToken);
                var named = stages.Where(s => string.Equals(s.Name.Trim(), stage, StringComparison.Ordinal)).ToList();
                if (named.Count == 0)
                {
                    return new Qualification(null, stage, null);
                }

                var sequence = named.Min(s => s.Sequence);
                return new Qualification(stages.Where(s => s.Sequence >= sequence).Select(s => s.OdooId).ToList(), null, null);
            }

            return new Qualification(null, null, options.QualifiedMinProbability);
        }

        /// <summary>The rule as a condition on a lead.</summary>
        public Expression<Func<Lead, bool>> Condition
        {
            get
            {
                if (StageIds is { } ids)
                {
                    return l => l.IsWon || (l.StageId != null && ids.Contains(l.StageId.Value));
                }

                if (StageName is { } stage)
                {
                    return l => l.IsWon || l.StageName == stage;
                }

                if (MinProbability is { } probability)
                {
                    return l => l.IsWon || l.Probability >= probability;
                }

                return l => l.IsWon || l.Type == "opportunity";
            }
        }

        /// <summary>The rule on a rollup row that is not won (stage id 0 and "" for none); not for a probability.</summary>
        public bool Includes(long stageId, string stage, string type) =>
            StageIds is { } ids ? stageId != 0 && ids.Contains(stageId)
            : StageName is { } name ? string.Equals(stage, name, StringComparison.Ordinal)
            : string.Equals(type, "opportunity", StringComparison.Ordinal);
    }

    /// <summary>
    /// The median of whole numbers of days, each with how many leads took it (the mean of the middle two of an even
    /// count). Days to win are whole days rounded up (<see cref="LeadDailyOutcome.WonDays"/>), so half the won leads were
    /// won within the median. Null for none.
    /// </summary>
    public static double? MedianDays(IEnumerable<(int Days, int Leads)> ages)
    {
        var sorted = ages.Where(a => a.Leads > 0).GroupBy(a => Math.Max(a.Days, 0)).Select(g => (Days: g.Key, Leads: g.Sum(a => a.Leads)))
            .OrderBy(a => a.Days).ToList();
        var count = sorted.Sum(a => a.Leads);
        if (count == 0)
        {
            return null;
        }

        int At(int index)
        {
            foreach (var (days, leads) in sorted)
            {
                if (index < leads)
                {
                    return days;
                }

                index -= leads;
            }

            throw new InvalidOperationException("The index is past the last lead.");
        }

        return count % 2 == 1 ? At(count / 2) : (At(count / 2 - 1) + At(count / 2)) / 2.0;
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

    private static FunnelRow Row(string group, int leads, int qualified, int won, decimal? spend, string? currency, double? medianDaysToWin) =>
        new(group, leads, qualified, won, Percent(qualified, leads), Percent(won, qualified), Percent(won, leads),
            spend, currency, Cost(spend, leads), Cost(spend, qualified), Cost(spend, won), medianDaysToWin);

    private static List<FunnelRow> Ordered(IEnumerable<FunnelRow> rows) =>
        [.. rows.OrderByDescending(r => r.Leads).ThenBy(r => r.Group, StringComparer.Ordinal).Take(MaxRows)];

    private static decimal? Percent(int part, int whole) => whole == 0 ? null : Round(100m * part / whole);

    private static decimal? Cost(decimal? spend, int count) => spend is { } s && count > 0 ? Round(s / count) : null;

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string? Text(string value) => value.Length == 0 ? null : value;

    /// <summary>
    /// Leads of one source and UTM campaign (a rollup row knows only one of the two: the other is null), how many are
    /// qualified and won, and the won leads' whole days to win.
    /// </summary>
    private sealed record Slice(string? Source, string? Campaign, int Leads, int Qualified, int Won, IReadOnlyList<(int Days, int Leads)> WonAges);

    /// <summary>A source and UTM campaign with leads of a Meta campaign (null: leads without one, matched by name).</summary>
    private sealed record LeadCampaign(string? Source, string? Campaign, string? MetaCampaignId);

    /// <summary>What the funnel is built from: the slices by source (with the overall) and by campaign, and the leads' campaigns.</summary>
    private sealed record Steps(IReadOnlyList<Slice> BySource, IReadOnlyList<Slice> ByCampaign, IReadOnlyList<LeadCampaign> Campaigns);
}
