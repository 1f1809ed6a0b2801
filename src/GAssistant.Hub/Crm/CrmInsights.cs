using GAssistant.Hub.Data;
using GAssistant.Hub.Insights;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>Loads what the CRM insight rules need and runs them. The rules themselves are pure (Insights/).</summary>
public static class CrmInsights
{
    /// <param name="previous">The period of equal length before the filter's dates; null for "all time".</param>
    public static async Task<IReadOnlyList<Insight>> ComputeAsync(
        HubDbContext db, LeadFilter filter, IReadOnlyList<LeadSlice> current, LeadFilter? previous, DateTime now, CancellationToken cancellationToken)
    {
        var insights = new List<Insight>();
        insights.AddRange(new StaleLeadsRule().Evaluate(await StageAgesAsync(db, filter, now, cancellationToken)));
        if (previous is not null)
        {
            var before = await LeadSlices.SlicesAsync(db, previous, cancellationToken);
            insights.AddRange(new FallingConversionRule().Evaluate(SourcePeriods(current, before)));
        }

        return insights;
    }

    /// <summary>
    /// Open leads per stage among the filtered leads (the dashboard's dates included), and those unchanged since the
    /// cut-off. Read through an index that covers the query, so no lead row is visited.
    /// </summary>
    public static async Task<IReadOnlyList<StageAge>> StageAgesAsync(HubDbContext db, LeadFilter filter, DateTime now, CancellationToken cancellationToken)
    {
        var cutoff = now.AddDays(-StaleLeadsRule.StaleAfterDays);
        var rows = await db.Leads.AsNoTracking().Filtered(filter)
            .Where(l => l.Active && !l.IsWon && !l.IsLost)
            .GroupBy(l => l.StageName)
            .Select(g => new
            {
                Stage = g.Key,
                Open = g.Count(),
                Stale = g.Count(l => l.WriteDate < cutoff),
                StaleRevenue = g.Where(l => l.WriteDate < cutoff).Sum(l => l.ExpectedRevenue),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new StageAge(r.Stage ?? CrmSummary.NoStage, r.Open, r.Stale, r.StaleRevenue)).ToList();
    }

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
