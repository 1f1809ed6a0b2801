using GAssistant.Hub.Data;

namespace GAssistant.Hub.Webhooks;

/// <summary>
/// Applies one stored delivery of a source. Changes go through <paramref name="db"/> and are
/// committed together with the event's "processed" mark, so an event is applied once or not at all.
/// Throwing marks the attempt failed and schedules a retry.
/// </summary>
public interface IInboxEventHandler
{
    string Source { get; }

    Task HandleAsync(HubDbContext db, InboxEvent inboxEvent, CancellationToken cancellationToken);

    /// <summary>Loads what a batch of events will touch in one query, before they are handled one by one.</summary>
    Task PrefetchAsync(HubDbContext db, IReadOnlyList<InboxEvent> batch, CancellationToken cancellationToken) => Task.CompletedTask;
}
