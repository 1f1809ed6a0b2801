using GAssistant.Hub.Data;

namespace GAssistant.Hub.Webhooks;

/// <summary>
/// Applies stored deliveries of a source. Changes go through <paramref name="db"/> and are
/// committed together with the events' "processed" marks, so an event is applied once or not at all.
/// Throwing marks the attempt failed and schedules a retry.
/// </summary>
public interface IInboxEventHandler
{
    string Source { get; }

    Task HandleAsync(HubDbContext db, InboxEvent inboxEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a batch's events in order (several may touch one record). A source that can load what the batch touches
    /// in one query per table does so here; throwing fails the whole batch, whose events are then applied one by one.
    /// </summary>
    async Task HandleBatchAsync(HubDbContext db, IReadOnlyList<InboxEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var inboxEvent in batch)
        {
            await HandleAsync(db, inboxEvent, cancellationToken);
        }
    }
}
