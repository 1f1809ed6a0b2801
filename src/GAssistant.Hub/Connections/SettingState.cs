namespace GAssistant.Hub.Connections;

public enum SettingSource
{
    /// <summary>Neither configuration nor Settings sets it.</summary>
    Unset,

    /// <summary>appsettings, an environment variable or the command line: wins, and Settings shows it read-only.</summary>
    ServerConfiguration,

    /// <summary>Saved by an administrator in Settings.</summary>
    Settings,
}

/// <summary>
/// What Settings may show of one key: its value, or for a secret only <see cref="ConnectionKeys.Masked"/>; where it
/// comes from; and who saved it when.
/// </summary>
public sealed record SettingState(string Key, SettingSource Source, string? Display, bool IsSecret, DateTime? UpdatedAt = null, string? UpdatedBy = null)
{
    public bool IsSet => Source != SettingSource.Unset;

    public bool IsReadOnly => Source == SettingSource.ServerConfiguration;
}
