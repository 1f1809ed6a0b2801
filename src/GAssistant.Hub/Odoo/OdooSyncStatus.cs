using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Odoo;

/// <summary>The last reconciliation run, for <c>/health</c>; and the gate that keeps runs from overlapping.</summary>
public sealed class OdooSyncStatus : IDisposable
{
    private readonly Lock _lock = new();

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public DateTime? LastRunAt { get; private set; }

    public bool? LastSucceeded { get; private set; }

    /// <summary>What the last run did or why it failed, in English (<c>/health</c>, logs).</summary>
    public string? LastMessage { get; private set; }

    /// <summary>Why the last run failed, in the reader's language (Settings); null after a success.</summary>
    public LocalizedHint? LastProblem { get; private set; }

    public void Record(DateTime at, bool succeeded, string message, LocalizedHint? problem = null)
    {
        lock (_lock)
        {
            (LastRunAt, LastSucceeded, LastMessage, LastProblem) = (at, succeeded, message, problem);
        }
    }

    public void Dispose() => Gate.Dispose();
}
