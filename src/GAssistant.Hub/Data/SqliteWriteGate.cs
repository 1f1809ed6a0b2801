namespace GAssistant.Hub.Data;

/// <summary>
/// SQLite takes one writer at a time and makes the others sleep and poll (busy_timeout), which
/// under load costs tens of milliseconds per wait. The hub's hot writers take turns through this
/// gate instead, so a waiting writer starts the moment the other commits. Storing webhooks goes
/// first: background work (applying them) waits while a delivery is waiting, because a sender is
/// waiting on the one and nobody on the other. On PostgreSQL the gate is open: rows lock singly.
/// </summary>
public sealed class SqliteWriteGate(HubDatabase database) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _urgentWaiting;

    public void Dispose() => _gate.Dispose();

    /// <summary>A turn for work someone is waiting on (storing a delivery before answering it).</summary>
    public async Task<IDisposable> EnterUrgentAsync(CancellationToken cancellationToken)
    {
        if (database.Kind != DatabaseKind.Sqlite)
        {
            return Open.Instance;
        }

        Interlocked.Increment(ref _urgentWaiting);
        try
        {
            await _gate.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _urgentWaiting);
        }

        return new Release(_gate);
    }

    /// <summary>A turn for background work; it lets urgent turns go first.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (database.Kind != DatabaseKind.Sqlite)
        {
            return Open.Instance;
        }

        while (true)
        {
            await _gate.WaitAsync(cancellationToken);
            if (Volatile.Read(ref _urgentWaiting) == 0)
            {
                return new Release(_gate);
            }

            _gate.Release();
            await Task.Delay(1, cancellationToken);
        }
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class Open : IDisposable
    {
        public static readonly Open Instance = new();

        public void Dispose()
        {
        }
    }
}
