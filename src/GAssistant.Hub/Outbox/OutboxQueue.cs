using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Outbox;

/// <summary>Queues work for another system in the caller's transaction; the same work is queued once.</summary>
public static class OutboxQueue
{
    /// <returns>False when a message of this kind and key was already queued.</returns>
    public static async Task<bool> EnqueueAsync(HubDbContext db, string kind, string dedupKey, string payload, DateTime now, CancellationToken cancellationToken)
    {
        var exists = db.OutboxMessages.Local.Any(m => m.Kind == kind && m.DedupKey == dedupKey)
            || await db.OutboxMessages.AnyAsync(m => m.Kind == kind && m.DedupKey == dedupKey, cancellationToken);
        if (exists)
        {
            return false;
        }

        db.OutboxMessages.Add(new OutboxMessage
        {
            Kind = kind, DedupKey = dedupKey, Payload = payload, CreatedAt = now, NextAttemptAt = now, Status = OutboxStatus.Pending,
        });
        return true;
    }
}
