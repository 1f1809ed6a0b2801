namespace GAssistant.Hub.Odoo;

/// <summary>The last reconciliation run, for <c>/health</c>; and the gate that keeps runs from overlapping.</summary>
public sealed class OdooSyncStatus : IDisposable
{
    private readonly Lock _lock = new();

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public DateTime? LastRunAt { get; private set; }

    public bool? LastSucceeded { get; private set; }

    public string? LastMessage { get; private set; }

    public void Record(DateTime at, bool succeeded, string message)
    {
        lock (_lock)
        {
            (LastRunAt, LastSucceeded, LastMessage) = (at, succeeded, message);
        }
    }

    public void Dispose() => Gate.Dispose();
}
