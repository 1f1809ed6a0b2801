namespace GAssistant.Hub.Data;

/// <summary>A Page's lead form and how far the backfill has read its leads.</summary>
public sealed class MetaLeadForm
{
    public string Id { get; set; } = "";
    public string PageId { get; set; } = "";
    public string? Name { get; set; }
    public string? Status { get; set; }

    /// <summary>Newest lead <c>created_time</c> seen; the next read starts a little before it.</summary>
    public DateTime? LeadsReadUntil { get; set; }
    public DateTime SyncedAt { get; set; }

    /// <summary>Marked by an administrator: every lead of this form is a test lead.</summary>
    public bool IsTest { get; set; }
}
