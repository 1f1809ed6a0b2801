using GAssistant.Hub.Data;

namespace GAssistant.Hub.Operations;

/// <summary>How the hub's process is set up, for the web server and for the commands alike.</summary>
public static class HubHost
{
    /// <summary>
    /// The content root (appsettings.json, wwwroot, the default data folder) is the application's own
    /// folder, not the current directory, so a service manager may start the hub from anywhere
    /// (<c>/opt/g-assistant-hub/GAssistant.Hub</c> from <c>/</c>). A content root given the usual way
    /// (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>) still wins;
    /// a relative one is taken from the current directory, as a shell user means it.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddEnvironmentVariables("DOTNET_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        var contentRoot = string.IsNullOrWhiteSpace(given) ? AppContext.BaseDirectory : Path.GetFullPath(given);
        return new WebApplicationOptions { Args = args, ContentRootPath = contentRoot };
    }

    /// <summary>
    /// The data a command works on: read from the same configuration the hub reads (appsettings.json,
    /// environment, then <paramref name="configurationArgs"/> such as <c>--Hub:DataPath=/var/lib/hub</c>).
    /// </summary>
    public static DataLocations DataLocationsFor(string[] configurationArgs) =>
        WebApplication.CreateBuilder(Options(configurationArgs)).DataLocations();

    /// <summary>
    /// Splits a command's arguments into its own (<c>backup DIR</c>) and configuration (<c>--Key=value</c>,
    /// read as the hub reads its command line). Null when an argument is neither.
    /// </summary>
    public static (string[] Own, string[] Configuration)? SplitCommandArguments(string[] args)
    {
        var configuration = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (configuration.Any(a => a.IndexOf('=', StringComparison.Ordinal) < 3))
        {
            return null;
        }

        return (args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray(), configuration);
    }
}
