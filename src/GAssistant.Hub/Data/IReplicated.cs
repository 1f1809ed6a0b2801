namespace GAssistant.Hub.Data;

/// <summary>A row copied from Odoo: which Odoo state it holds and when it was copied.</summary>
public interface IReplicated
{
    /// <summary>Odoo time (<c>write_date</c> or event time) of the newest state applied.</summary>
    DateTime SourceVersion { get; set; }

    DateTime SyncedAt { get; set; }
}
