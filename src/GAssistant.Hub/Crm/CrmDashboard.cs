using GAssistant.Hub.Data;
using GAssistant.Hub.Insights;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>
/// Everything the /crm page draws above its leads table, for one filter (the benchmark times this call), and the same
/// figures for the period it is compared with (null without a comparison).
/// </summary>
public sealed record CrmDashboard(CrmFigures Figures, IReadOnlyList<Insight> Insights, bool EmptyHub)
{
    public CrmFigures? Compared { get; init; }

    /// <param name="previous">The same filter over the period of equal length just before (the recommendations' baseline); null for "all time".</param>
    /// <param name="compared">The same filter over the period the page compares with (previous period or last year); null for none.</param>
    public static async Task<CrmDashboard> LoadAsync(HubDbContext db, LeadFilter filter, LeadFilter? previous, DateTime now, CancellationToken cancellationToken,
        LeadFilter? compared = null)
    {
        var cube = await LeadSlices.LoadAsync(db, filter, cancellationToken);
        var comparedCube = compared is null ? null : await LeadSlices.LoadAsync(db, compared, cancellationToken);
        // The page's default comparison is the recommendations' baseline: its slices are read once, for both.
        var insights = await CrmInsights.ComputeAsync(db, filter, cube.Slices, previous, now, cancellationToken,
            compared is not null && compared == previous ? comparedCube!.Slices : null);
        var empty = cube.Slices.Count == 0 && !await db.Leads.AnyAsync(cancellationToken);
        return new CrmDashboard(CrmFigures.From(cube), insights, empty) { Compared = comparedCube is null ? null : CrmFigures.From(comparedCube) };
    }
}
