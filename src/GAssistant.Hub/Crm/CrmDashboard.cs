using GAssistant.Hub.Data;
using GAssistant.Hub.Insights;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>Everything the /crm page draws above its leads table, for one filter (the benchmark times this call).</summary>
public sealed record CrmDashboard(CrmFigures Figures, IReadOnlyList<Insight> Insights, bool EmptyHub)
{
    /// <param name="previous">The same filter over the period of equal length just before; null for "all time".</param>
    public static async Task<CrmDashboard> LoadAsync(HubDbContext db, LeadFilter filter, LeadFilter? previous, DateTime now, CancellationToken cancellationToken)
    {
        var cube = await LeadSlices.LoadAsync(db, filter, cancellationToken);
        var insights = await CrmInsights.ComputeAsync(db, filter, cube.Slices, previous, now, cancellationToken);
        var empty = cube.Slices.Count == 0 && !await db.Leads.AnyAsync(cancellationToken);
        return new CrmDashboard(CrmFigures.From(cube), insights, empty);
    }
}
