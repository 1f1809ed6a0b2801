using GAssistant.Hub.Data;
using GAssistant.Hub.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Components.Pages.Deliveries;

/// <summary>
/// Puts a failed webhook delivery back in the inbox: Pending, no attempts, due now. Its last error stays until an
/// attempt succeeds (the inbox worker clears it then), so the reason stays visible while it is retried.
/// </summary>
public static class DeliveryReplay
{
    /// <returns>False when the delivery is not (or no longer) failed.</returns>
    public static async Task<bool> ReplayAsync(HubDbContext db, IInboxNotifier notifier, long id, DateTime now, CancellationToken cancellationToken)
    {
        var changed = await db.InboxEvents.Where(e => e.Id == id && e.Status == InboxStatus.Failed)
            .ExecuteUpdateAsync(e => e
                .SetProperty(x => x.Status, InboxStatus.Pending)
                .SetProperty(x => x.Attempts, 0)
                .SetProperty(x => x.NextAttemptAt, now)
                .SetProperty(x => x.LockedBy, (string?)null)
                .SetProperty(x => x.LockedUntil, (DateTime?)null), cancellationToken);
        if (changed > 0)
        {
            notifier.Notify();
        }

        return changed > 0;
    }
}
