namespace GAssistant.Hub.Connections;

/// <summary>
/// The connection values saved in Settings, as a configuration provider: features keep reading their options
/// (<c>IOptionsMonitor&lt;OdooOptions&gt;</c>…) and see a saved value the moment <see cref="Replace"/> reloads it.
/// It holds only what <see cref="ConnectionSettings"/> hands it — values no other configuration source sets — so
/// appsettings, environment variables and the command line always win.
/// </summary>
public sealed class StoredConnectionsProvider : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Swaps in the effective stored values and tells every options monitor to re-read.</summary>
    public void Replace(IDictionary<string, string?> values)
    {
        Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
        OnReload();
    }
}
