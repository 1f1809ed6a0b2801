using System.Globalization;
using GAssistant.Hub.Data;
using GAssistant.Hub.Meta;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Health;

/// <summary>
/// The reconciliation's own alarm: real Meta leads created today (UTC) that the backfill found and no webhook had named
/// (<see cref="MetaLeadLink.Arrival"/> is <see cref="LeadArrival.Backfill"/>). The backfill keeps such leads from being
/// lost, which is exactly why a broken webhook subscription would otherwise go unseen: one is a warning with the count.
/// </summary>
public sealed class LeadBackfillHealth(HubDbContext db, IOptionsMonitor<MetaOptions> meta, TimeProvider clock) : IConnectionCheck
{
    public string Key => "leads.backfill";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        if (!meta.CurrentValue.IsConfigured)
        {
            return [];
        }

        var today = clock.GetUtcNow().UtcDateTime.Date;
        var onlyBackfill = await MetaLeadLink.Real(db.MetaLeadLinks.AsNoTracking())
            .CountAsync(l => l.Arrival == LeadArrival.Backfill && l.CreatedTime >= today, cancellationToken);
        var count = onlyBackfill.ToString(CultureInfo.InvariantCulture);
        return [onlyBackfill > 0
            ? new CheckResult(Key, "Meta", CheckState.Warning, "leads_backfill_only", [count])
            : new CheckResult(Key, "Meta", CheckState.Ok, "leads_backfill_ok", [count])];
    }
}
