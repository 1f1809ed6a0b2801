using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>How leads are grouped into cohorts: by the ISO week (from Monday) or the month they were created in (UTC).</summary>
public enum CohortPeriod
{
    Week = 0,
    Month = 1,
}

/// <summary>
/// Of a cohort's leads, those won within <see cref="Days"/> days of their creation: their share (0–100) and their
/// revenue. All null while the cohort is younger than that (its start plus the days is still to come).
/// </summary>
public sealed record CohortCell(int Days, int? Won, decimal? WonShare, decimal? WonRevenue);

public sealed record Cohort(DateOnly Start, int Leads, IReadOnlyList<CohortCell> Cells);

/// <summary>
/// /crm's cohorts (issue 22 item 3): the filter's leads (test and deleted ones left out) by the week or month of their
/// creation, and for each the share won and the revenue won (Odoo's expected revenue of the won leads, as /crm counts
/// revenue) within 7, 14, 30, 60 and 90 days — a lead whose <see cref="Lead.DateClosed"/> is at most that long after its
/// <see cref="Lead.CreateDate"/>. Without a start date the filter covers the last <see cref="DefaultPeriods"/> weeks or months.
/// </summary>
/// <param name="Currency">The currency most of the leads are in (the revenue is summed as Odoo gives it, as /crm's cards do).</param>
public sealed record LeadCohorts(CohortPeriod Period, string? Currency, IReadOnlyList<Cohort> Cohorts)
{
    public const int DefaultPeriods = 12;

    /// <summary>More won leads than this in the range: the newest are counted.</summary>
    public const int MaxWonLeads = 100_000;

    public static IReadOnlyList<int> Ages { get; } = [7, 14, 30, 60, 90];

    /// <summary>
    /// From the daily outcome rollup (<see cref="LeadDailyOutcome"/>: leads per day of creation, won leads by whole days to
    /// win) when it answers the filter (whole UTC days; stage and source, or campaign and stage); otherwise the leads are
    /// counted per day in the database and the won leads come back as their two dates and revenue. Both give the same
    /// triangle (tests/GAssistant.Hub.Tests/Crm/LeadOutcomeRollupTests.cs).
    /// </summary>
    public static async Task<LeadCohorts> LoadAsync(HubDbContext db, LeadFilter filter, CohortPeriod period, DateTime now, CancellationToken cancellationToken)
    {
        filter = WithDefaultStart(filter, period, now);
        var days = RollupAnswers(filter)
            ? await FromRollupAsync(db, filter, cancellationToken)
            : await FromLeadsAsync(db, filter, cancellationToken);
        return Build(period, await CurrencyAsync(db, filter, cancellationToken), days, now);
    }

    /// <summary>The triangle counted in the leads whatever the filter: what the rollup must equal.</summary>
    internal static async Task<LeadCohorts> LoadFromLeadsAsync(HubDbContext db, LeadFilter filter, CohortPeriod period, DateTime now, CancellationToken cancellationToken)
    {
        filter = WithDefaultStart(filter, period, now);
        return Build(period, await CurrencyAsync(db, filter, cancellationToken), await FromLeadsAsync(db, filter, cancellationToken), now);
    }

