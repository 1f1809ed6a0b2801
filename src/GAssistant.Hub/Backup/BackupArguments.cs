using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Backup;

/// <summary><c>backup DIR</c> / <c>restore DIR</c>, then any configuration the hub itself would be given.</summary>
internal static class BackupArguments
{
    public const int Usage = 2;
    public const int Refused = 3;
    public const int Failed = 1;

    public static bool TryRead(string command, string[] args, TextWriter error, out string folder, out DataLocations locations)
    {
        folder = "";
        locations = null!;
        var usage = $"usage: {command} DIR [--Hub:DataPath=FOLDER --Database:Provider=… --ConnectionStrings:Hub=… (the hub's own configuration)]";
        if (HubHost.SplitCommandArguments(args) is not ({ Length: 1 } own, var configuration))
        {
            error.WriteLine($"{command}: give one folder, then configuration as --Key=value.");
            error.WriteLine(usage);
            return false;
        }

        try
        {
            locations = HubHost.DataLocationsFor(configuration);
        }
        catch (OptionsValidationException ex)
        {
            error.WriteLine($"{command}: {ex.Message}");
            return false;
        }

        folder = Path.GetFullPath(own[0]);
        return true;
    }

    /// <summary>The Data Protection key files of <paramref name="keysPath"/> (<c>key-*.xml</c>).</summary>
    public static IEnumerable<string> KeyFiles(string keysPath) =>
        Directory.Exists(keysPath) ? Directory.EnumerateFiles(keysPath, "*.xml").Order(StringComparer.Ordinal) : [];
}
