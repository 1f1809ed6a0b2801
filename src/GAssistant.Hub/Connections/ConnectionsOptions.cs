namespace GAssistant.Hub.Connections;

/// <summary><c>Connections:*</c>: how saved connections reach other hub instances sharing the database.</summary>
public sealed class ConnectionsOptions
{
    public const string Section = "Connections";

    /// <summary>How often the saved connections are compared with the database (a save on this instance applies at once); zero: never.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
