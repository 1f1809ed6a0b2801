using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Scheduling;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Webhooks;

/// <summary>
/// Applies stored webhook deliveries. Each event is claimed with a lease (on PostgreSQL with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several hub instances share the work), applied in a batch's
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

    /// <summary>When the oldest event of the last batch was received; a batch that waited long means the worker is behind.</summary>
    private DateTime _lastBatchReceivedAt = DateTime.MaxValue;

    /// <summary>Deliveries are arriving and the worker is not behind them: small batches and a pause between them.</summary>
    private bool YieldsToDeliveries => writer.IsBusy && clock.GetUtcNow().UtcDateTime - _lastBatchReceivedAt < options.Value.CatchUpLag;

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
                    if (YieldsToDeliveries && options.Value.BusyPause > TimeSpan.Zero)
                    {
                        // Deliveries are arriving: leave the CPU to them between batches. A sender
                        // waits for its 2xx; nobody waits for the replica, unless it falls behind.
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
    /// applied in one transaction: each source's handler loads what the batch touches in one query per
    /// table and applies the events in order, then one save writes the changes and one statement marks
    /// the events processed. If anything fails, the transaction is rolled back and the events are applied
    /// one by one, so only the failing event is retried and none is applied twice.
    /// </summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var ids = await ClaimAsync(cancellationToken);
        if (ids.Count > 1)
        {
            try
            {
                await ApplyAsync(ids, cancellationToken);
                return ids.Count;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !StorageSpace.IsStorageFull(ex))
            {
                Log.BatchFellBack(logger, ids.Count, ex);
            }
        }

        foreach (var id in ids)
        {
            try
            {
                await ApplyAsync([id], cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !StorageSpace.IsStorageFull(ex))
            {
                // A full disk is not the event's fault and is not counted as an attempt (the tick stops instead).
                // Includes a concurrency failure: a replica row changed since it was read, or our lease
                // ran out (then RecordFailureAsync sees another owner and leaves the event alone).
                await RecordFailureAsync(id, ex, cancellationToken);
            }
        }

        return ids.Count;
    }

    private async Task ApplyAsync(List<long> ids, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var events = await db.InboxEvents.AsNoTracking()
            .Where(e => ids.Contains(e.Id) && e.LockedBy == _instance && e.Status == InboxStatus.Pending)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return;
        }

        _lastBatchReceivedAt = events[0].ReceivedAt;

        // Reading and mapping happen before the write turn; replica rows carry their version as a
        // concurrency token, so a row changed meanwhile (by the sync) fails the save, not silently.
        foreach (var group in events.GroupBy(e => e.Source))
        {
            await HandlerFor(group.Key).HandleBatchAsync(db, group.ToList(), cancellationToken);
        }

        var applied = events.Select(e => e.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        using var turn = await gate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // The attempt that applies an event is counted in its transaction. Only our lease may mark it: if another
        // instance took an event over, the batch is rolled back and applied one by one, skipping that event.
        var marked = await db.InboxEvents
            .Where(e => applied.Contains(e.Id) && e.LockedBy == _instance && e.Status == InboxStatus.Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Attempts, e => e.Attempts + 1)
                .SetProperty(e => e.Status, InboxStatus.Processed)
                .SetProperty(e => e.ProcessedAt, now)
                .SetProperty(e => e.ProcessedBy, _instance)
                .SetProperty(e => e.LockedBy, (string?)null)
                .SetProperty(e => e.LockedUntil, (DateTime?)null)
                .SetProperty(e => e.LastError, (string?)null), cancellationToken);
        if (marked != applied.Count)
        {
            throw new DbUpdateConcurrencyException($"{applied.Count - marked} of {applied.Count} inbox events are no longer leased to {_instance}.");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private IInboxEventHandler HandlerFor(string source) =>
        _handlers.TryGetValue(source, out var handler)
            ? handler
            : throw new InvalidOperationException($"No handler for webhook source '{source}'.");

    private async Task<List<long>> ClaimAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        using var turn = await gate.EnterAsync(cancellationToken);
        return await LeaseClaim.ClaimAsync(db, "inbox_events", _instance, now, options.Value.Lease,
            YieldsToDeliveries ? options.Value.BusyBatchSize : options.Value.BatchSize, cancellationToken);
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
