using System.Text.Json;
using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Webhooks;

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
        if (!MetaNotification.TryParse(System.Text.Encoding.UTF8.GetBytes(inboxEvent.Payload), out var leads, out var error))
        {
            throw new InvalidOperationException($"Stored Meta notification {inboxEvent.Id} cannot be read: {error}");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var queued = 0;
        foreach (var lead in leads.DistinctBy(l => l.LeadgenId))
        {
            if (await MetaLeadQueue.EnqueueAsync(db, MetaLeadJob.FromWebhook(lead), now, cancellationToken))
            {
                queued++;
            }
        }

        Log.Split(logger, inboxEvent.Id, leads.Count, queued);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Meta notification {Id}: {Count} leads, {Queued} newly queued for Odoo")]
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

    public static Task<bool> EnqueueAsync(HubDbContext db, MetaLeadJob job, DateTime now, CancellationToken cancellationToken) =>
        OutboxQueue.EnqueueAsync(db, Kind, job.LeadgenId, JsonSerializer.Serialize(job, MetaJson.Options), now, cancellationToken);
}