    private static LeadFilter WithDefaultStart(LeadFilter filter, CohortPeriod period, DateTime now)
    {
        if (filter.From is not null)
        {
            return filter;
        }

        var current = StartOf(DateOnly.FromDateTime(now), period);
        var first = period == CohortPeriod.Week ? current.AddDays(-7 * (DefaultPeriods - 1)) : current.AddMonths(-(DefaultPeriods - 1));
        return filter with { From = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) };
    }

    /// <summary>The rollup groups each day's leads by source or by campaign, each with its stage: not both together.</summary>
    private static bool RollupAnswers(LeadFilter filter) => LeadSlices.UsesRollup(filter) && (filter.Source is null || filter.Campaign is null);

    private static async Task<List<CohortDay>> FromRollupAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken)
    {
        var grouping = filter.Campaign is null ? OutcomeGrouping.Source : OutcomeGrouping.Campaign;
        var rows = db.Set<LeadDailyOutcome>().AsNoTracking().Where(o => o.Leads > 0 && o.GroupedBy == grouping && o.Day != LeadDailyStat.NoDay);
        rows = filter.From is { } from ? rows.Where(o => o.Day >= DateOnly.FromDateTime(from)) : rows;
        rows = filter.To is { } to ? rows.Where(o => o.Day < DateOnly.FromDateTime(to)) : rows;
        rows = filter.Stage is { } stage ? rows.Where(o => o.Stage == stage) : rows;
        rows = (filter.Source ?? filter.Campaign) is { } grouped ? rows.Where(o => o.Grouping == grouped) : rows;
        return await rows.GroupBy(o => new { o.Day, o.WonDays })
            .Select(g => new CohortDay(g.Key.Day, g.Key.WonDays, g.Sum(o => o.Leads), g.Sum(o => o.Revenue)))
            .ToListAsync(cancellationToken);
    }

    private static async Task<List<CohortDay>> FromLeadsAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken)
    {
        var leads = db.Leads.AsNoTracking().Filtered(filter).Where(l => l.CreateDate != null);
        var perDay = await leads.GroupBy(l => l.CreateDate!.Value.Date)
            .Select(g => new { Day = g.Key, Leads = g.Count() })
            .ToListAsync(cancellationToken);
        var won = await leads.Where(l => l.IsWon && l.DateClosed != null)
            .OrderByDescending(l => l.CreateDate).Take(MaxWonLeads)
            .Select(l => new { Created = l.CreateDate!.Value, Closed = l.DateClosed!.Value, l.ExpectedRevenue })
            .ToListAsync(cancellationToken);
        // Every lead once: the won ones by their days to win, the rest (the day's count less its won leads) as not won.
        var wonDays = won.Select(w => new CohortDay(DateOnly.FromDateTime(w.Created), LeadDailyOutcome.WonDaysOf(true, w.Created, w.Closed), 1, w.ExpectedRevenue)).ToList();
        var wonPerDay = wonDays.GroupBy(w => w.Day).ToDictionary(g => g.Key, g => g.Count());
        return
        [
            .. wonDays,
            .. perDay.Select(d => new CohortDay(DateOnly.FromDateTime(d.Day), LeadDailyOutcome.NotWon,
                d.Leads - wonPerDay.GetValueOrDefault(DateOnly.FromDateTime(d.Day)), 0m)),
        ];
    }

    /// <summary>The currency most of the leads are in, from the same slices /crm's cards read.</summary>
    private static async Task<string?> CurrencyAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken) =>
        (await LeadSlices.SlicesAsync(db, filter, cancellationToken))
            .Where(s => s.Currency is not null && s.Leads > 0).GroupBy(s => s.Currency!, StringComparer.Ordinal)
            .Select(g => (Currency: g.Key, Leads: g.Sum(s => s.Leads)))
            .OrderByDescending(c => c.Leads).ThenBy(c => c.Currency, StringComparer.Ordinal).Select(c => c.Currency).FirstOrDefault();

    private static LeadCohorts Build(CohortPeriod period, string? currency, List<CohortDay> days, DateTime now)
    {
        var cohorts = days.GroupBy(d => StartOf(d.Day, period))
            .Where(g => g.Sum(d => d.Leads) > 0)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var size = g.Sum(d => d.Leads);
                var start = g.Key.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                var cells = Ages.Select(age =>
                {
                    if (start.AddDays(age) > now)
                    {
                        return new CohortCell(age, null, null, null);
                    }

                    var within = g.Where(d => d.WonDays != LeadDailyOutcome.NotWon && d.WonDays <= age).ToList();
                    var count = within.Sum(d => d.Leads);
                    return new CohortCell(age, count, Math.Round(100m * count / size, 2, MidpointRounding.AwayFromZero),
                        Math.Round(within.Sum(d => d.Revenue), 2, MidpointRounding.AwayFromZero));
                }).ToList();
                return new Cohort(g.Key, size, cells);
            }).ToList();
        return new LeadCohorts(period, currency, cohorts);
    }

    /// <summary>Leads created on one day with one outcome (<see cref="LeadDailyOutcome.WonDays"/>), and their revenue.</summary>
    private sealed record CohortDay(DateOnly Day, int WonDays, int Leads, decimal Revenue);

    /// <summary>The Monday of the day's ISO week, or the first of its month.</summary>
    public static DateOnly StartOf(DateOnly day, CohortPeriod period) => period == CohortPeriod.Week
        ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7))
        : new DateOnly(day.Year, day.Month, 1);
}
