namespace GAssistant.Hub.Data;

/// <summary>
/// A call the hub owes to another system (create a lead in Odoo, send an event to Meta…),
/// written in the same transaction as the change that caused it and retried until it succeeds.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>Which handler sends it, e.g. <c>meta.lead_to_odoo</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Unique per kind, so the same work is never queued twice.</summary>
    public string DedupKey { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>For a message failed for its configuration: what it waits for (e.g. <c>meta.api_version:v23.0</c>); re-armed once that is fixed.</summary>
    public string? WaitingFor { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime? ProcessedAt { get; set; }
}

public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
}
