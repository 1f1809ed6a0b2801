using GAssistant.Hub.Data;
using GAssistant.Hub.Insights;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>Loads what the CRM insight rules need and runs them. The rules themselves are pure (Insights/).</summary>
public static class CrmInsights
{
    /// <param name="previous">The period of equal length before the filter's dates; null for "all time".</param>
    /// <param name="previousSlices">That period's slices when the caller has read them already (the page compares with it).</param>
    public static async Task<IReadOnlyList<Insight>> ComputeAsync(
        HubDbContext db, LeadFilter filter, IReadOnlyList<LeadSlice> current, LeadFilter? previous, DateTime now, CancellationToken cancellationToken,
        IReadOnlyList<LeadSlice>? previousSlices = null)
    {
        var insights = new List<Insight>();
        insights.AddRange(new StaleLeadsRule().Evaluate(await StageAgesAsync(db, filter, current, now, cancellationToken)));
        if (previous is not null)
        {
            var before = previousSlices ?? await LeadSlices.SlicesAsync(db, previous, cancellationToken);
            insights.AddRange(new FallingConversionRule().Evaluate(SourcePeriods(current, before)));
        }

        return insights;
    }

    /// <summary>
    /// Open leads per stage among the filtered leads (the dashboard's dates included), and those unchanged since the
    /// cut-off. The open leads come from <paramref name="current"/> (the daily rollups, for most filters); the stale ones
    /// are those minus the open leads changed since the cut-off, which are few and read through an index that starts
    /// with write_date and covers the query, whatever the range ("All time" is a million leads in bench/dashboard-queries.sh).
    /// A lead with no write date is not counted as stale, as it cannot be said to be.
    /// </summary>
    /// <param name="current">The filtered leads' slices (<see cref="LeadSlices"/>).</param>
    public static async Task<IReadOnlyList<StageAge>> StageAgesAsync(
        HubDbContext db, LeadFilter filter, IReadOnlyList<LeadSlice> current, DateTime now, CancellationToken cancellationToken)
    {
        var cutoff = now.AddDays(-StaleLeadsRule.StaleAfterDays);
        var open = db.Leads.AsNoTracking().Filtered(filter).Where(l => l.Active && !l.IsWon && !l.IsLost);
        // Two reads rather than one OR, which PostgreSQL answers from lead rows instead of the write_date index.
        var notStale = (await PerStageAsync(open.Where(l => l.WriteDate >= cutoff), cancellationToken))
            .Concat(await PerStageAsync(open.Where(l => l.WriteDate == null), cancellationToken));
        var recent = notStale.GroupBy(r => StageOf(r.Stage)).ToDictionary(g => g.Key, g => (Leads: g.Sum(r => r.Leads), Revenue: g.Sum(r => r.Revenue)));
        return current.Where(s => s.Open).GroupBy(s => StageOf(s.Stage))
            .Select(g =>
            {
                var (leads, revenue) = recent.GetValueOrDefault(g.Key);
                var openLeads = g.Sum(s => s.Leads);
                // Two reads, not one snapshot: a lead changed in between must not make a count negative.
                return new StageAge(g.Key, openLeads, Math.Clamp(openLeads - leads, 0, openLeads), Math.Max(0, g.Sum(s => s.Revenue) - revenue));
            })
            .ToList();
    }

    // Grouped by an expression, not the column: SQLite has no statistics on how few leads a write_date range holds
    // and would rather walk the stage index to save a sort than read the recent writes (~25 times slower).
    private static Task<List<StageSum>> PerStageAsync(IQueryable<Lead> leads, CancellationToken cancellationToken) =>
        leads.GroupBy(l => l.StageName ?? "").Select(g => new StageSum(g.Key, g.Count(), g.Sum(l => l.ExpectedRevenue))).ToListAsync(cancellationToken);

    private sealed record StageSum(string Stage, int Leads, decimal Revenue);

    private static string StageOf(string? stage) => string.IsNullOrEmpty(stage) ? CrmSummary.NoStage : stage;

    public static IEnumerable<SourcePeriods> SourcePeriods(IReadOnlyList<LeadSlice> current, IReadOnlyList<LeadSlice> before)
    {
        var sources = current.Select(s => s.Source).Union(before.Select(s => s.Source)).Distinct();
        foreach (var source in sources)
        {
            var now = current.Where(s => s.Source == source).ToList();
            var then = before.Where(s => s.Source == source).ToList();
            yield return new SourcePeriods(source ?? CrmSummary.NoSource, now.Sum(s => s.Leads), now.Where(s => s.Won).Sum(s => s.Leads),
                then.Sum(s => s.Leads), then.Where(s => s.Won).Sum(s => s.Leads));
        }
    }
}
