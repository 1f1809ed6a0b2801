using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Outbox;

/// <summary>
/// Sends queued outbox messages with retries (unlike eShop's outbox, failed rows are retried with
/// backoff and keep their last error). Claimed with a lease like the inbox, so instances share it.
/// </summary>
public sealed partial class OutboxWorker(
    IServiceScopeFactory scopes,
    InstanceName instanceName,
    IEnumerable<IOutboxHandler> handlers,
    IOptions<OutboxOptions> options,
    OutboxNotifier notifier,
    StorageSpace storage,
    TimeProvider clock,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, IOutboxHandler> _handlers = handlers.ToDictionary(h => h.Kind);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using (var scope = scopes.CreateScope())
        {
            await LeaseClaim.ReleaseAbandonedAsync(scope.ServiceProvider.GetRequiredService<HubDbContext>(), "outbox_messages", stoppingToken);
        }

        do
        {
            try
            {
                while (await storage.ProbeAsync(stoppingToken) && await ProcessBatchAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (StorageSpace.IsStorageFull(ex))
            {
                storage.ReportFull(ex);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.TickFailed(logger, ex);
            }
        }
        while (await notifier.WaitAsync(options.Value.PollInterval, clock, stoppingToken));
    }

    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        List<long> ids;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            ids = await LeaseClaim.ClaimAsync(db, "outbox_messages", instanceName.Value, now, options.Value.Lease, options.Value.BatchSize, cancellationToken);
        }

        // Kinds whose handler takes batches go in one call per batch; every other message on its own.
        var kinds = await KindsAsync(ids, cancellationToken);
        foreach (var group in ids.GroupBy(id => _handlers.GetValueOrDefault(kinds.GetValueOrDefault(id, "")) is IOutboxBatchHandler ? kinds[id] : null))
        {
            if (group.Key is { } kind && _handlers[kind] is IOutboxBatchHandler batch)
            {
                foreach (var chunk in group.Order().Chunk(Math.Max(1, batch.MaxBatch)))
                {
                    await SendManyAsync(batch, chunk, cancellationToken);
                }
            }
            else
            {
                foreach (var id in group)
                {
                    await SendOneAsync(id, cancellationToken);
                }
            }
        }

        return ids.Count;
    }

    private async Task<Dictionary<long, string>> KindsAsync(List<long> ids, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Kind, cancellationToken);
    }

    /// <summary>Messages of one batch kind in one call; each gets its own outcome (a failure of the call is everyone's).</summary>
    private async Task SendManyAsync(IOutboxBatchHandler handler, long[] ids, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var messages = await db.OutboxMessages.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var message in messages)
        {
            message.Attempts++;
            message.LockedBy = null;
            message.LockedUntil = null;
        }

        IReadOnlyList<Exception?> outcomes;
        try
        {
            outcomes = await handler.SendBatchAsync(messages, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            outcomes = messages.Select(_ => (Exception?)ex).ToList();
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (outcomes.ElementAtOrDefault(i) is { } failure)
            {
                Failed(messages[i], failure, now);
                Log.SendFailed(logger, messages[i].Id, messages[i].Kind, messages[i].Attempts, messages[i].Status == OutboxStatus.Failed, failure);
            }
            else
            {
                Sent(messages[i]);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private void Sent(OutboxMessage message)
    {
        message.Status = OutboxStatus.Sent;
        message.ProcessedAt = clock.GetUtcNow().UtcDateTime;
        message.LastError = null;
        message.WaitingFor = null;
    }

    private async Task SendOneAsync(long id, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var message = await db.OutboxMessages.SingleAsync(m => m.Id == id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        message.Attempts++;
        message.LockedBy = null;
        message.LockedUntil = null;
        try
        {
            if (!_handlers.TryGetValue(message.Kind, out var handler))
            {
                throw new PermanentOutboxException($"No handler for outbox kind '{message.Kind}'.");
            }

            await handler.SendAsync(message, cancellationToken);
            Sent(message);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed(message, ex, now);
            Log.SendFailed(logger, id, message.Kind, message.Attempts, message.Status == OutboxStatus.Failed, ex);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// Records a failed attempt: retried with backoff, at the time the other side gave (a rate limit, not counted against the
    /// attempts), or failed for good: bad data, too many attempts, or a configuration to fix (kept with what it waits for).
    /// </summary>
    private void Failed(OutboxMessage message, Exception ex, DateTime now)
    {
        message.LastError = $"{ex.GetType().Name}: {ex.Message}" is var e && e.Length > 2000 ? e[..2000] : e;
        message.WaitingFor = (ex as ConfigurationOutboxException)?.WaitingFor;
        if (ex is RetryLaterOutboxException later)
        {
            message.Status = OutboxStatus.Pending;
            message.NextAttemptAt = now + (later.RetryIn > TimeSpan.Zero ? later.RetryIn : RetrySchedule.Delay(1, Random.Shared.NextDouble()));
            return;
        }

        var giveUp = ex is PermanentOutboxException or ConfigurationOutboxException || message.Attempts >= options.Value.MaxAttempts;
        message.Status = giveUp ? OutboxStatus.Failed : OutboxStatus.Pending;
        message.NextAttemptAt = now + RetrySchedule.Delay(message.Attempts, Random.Shared.NextDouble());
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1601, Level = LogLevel.Error, Message = "The outbox worker's tick failed; it will try again")]
        public static partial void TickFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Outbox message {Id} ({Kind}) failed on attempt {Attempts}; gave up: {GaveUp}")]
        public static partial void SendFailed(ILogger logger, long id, string kind, int attempts, bool gaveUp, Exception exception);
    }
}
