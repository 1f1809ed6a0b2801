using GAssistant.Hub.Data;
using Microsoft.Data.Sqlite;

namespace GAssistant.Hub.Backup;

/// <summary>
/// <c>backup DIR</c> (README, "Beyond the contract"): while the hub runs, writes into the new or empty folder DIR
/// a consistent copy of the SQLite database, the Data Protection keys (without them no saved secret can be read
/// and every login cookie is void) and <c>manifest.json</c>. On PostgreSQL it keeps the keys and says how to dump
/// the database (docs/deploy.md). Exit codes: 0 done, 1 failed (disk, database), 2 bad arguments or folder.
/// </summary>
public static class BackupCommand
{
    public const string Name = "backup";

    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, TimeProvider.System, output, error);

    public static int Run(string[] args, TimeProvider clock, TextWriter output, TextWriter error)
    {
        if (!BackupArguments.TryRead(Name, args, error, out var folder, out var locations))
        {
            return BackupArguments.Usage;
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            error.WriteLine($"backup: {folder} is not empty; give each backup a new folder (e.g. one named by the date).");
            return BackupArguments.Usage;
        }

        if (locations.Kind == DatabaseKind.Sqlite && !File.Exists(locations.DatabaseFile))
        {
            error.WriteLine($"backup: there is no database at {locations.DatabaseFile}; check Hub:DataPath or ConnectionStrings:Hub.");
            return BackupArguments.Usage;
        }

        try
        {
            var manifest = Write(folder, locations, clock);
            var keys = manifest.Files.Count(f => f.Path.StartsWith(BackupManifest.KeysFolder + "/", StringComparison.Ordinal));
            var database = manifest.Files.FirstOrDefault(f => f.Path == BackupManifest.DatabaseFile);
            output.WriteLine(database is null
                ? $"backup: {folder}: {keys} Data Protection keys; the database is PostgreSQL: dump it with pg_dump --format=custom (docs/deploy.md)."
                : $"backup: {folder}: {BackupManifest.DatabaseFile} ({database.Bytes} bytes, migration {manifest.LastMigration}), {keys} Data Protection keys.");
            if (keys == 0)
            {
                error.WriteLine($"backup: warning: no Data Protection keys in {locations.KeysPath}; set DataProtection:KeysPath if they live elsewhere.");
            }

            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException or InvalidDataException)
        {
            error.WriteLine($"backup: failed: {ex.Message}");
            return BackupArguments.Failed;
        }
    }

    private static BackupManifest Write(string folder, DataLocations locations, TimeProvider clock)
    {
        Directory.CreateDirectory(Path.Combine(folder, BackupManifest.KeysFolder));
        var files = new List<BackupFile>();
        string? lastMigration = null;
        if (locations.DatabaseFile is { } database)
        {
            var copy = Path.Combine(folder, BackupManifest.DatabaseFile);
            SqliteSnapshot.Copy(database, copy);
            lastMigration = SqliteSnapshot.LastMigration(copy);
            files.Add(BackupManifest.Describe(folder, BackupManifest.DatabaseFile));
        }

        foreach (var key in BackupArguments.KeyFiles(locations.KeysPath))
        {
            var name = Path.Combine(BackupManifest.KeysFolder, Path.GetFileName(key));
            File.Copy(key, Path.Combine(folder, name));
            files.Add(BackupManifest.Describe(folder, name));
        }

        var manifest = new BackupManifest(BackupManifest.CurrentFormat, BackupManifest.CurrentHubVersion, clock.GetUtcNow(),
            locations.Kind.ToString(), lastMigration, files);
        manifest.Write(folder);
        return manifest;
    }
}
