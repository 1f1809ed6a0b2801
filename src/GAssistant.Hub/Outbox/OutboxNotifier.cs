using System.Runtime.CompilerServices;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GAssistant.Hub.Outbox;

/// <summary>
/// Wakes the outbox worker once queued work is committed, instead of leaving it to the next poll (<c>Outbox:PollInterval</c>,
/// 5 s): a Meta lead's salesperson email and task are speed-to-lead work, and a poll made the wait 2.5 s on average before
/// the first call to Odoo (bench/speed-to-lead). The poll stays, for retries and messages due later.
/// </summary>
public sealed class OutboxNotifier : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up is enough.
        }
    }

    /// <summary>Returns when notified or after <paramref name="timeout"/> on <paramref name="clock"/>; false when stopping.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken stoppingToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var signalled = _signal.WaitAsync(either.Token);
        var elapsed = Task.Delay(timeout, clock, either.Token);
        await Task.WhenAny(signalled, elapsed);
        await either.CancelAsync();
        try
        {
            await Task.WhenAll(signalled, elapsed);
        }
        catch (OperationCanceledException)
        {
            // The one that did not finish was cancelled.
        }

        return !stoppingToken.IsCancellationRequested;
    }

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// Notifies <see cref="OutboxNotifier"/> when a save stored a new due message: at once without a transaction, else when the
/// transaction commits (woken earlier, the worker would not see the row yet and sleep a whole poll). A new message is one
/// still pending and never tried: whichever interceptor or handler added it, in whatever order they run.
/// </summary>
public sealed class OutboxWakeInterceptor(OutboxNotifier notifier, TimeProvider clock) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _waitingForCommit = [];

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    internal void Committed(DbContext? context)
    {
        if (context is not null && _waitingForCommit.Remove(context))
        {
            notifier.Notify();
        }
    }

    internal void RolledBack(DbContext? context)
    {
        if (context is not null)
        {
            _waitingForCommit.Remove(context);
        }
    }

    private void Saved(DbContext? context)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (context is null || !context.ChangeTracker.Entries<OutboxMessage>()
                .Any(e => e.Entity is { Status: OutboxStatus.Pending, Attempts: 0 } m && m.NextAttemptAt <= now))
        {
            return;
        }

        if (context.Database.CurrentTransaction is null)
        {
            notifier.Notify();
        }
        else
        {
            _waitingForCommit.AddOrUpdate(context, this);
        }
    }
}

/// <summary>The commit half of <see cref="OutboxWakeInterceptor"/>.</summary>
public sealed class OutboxCommitInterceptor(OutboxWakeInterceptor wake) : DbTransactionInterceptor
{
    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        wake.Committed(eventData.Context);

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        wake.Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        wake.RolledBack(eventData.Context);

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        wake.RolledBack(eventData.Context);
        return Task.CompletedTask;
    }
}
