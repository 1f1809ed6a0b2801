using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Outbox;

/// <summary>
/// Puts messages that failed for their configuration back in the queue once it is fixed: Pending, no attempts, due now.
/// Their last error stays until an attempt succeeds, so the reason stays visible while they are retried.
/// </summary>
public static class OutboxRearm
{
    /// <summary>The failed messages waiting for exactly <paramref name="waitingFor"/>; <paramref name="limit"/> of them (oldest first) when given.</summary>
    public static Task<int> RearmAsync(HubDbContext db, string waitingFor, DateTime now, CancellationToken cancellationToken, int? limit = null)
    {
        var failed = db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed && m.WaitingFor == waitingFor);
        if (limit is { } count)
        {
            var oldest = failed.OrderBy(m => m.Id).Select(m => m.Id).Take(count);
            failed = db.OutboxMessages.Where(m => oldest.Contains(m.Id));
        }

        return failed.ExecuteUpdateAsync(m => m
            .SetProperty(x => x.Status, OutboxStatus.Pending)
            .SetProperty(x => x.Attempts, 0)
            .SetProperty(x => x.NextAttemptAt, now)
            .SetProperty(x => x.WaitingFor, (string?)null)
            .SetProperty(x => x.LockedBy, (string?)null)
            .SetProperty(x => x.LockedUntil, (DateTime?)null), cancellationToken);
    }

    /// <summary>What failed messages wait for (keys starting with <paramref name="prefix"/>), with how many wait for each.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> WaitingAsync(HubDbContext db, string prefix, CancellationToken cancellationToken) =>
        await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed && m.WaitingFor != null && m.WaitingFor.StartsWith(prefix))
            .GroupBy(m => m.WaitingFor!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
}
