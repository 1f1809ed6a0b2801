using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>Leads that share stage, source, currency and outcome, summed over the filter's dates.</summary>
public sealed record LeadSlice(
    string? Stage,
    string? Source,
    string? Currency,
    bool Won,
    bool Open,
    int Leads,
    decimal Revenue,
    decimal RevenueTimesProbability,
    double ProbabilitySum);

/// <summary>Leads of one campaign (null: none) and outcome.</summary>
public sealed record CampaignSlice(string? Campaign, bool Won, bool Open, int Leads, decimal Revenue);

public sealed record DayFigure(DateOnly Day, int Leads, int Won);

/// <summary>The filtered leads summed three ways: what every CRM figure of the API and of /crm is derived from.</summary>
/// <param name="StageOrder">Odoo's stage names in pipeline order (<see cref="Data.CrmStage"/>); empty before the first sync.</param>
public sealed record LeadCube(IReadOnlyList<LeadSlice> Slices, IReadOnlyList<DayFigure> Days, IReadOnlyList<CampaignSlice> Campaigns)
{
    public IReadOnlyList<string> StageOrder { get; init; } = [];
}

/// <summary>
/// Loads a <see cref="LeadCube"/>. What the daily rollups can answer (whole UTC days; stage and source, or campaign)
/// is read from them, a few dozen rows a day; the rest (a text search, a score filter, a campaign crossed with a stage
/// or source) from the leads. Both give the same numbers (tests/…/Crm/LeadDailyStatsTests.cs).
/// </summary>
public static class LeadSlices
{
    public static async Task<LeadCube> LoadAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken)
    {
        var (slices, days) = StageRollupAnswers(filter)
            ? await SlicesFromRollupAsync(db, filter, cancellationToken)
            : await SlicesFromLeadsAsync(db, filter, cancellationToken);
        var campaigns = CampaignRollupAnswers(filter)
            ? await CampaignsFromRollupAsync(db, filter, cancellationToken)
            : await CampaignsFromLeadsAsync(db, filter, cancellationToken);
        return new LeadCube(slices, days, campaigns) { StageOrder = await StageOrder.NamesAsync(db, cancellationToken) };
    }

    /// <summary>Only the slices (stage, source, outcome), e.g. for the previous period an insight compares with.</summary>
    public static async Task<IReadOnlyList<LeadSlice>> SlicesAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken) =>
        (StageRollupAnswers(filter)
            ? await SlicesFromRollupAsync(db, filter, cancellationToken)
            : await SlicesFromLeadsAsync(db, filter, cancellationToken)).Item1;

    /// <summary>
    /// How many leads the filter shows (the leads table's and the API's total): summed from a rollup where one answers
    /// the filter, else counted. Counting "All time" is a million index entries (~75 ms on PostgreSQL, bench/dashboard-queries.sh).
    /// </summary>
    public static async Task<int> CountAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken) =>
        StageRollupAnswers(filter) ? await StageStats(db, filter).SumAsync(s => s.Leads, cancellationToken) - await TestLeadCorrection.CountAsync(db, filter, cancellationToken)
        : CampaignRollupAnswers(filter) ? await CampaignStats(db, filter).SumAsync(s => s.Leads, cancellationToken) - await TestLeadCorrection.CountAsync(db, filter, cancellationToken)
        : await db.Leads.AsNoTracking().Filtered(filter).CountAsync(cancellationToken);

    public static bool UsesRollup(LeadFilter filter) =>
        filter.Query is null && filter.MinScore is null && filter.LeadIds is null && IsMidnight(filter.From) && IsMidnight(filter.To);

    /// <summary>The stage and source rollup answers the filter: it has no campaign to cross them with.</summary>
    private static bool StageRollupAnswers(LeadFilter filter) => UsesRollup(filter) && filter.Campaign is null;

    /// <summary>The campaign rollup answers the filter: it has no stage or source to cross the campaign with.</summary>
    private static bool CampaignRollupAnswers(LeadFilter filter) => UsesRollup(filter) && filter.Stage is null && filter.Source is null;

    private static bool IsMidnight(DateTime? time) => time is null || time.Value.TimeOfDay == TimeSpan.Zero;

    /// <summary>The rows of <see cref="LeadDailyStat"/> the filter's days, stage and source select.</summary>
    private static IQueryable<LeadDailyStat> StageStats(HubDbContext db, LeadFilter filter)
    {
        var stats = InRange(db.Set<LeadDailyStat>().AsNoTracking().Where(s => s.Leads > 0), s => s.Day, filter);
        stats = filter.Stage is { } stage ? stats.Where(s => s.Stage == stage) : stats;
        return filter.Source is { } source ? stats.Where(s => s.Source == source) : stats;
    }

    /// <summary>The rows of <see cref="LeadDailyCampaignStat"/> the filter's days and campaign select.</summary>
    private static IQueryable<LeadDailyCampaignStat> CampaignStats(HubDbContext db, LeadFilter filter)
    {
        var stats = InRange(db.Set<LeadDailyCampaignStat>().AsNoTracking().Where(s => s.Leads > 0), s => s.Day, filter);
        return filter.Campaign is { } campaign ? stats.Where(s => s.Campaign == campaign) : stats;
    }

    internal static async Task<(IReadOnlyList<LeadSlice>, IReadOnlyList<DayFigure>)> SlicesFromRollupAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken)
    {
        var stats = StageStats(db, filter);
        var slices = await stats
            .GroupBy(s => new { s.Stage, s.Source, s.Currency, s.IsWon, s.IsOpen })
            .Select(g => new LeadSlice(g.Key.Stage, g.Key.Source, g.Key.Currency, g.Key.IsWon, g.Key.IsOpen, g.Sum(s => s.Leads),
                g.Sum(s => s.Revenue), g.Sum(s => s.RevenueTimesProbability), g.Sum(s => s.ProbabilitySum)))
            .ToListAsync(cancellationToken);
        var days = await stats.Where(s => s.Day != LeadDailyStat.NoDay)
            .GroupBy(s => s.Day)
            .Select(g => new DayFigure(g.Key, g.Sum(s => s.Leads), g.Sum(s => s.IsWon ? s.Leads : 0)))
            .ToListAsync(cancellationToken);
        return await TestLeadCorrection.SubtractAsync(db, filter,
            slices.Select(s => s with { Stage = Text(s.Stage), Source = Text(s.Source), Currency = Text(s.Currency) }).Select(Rounded).ToList(),
            days.OrderBy(d => d.Day).ToList(), cancellationToken);
    }

    internal static async Task<IReadOnlyList<CampaignSlice>> CampaignsFromRollupAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken)
    {
        var rows = await CampaignStats(db, filter).GroupBy(s => new { s.Campaign, s.IsWon, s.IsOpen })
            .Select(g => new CampaignSlice(g.Key.Campaign, g.Key.IsWon, g.Key.IsOpen, g.Sum(s => s.Leads), g.Sum(s => s.Revenue)))
            .ToListAsync(cancellationToken);
        return await TestLeadCorrection.SubtractAsync(db, filter,
            rows.Select(r => r with { Campaign = Text(r.Campaign), Revenue = Math.Round(r.Revenue, 6) }).ToList(), cancellationToken);
    }

    internal static async Task<(IReadOnlyList<LeadSlice>, IReadOnlyList<DayFigure>)> SlicesFromLeadsAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken)
    {
        var leads = db.Leads.AsNoTracking().Filtered(filter);
        var slices = await leads
            .GroupBy(l => new { l.StageName, l.Source, l.Currency, l.IsWon, Open = l.Active && !l.IsWon && !l.IsLost })
            .Select(g => new LeadSlice(g.Key.StageName, g.Key.Source, g.Key.Currency, g.Key.IsWon, g.Key.Open, g.Count(),
                g.Sum(l => l.ExpectedRevenue), g.Sum(l => l.ExpectedRevenue * (decimal)l.Probability), g.Sum(l => l.Probability)))
            .ToListAsync(cancellationToken);
        var days = await leads.Where(l => l.CreateDate != null)
            .GroupBy(l => l.CreateDate!.Value.Date)
            .Select(g => new { Day = g.Key, Leads = g.Count(), Won = g.Count(l => l.IsWon) })
            .ToListAsync(cancellationToken);
        return (slices.Select(Rounded).ToList(), days.Select(d => new DayFigure(DateOnly.FromDateTime(d.Day), d.Leads, d.Won)).OrderBy(d => d.Day).ToList());
    }

    internal static async Task<IReadOnlyList<CampaignSlice>> CampaignsFromLeadsAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken)
    {
        var rows = await db.Leads.AsNoTracking().Filtered(filter)
            .GroupBy(l => new { l.Campaign, l.IsWon, Open = l.Active && !l.IsWon && !l.IsLost })
            .Select(g => new CampaignSlice(g.Key.Campaign, g.Key.IsWon, g.Key.Open, g.Count(), g.Sum(l => l.ExpectedRevenue)))
            .ToListAsync(cancellationToken);
        return rows.Select(r => r with { Revenue = Math.Round(r.Revenue, 6) }).ToList();
    }

    /// <summary>Whole UTC days from the filter; a lead without a creation date only counts when no date is asked.</summary>
    private static IQueryable<T> InRange<T>(IQueryable<T> stats, System.Linq.Expressions.Expression<Func<T, DateOnly>> day, LeadFilter filter)
    {
        var param = day.Parameters[0];
        IQueryable<T> Where(Func<System.Linq.Expressions.Expression, System.Linq.Expressions.Expression> test) =>
            stats.Where(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(test(day.Body), param));

        if (filter.From is not null || filter.To is not null)
        {
            stats = Where(d => System.Linq.Expressions.Expression.NotEqual(d, System.Linq.Expressions.Expression.Constant(LeadDailyStat.NoDay)));
        }

        if (filter.From is { } from)
        {
            var first = DateOnly.FromDateTime(from);
            stats = Where(d => System.Linq.Expressions.Expression.GreaterThanOrEqual(d, Parameter(first)));
        }

        if (filter.To is { } to)
        {
            var end = DateOnly.FromDateTime(to);
            stats = Where(d => System.Linq.Expressions.Expression.LessThan(d, Parameter(end)));
        }

        return stats;
    }

    /// <summary>A captured value, so EF sends it as a parameter (one cached plan) rather than a literal.</summary>
    private static System.Linq.Expressions.Expression Parameter(DateOnly value) =>
        ((System.Linq.Expressions.Expression<Func<DateOnly>>)(() => value)).Body;

    private static LeadSlice Rounded(LeadSlice s) =>
        s with { Revenue = Math.Round(s.Revenue, 6), RevenueTimesProbability = Math.Round(s.RevenueTimesProbability, 6), ProbabilitySum = Math.Round(s.ProbabilitySum, 6) };

    private static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
