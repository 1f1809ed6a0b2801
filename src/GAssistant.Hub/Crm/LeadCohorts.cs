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
    /// Leads are counted per day of creation in the database; the won leads come back as their two dates and revenue
    /// (SQLite cannot subtract dates in EF) and are put in their cohorts' cells here.
    /// </summary>
    public static async Task<LeadCohorts> LoadAsync(HubDbContext db, LeadFilter filter, CohortPeriod period, DateTime now, CancellationToken cancellationToken)
    {
        if (filter.From is null)
        {
            var current = StartOf(DateOnly.FromDateTime(now), period);
            var first = period == CohortPeriod.Week ? current.AddDays(-7 * (DefaultPeriods - 1)) : current.AddMonths(-(DefaultPeriods - 1));
            filter = filter with { From = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) };
        }

        var leads = db.Leads.AsNoTracking().Filtered(filter).Where(l => l.CreateDate != null);
        var perDay = await leads.GroupBy(l => l.CreateDate!.Value.Date)
            .Select(g => new { Day = g.Key, Leads = g.Count() })
            .ToListAsync(cancellationToken);
        var won = await leads.Where(l => l.IsWon && l.DateClosed != null)
            .OrderByDescending(l => l.CreateDate).Take(MaxWonLeads)
            .Select(l => new { Created = l.CreateDate!.Value, Closed = l.DateClosed!.Value, l.ExpectedRevenue })
            .ToListAsync(cancellationToken);
        var currency = (await leads.Where(l => l.Currency != null).GroupBy(l => l.Currency)
                .Select(g => new { Currency = g.Key, Leads = g.Count() }).ToListAsync(cancellationToken))
            .OrderByDescending(c => c.Leads).ThenBy(c => c.Currency, StringComparer.Ordinal).Select(c => c.Currency).FirstOrDefault();

        var wonBy = won.ToLookup(w => StartOf(DateOnly.FromDateTime(w.Created), period));
        var cohorts = perDay.GroupBy(d => StartOf(DateOnly.FromDateTime(d.Day), period))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var size = g.Sum(d => d.Leads);
                var start = g.Key.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                var cells = Ages.Select(days =>
                {
                    if (start.AddDays(days) > now)
                    {
                        return new CohortCell(days, null, null, null);
                    }

                    var within = wonBy[g.Key].Where(w => w.Closed - w.Created <= TimeSpan.FromDays(days)).ToList();
                    return new CohortCell(days, within.Count, Math.Round(100m * within.Count / size, 2, MidpointRounding.AwayFromZero),
                        Math.Round(within.Sum(w => w.ExpectedRevenue), 2, MidpointRounding.AwayFromZero));
                }).ToList();
                return new Cohort(g.Key, size, cells);
            }).ToList();
        return new LeadCohorts(period, currency, cohorts);
    }

    /// <summary>The Monday of the day's ISO week, or the first of its month.</summary>
    public static DateOnly StartOf(DateOnly day, CohortPeriod period) => period == CohortPeriod.Week
        ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7))
        : new DateOnly(day.Year, day.Month, 1);
}
