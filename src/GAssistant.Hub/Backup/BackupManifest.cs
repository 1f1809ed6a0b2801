using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace GAssistant.Hub.Backup;

/// <summary>
/// <c>manifest.json</c> of a backup folder: which hub made it, when, from which database and schema, and the
/// size and SHA-256 of every file, so <c>restore</c> can refuse a torn, edited or incomplete copy. It is
/// written last: a folder without it is not a finished backup.
/// </summary>
public sealed record BackupManifest(
    int Format,
    string HubVersion,
    DateTimeOffset CreatedAt,
    string Provider,
    string? LastMigration,
    IReadOnlyList<BackupFile> Files)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;
    public const string DatabaseFile = "hub.db";
    public const string KeysFolder = "keys";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static string CurrentHubVersion =>
        typeof(BackupManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static BackupFile Describe(string folder, string relativePath)
    {
        using var stream = File.OpenRead(Path.Combine(folder, relativePath));
        return new BackupFile(relativePath.Replace('\\', '/'), stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    /// <summary>The files whose size or checksum differs from the manifest (missing ones included).</summary>
    public IEnumerable<string> Mismatches(string folder) => Files
        .Where(f => !File.Exists(Path.Combine(folder, f.Path)) || Describe(folder, f.Path) != f)
        .Select(f => f.Path);

    public void Write(string folder)
    {
        // Written beside, then renamed: a manifest is whole or absent.
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path + ".partial", JsonSerializer.Serialize(this, Json));
        File.Move(path + ".partial", path, overwrite: true);
    }

    /// <summary>The manifest of <paramref name="folder"/>, or null with the reason it is not a backup.</summary>
    public static BackupManifest? Read(string folder, out string problem)
    {
        var path = Path.Combine(folder, FileName);
        problem = "";
        if (!File.Exists(path))
        {
            problem = $"{folder} holds no {FileName}: not a finished backup.";
            return null;
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json);
            if (manifest is { Format: CurrentFormat, Files: not null } && manifest.Files.All(f => IsInside(f.Path)))
            {
                return manifest;
            }

            problem = $"{path} is not a backup manifest this hub reads (format {manifest?.Format}).";
        }
        catch (JsonException ex)
        {
            problem = $"{path} is not valid JSON: {ex.Message}";
        }

        return null;
    }

    /// <summary>A listed file must stay inside the backup folder (no <c>..</c>, no absolute path).</summary>
    private static bool IsInside(string path) =>
        !string.IsNullOrEmpty(path) && !Path.IsPathRooted(path) && !path.Split('/', '\\').Contains("..");
}

public sealed record BackupFile(string Path, long Bytes, string Sha256);
