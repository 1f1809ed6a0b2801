using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Outbox;

/// <summary>Queues work for another system in the caller's transaction; the same work is queued once.</summary>
public static class OutboxQueue
{
    /// <param name="notBefore">When it may first be sent (a reminder, an email held through the night); null: at once.</param>
    /// <returns>False when a message of this kind and key was already queued.</returns>
    public static async Task<bool> EnqueueAsync(HubDbContext db, string kind, string dedupKey, string payload, DateTime now, CancellationToken cancellationToken,
        DateTime? notBefore = null)
    {
        var exists = db.OutboxMessages.Local.Any(m => m.Kind == kind && m.DedupKey == dedupKey)
            || await db.OutboxMessages.AnyAsync(m => m.Kind == kind && m.DedupKey == dedupKey, cancellationToken);
        if (exists)
        {
            return false;
        }

        db.OutboxMessages.Add(new OutboxMessage
        {
            Kind = kind, DedupKey = dedupKey, Payload = payload, CreatedAt = now, NextAttemptAt = notBefore is { } due && due > now ? due : now, Status = OutboxStatus.Pending,
        });
        return true;
    }
}
