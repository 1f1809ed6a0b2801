using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;
using GAssistant.Hub.Operations;
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
    IInboxNotifier notifier,
    IEnumerable<IInboxEventHandler> handlers,
    IOptions<InboxOptions> options,
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
                while (await ProcessBatchAsync(stoppingToken) > 0)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
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

    /// <summary>Claims and applies one batch of due events; returns how many were claimed.</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var ids = await ClaimAsync(cancellationToken);
        foreach (var id in ids)
        {
            await ProcessOneAsync(id, cancellationToken);
        }

        return ids.Count;
    }

    private async Task<List<long>> ClaimAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        return await LeaseClaim.ClaimAsync(db, "inbox_events", _instance, now, options.Value.Lease, options.Value.BatchSize, cancellationToken);
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
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!_handlers.TryGetValue(inboxEvent.Source, out var handler))
            {
                throw new InvalidOperationException($"No handler for webhook source '{inboxEvent.Source}'.");
            }

            await handler.HandleAsync(db, inboxEvent, cancellationToken);
            MarkProcessed(inboxEvent);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Our lease ran out and another instance took the event: its result stands, ours is dropped.
            Log.LeaseLost(logger, id);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
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

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "The inbox worker's tick failed; it will try again")]
        public static partial void TickFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Inbox event {Id} was taken over by another instance after its lease ran out")]
        public static partial void LeaseLost(ILogger logger, long id);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Inbox event {Id} ({Source} {EventType}) failed on attempt {Attempts}; next attempt at {NextAttemptAt:o}")]
        public static partial void WillRetry(ILogger logger, long id, string source, string eventType, int attempts, DateTime nextAttemptAt, Exception exception);

        [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Inbox event {Id} ({Source} {EventType}) failed {Attempts} times and is marked failed; replay it from Deliveries")]
        public static partial void GaveUp(ILogger logger, long id, string source, string eventType, int attempts, Exception exception);
    }
}
