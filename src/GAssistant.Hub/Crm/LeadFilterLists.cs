using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>The stages, sources and campaigns the filter lists offer: those of the replica's leads.</summary>
public sealed record LeadFilterLists(IReadOnlyList<string> Stages, IReadOnlyList<string> Sources, IReadOnlyList<string> Campaigns)
{
    public static readonly LeadFilterLists Empty = new([], [], []);

    /// <summary>
    /// Read from the daily rollups (which count every lead that is not deleted, a missing text as ""), not from the leads:
    /// a DISTINCT over a million leads took ~0.5 s on PostgreSQL at every page load (bench/dashboard-queries.sh).
    /// Stages come in Odoo's pipeline order, then by name.
    /// </summary>
    public static async Task<LeadFilterLists> LoadAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var stats = db.Set<LeadDailyStat>().AsNoTracking().Where(s => s.Leads > 0);
        var stages = await stats.Where(s => s.Stage != "").Select(s => s.Stage).Distinct().ToListAsync(cancellationToken);
        var sources = await stats.Where(s => s.Source != "").Select(s => s.Source).Distinct().ToListAsync(cancellationToken);
        var campaigns = await db.Set<LeadDailyCampaignStat>().AsNoTracking().Where(s => s.Leads > 0 && s.Campaign != "")
            .Select(s => s.Campaign).Distinct().ToListAsync(cancellationToken);
        var position = StageOrder.Positions(await StageOrder.NamesAsync(db, cancellationToken));
        return new LeadFilterLists(
            stages.OrderBy(position).ThenBy(s => s, StringComparer.CurrentCulture).ToList(),
            sources.Order(StringComparer.CurrentCulture).ToList(),
            campaigns.Order(StringComparer.CurrentCulture).ToList());
    }
}
