namespace GAssistant.Hub.Data;

/// <summary>A webhook delivery, stored before it is acknowledged and processed afterwards.</summary>
public sealed class InboxEvent
{
    public long Id { get; set; }

    /// <summary>Who sent it: <see cref="InboxSources"/>.</summary>
    public string Source { get; set; } = "";

    /// <summary>The sender's delivery id (<c>webhook-id</c>, or a hash of the body); unique per source.</summary>
    public string DeliveryId { get; set; } = "";
    public string EventType { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    public InboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public string? ProcessedBy { get; set; }
}

public enum InboxStatus
{
    Pending = 0,
    Processed = 1,
    Failed = 2,
}

public static class InboxSources
{
    public const string Odoo = "odoo";
    public const string OdooAutomation = "odoo_automation";
    public const string Meta = "meta";
}
