using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Scheduling;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Webhooks;

/// <summary>
/// Applies stored webhook deliveries. Each event is claimed with a lease (on PostgreSQL with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several hub instances share the work), applied in its own
/// transaction together with its "processed" mark, and on failure retried with backoff; a poison
/// event is marked failed after <see cref="InboxOptions.MaxAttempts"/> and never blocks the others.
/// </summary>
public sealed partial class InboxWorker(
    IServiceScopeFactory scopes,
    InstanceName instanceName,
    SqliteWriteGate gate,
    InboxWriter writer,
    IInboxNotifier notifier,
    IEnumerable<IInboxEventHandler> handlers,
    IOptions<InboxOptions> options,
    StorageSpace storage,
    TimeProvider clock,
    ILogger<InboxWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, IInboxEventHandler> _handlers = handlers.ToDictionary(h => h.Source);
    private readonly string _instance = instanceName.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using (var scope = scopes.CreateScope())
        {
            await LeaseClaim.ReleaseAbandonedAsync(scope.ServiceProvider.GetRequiredService<HubDbContext>(), "inbox_events", stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Out of space, applying would fail for every event: wait until writes work again.
                while (await storage.ProbeAsync(stoppingToken) && await ProcessBatchAsync(stoppingToken) > 0)
                {
                    if (writer.IsBusy && options.Value.BusyPause > TimeSpan.Zero)
                    {
                        // Deliveries are arriving: leave the CPU to them between batches. A sender
                        // waits for its 2xx; nobody waits for the replica, which catches up after.
                        await Task.Delay(options.Value.BusyPause, clock, stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (StorageSpace.IsStorageFull(ex))
            {
                storage.ReportFull(ex);
            }
            catch (Exception ex)
            {
                Log.TickFailed(logger, ex);
            }

            try
            {
                await notifier.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Claims and applies one batch of due events; returns how many were claimed. The batch is
    /// applied in one transaction (one commit for many events, which keeps up with ingestion);
    /// if any event fails, the batch is rolled back and its events are applied one by one, so
    /// only the failing event is retried.
    /// </summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var ids = await ClaimAsync(cancellationToken);
        if (ids.Count > 1)
        {
            try
            {
                await ProcessTogetherAsync(ids, cancellationToken);
                return ids.Count;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !StorageSpace.IsStorageFull(ex))
            {
                Log.BatchFellBack(logger, ids.Count, ex);
            }
        }

        foreach (var id in ids)
        {
            await ProcessOneAsync(id, cancellationToken);
        }

        return ids.Count;
    }

    private async Task ProcessTogetherAsync(List<long> ids, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var events = await db.InboxEvents
            .Where(e => ids.Contains(e.Id) && e.LockedBy == _instance && e.Status == InboxStatus.Pending)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);

        foreach (var group in events.GroupBy(e => e.Source))
        {
            await HandlerFor(group.First()).PrefetchAsync(db, group.ToList(), cancellationToken);
        }

        // Reading and mapping happen before the write turn; replica rows carry their version as a
        // concurrency token, so a row changed meanwhile (by the sync) fails the save, not silently.
        foreach (var inboxEvent in events)
        {
            await HandlerFor(inboxEvent).HandleAsync(db, inboxEvent, cancellationToken);
            MarkProcessed(inboxEvent);
        }

        using var turn = await gate.EnterAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private IInboxEventHandler HandlerFor(InboxEvent inboxEvent) =>
        _handlers.TryGetValue(inboxEvent.Source, out var handler)
            ? handler
            : throw new InvalidOperationException($"No handler for webhook source '{inboxEvent.Source}'.");

    private async Task<List<long>> ClaimAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        using var turn = await gate.EnterAsync(cancellationToken);
        return await LeaseClaim.ClaimAsync(db, "inbox_events", _instance, now, options.Value.Lease,
            writer.IsBusy ? options.Value.BusyBatchSize : options.Value.BatchSize, cancellationToken);
    }

    private async Task ProcessOneAsync(long id, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var inboxEvent = await db.InboxEvents.SingleAsync(e => e.Id == id, cancellationToken);
        if (inboxEvent.LockedBy != _instance || inboxEvent.Status != InboxStatus.Pending)
        {
            return;
        }

        try
        {
            await HandlerFor(inboxEvent).HandleAsync(db, inboxEvent, cancellationToken);
            MarkProcessed(inboxEvent);
            using var turn = await gate.EnterAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !StorageSpace.IsStorageFull(ex))
        {
            // A full disk is not the event's fault and is not counted as an attempt (the tick stops instead).
            // Includes a concurrency failure: a replica row changed since it was read, or our lease
            // ran out (then RecordFailureAsync sees another owner and leaves the event alone).
            await RecordFailureAsync(id, ex, cancellationToken);
        }
    }

    private void MarkProcessed(InboxEvent inboxEvent)
    {
        inboxEvent.Attempts++;
        inboxEvent.Status = InboxStatus.Processed;
        inboxEvent.ProcessedAt = clock.GetUtcNow().UtcDateTime;
        inboxEvent.ProcessedBy = _instance;
        inboxEvent.LockedBy = null;
        inboxEvent.LockedUntil = null;
        inboxEvent.LastError = null;
    }

    private async Task RecordFailureAsync(long id, Exception error, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var inboxEvent = await db.InboxEvents.SingleAsync(e => e.Id == id, cancellationToken);
        if (inboxEvent.LockedBy != _instance)
        {
            return;
        }

        inboxEvent.Attempts++;
        inboxEvent.LastError = Truncate($"{error.GetType().Name}: {error.Message}", 2000);
        inboxEvent.LockedBy = null;
        inboxEvent.LockedUntil = null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (inboxEvent.Attempts >= options.Value.MaxAttempts)
        {
            inboxEvent.Status = InboxStatus.Failed;
            Log.GaveUp(logger, id, inboxEvent.Source, inboxEvent.EventType, inboxEvent.Attempts, error);
        }
        else
        {
            inboxEvent.NextAttemptAt = now + RetrySchedule.Delay(inboxEvent.Attempts, Random.Shared.NextDouble());
            Log.WillRetry(logger, id, inboxEvent.Source, inboxEvent.EventType, inboxEvent.Attempts, inboxEvent.NextAttemptAt, error);
        }

        using var turn = await gate.EnterAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "The inbox worker's tick failed; it will try again")]
        public static partial void TickFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "A batch of {Count} inbox events failed together; applying them one by one")]
        public static partial void BatchFellBack(ILogger logger, int count, Exception exception);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Inbox event {Id} ({Source} {EventType}) failed on attempt {Attempts}; next attempt at {NextAttemptAt:o}")]
        public static partial void WillRetry(ILogger logger, long id, string source, string eventType, int attempts, DateTime nextAttemptAt, Exception exception);

        [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Inbox event {Id} ({Source} {EventType}) failed {Attempts} times and is marked failed; replay it from Deliveries")]
        public static partial void GaveUp(ILogger logger, long id, string source, string eventType, int attempts, Exception exception);
    }
}
