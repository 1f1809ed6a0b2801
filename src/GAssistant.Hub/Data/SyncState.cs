namespace GAssistant.Hub.Data;

/// <summary>A named cursor or marker kept between runs (e.g. the Odoo reconciliation cursor).</summary>
public sealed class SyncState
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
