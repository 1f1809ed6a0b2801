using System.Text.Json;
using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Splits a stored Meta notification into its leads and queues one "lead to Odoo" message per
/// <c>leadgen_id</c>, in the inbox event's transaction. The lead id is the dedup key, so a repeated
/// notification, another batch naming the same lead, or a backfill queue it only once.
/// </summary>
public sealed partial class MetaInboxHandler(TimeProvider clock, ILogger<MetaInboxHandler> logger) : IInboxEventHandler
{
    public string Source => InboxSources.Meta;

    public async Task HandleAsync(HubDbContext db, InboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        if (!MetaNotification.TryParse(System.Text.Encoding.UTF8.GetBytes(inboxEvent.Payload), out var leads, out var errors))
        {
            throw new InvalidOperationException($"Stored Meta notification {inboxEvent.Id} cannot be read: {string.Join("; ", errors.Keys)}");
        }

        var queued = await MetaLeadQueue.EnqueueManyAsync(db, leads.Select(MetaLeadJob.FromWebhook), clock.GetUtcNow().UtcDateTime, cancellationToken);

        Log.Split(logger, inboxEvent.Id, leads.Count, queued);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2711, Level = LogLevel.Information, Message = "Meta notification {Id}: {Count} leads, {Queued} newly queued for Odoo")]
        public static partial void Split(ILogger logger, long id, int count, int queued);
    }
}

/// <summary>What the "lead to Odoo" outbox message carries: the ids, and the lead itself when a backfill already read it.</summary>
public sealed record MetaLeadJob(string LeadgenId, string? PageId, string? FormId, string? AdId, DateTime? CreatedTime, JsonElement? Lead)
{
    public static MetaLeadJob FromWebhook(LeadgenChange change) =>
        new(change.LeadgenId, change.PageId, change.FormId, change.AdId ?? change.AdgroupId, change.CreatedTime, null);
}

/// <summary>Queues Meta leads for Odoo through the outbox (kind <see cref="Kind"/>, dedup key = leadgen id).</summary>
public static class MetaLeadQueue
{
    public const string Kind = "meta.lead_to_odoo";

    /// <summary>A whole notification (up to 1000 leads) with one lookup instead of one per lead; returns how many were new.</summary>
    public static async Task<int> EnqueueManyAsync(HubDbContext db, IEnumerable<MetaLeadJob> jobs, DateTime now, CancellationToken cancellationToken)
    {
        var fresh = jobs.DistinctBy(j => j.LeadgenId).ToList();
        var keys = fresh.Select(j => j.LeadgenId).ToList();
        var existing = (await db.OutboxMessages.Where(m => m.Kind == Kind && keys.Contains(m.DedupKey)).Select(m => m.DedupKey).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var queued = 0;
        foreach (var job in fresh.Where(j => !existing.Contains(j.LeadgenId)))
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Kind = Kind, DedupKey = job.LeadgenId, Payload = JsonSerializer.Serialize(job, MetaJson.Options),
                CreatedAt = now, NextAttemptAt = now, Status = OutboxStatus.Pending,
            });
            queued++;
        }

        return queued;
    }

    public static Task<bool> EnqueueAsync(HubDbContext db, MetaLeadJob job, DateTime now, CancellationToken cancellationToken) =>
        OutboxQueue.EnqueueAsync(db, Kind, job.LeadgenId, JsonSerializer.Serialize(job, MetaJson.Options), now, cancellationToken);
}
