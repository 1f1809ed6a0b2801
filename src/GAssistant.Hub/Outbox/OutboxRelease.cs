using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Outbox;

/// <summary>
/// Messages that failed and wait out their backoff (Pending, tried at least once, due later): what leads and events wait for
/// while a connection is broken, and what is sent at once when it is back instead of after the rest of the backoff.
/// </summary>
public static class OutboxRelease
{
    /// <summary>Makes every waiting message due now; one being sent (locked) is left to its sender. Answers how many.</summary>
    public static Task<int> ReleaseAsync(HubDbContext db, DateTime now, CancellationToken cancellationToken) =>
        Waiting(db, now).Where(m => m.LockedUntil == null || m.LockedUntil < now)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.NextAttemptAt, now), cancellationToken);

    /// <summary>How many messages wait for a retry.</summary>
    public static Task<int> CountAsync(HubDbContext db, DateTime now, CancellationToken cancellationToken) =>
        Waiting(db, now).CountAsync(cancellationToken);

    private static IQueryable<OutboxMessage> Waiting(HubDbContext db, DateTime now) =>
        db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.Attempts > 0 && m.NextAttemptAt > now);
}
