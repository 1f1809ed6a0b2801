using System.Globalization;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Backup;

/// <summary>
/// <c>restore DIR</c> (README, "Beyond the contract"): puts a backup made by <c>backup</c> back into the configured
/// data folder. Everything is checked before anything is touched: the manifest, every file's SHA-256, a schema this
/// hub knows, and that no hub runs on that data (<see cref="DataFolderLock"/>). A database already there is kept
/// beside it (<c>hub.db.before-restore-…</c>); keys are added to the key ring, never removed. Exit codes: 0 done,
/// 1 failed (disk), 2 bad arguments or not a sound backup, 3 refused (a hub is running, or the backup is newer).
/// </summary>
public static class RestoreCommand
{
    public const string Name = "restore";

    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, TimeProvider.System, output, error);

    public static int Run(string[] args, TimeProvider clock, TextWriter output, TextWriter error)
    {
        if (!BackupArguments.TryRead(Name, args, error, out var folder, out var locations))
        {
            return BackupArguments.Usage;
        }

        if (BackupManifest.Read(folder, out var problem) is not { } manifest)
        {
            error.WriteLine($"restore: {problem}");
            return BackupArguments.Usage;
        }

        var damaged = manifest.Mismatches(folder).ToList();
        if (damaged.Count > 0)
        {
            error.WriteLine($"restore: {folder}: {string.Join(", ", damaged)} no longer match the manifest's size and SHA-256; the backup is damaged or was changed. Nothing was restored.");
            return BackupArguments.Usage;
        }

        var hasDatabase = manifest.Files.Any(f => f.Path == BackupManifest.DatabaseFile);
        if (Refusal(manifest, hasDatabase, locations) is { } refusal)
        {
            error.WriteLine($"restore: {refusal} Nothing was restored.");
            return BackupArguments.Refused;
        }

        using var exclusive = DataFolderLock.TryExclusive(locations);
        if (exclusive is null)
        {
            error.WriteLine($"restore: a hub is running on {locations.DataPath} (it holds {locations.LockFile}); stop it first. Nothing was restored.");
            return BackupArguments.Refused;
        }

        try
        {
            var kept = hasDatabase ? RestoreDatabase(folder, manifest, locations.DatabaseFile!, clock) : null;
            var keys = RestoreKeys(folder, manifest, locations.KeysPath);
            output.WriteLine(hasDatabase
                ? $"restore: {locations.DatabaseFile} from {folder} (made {manifest.CreatedAt:u}, migration {manifest.LastMigration}), {keys} Data Protection keys in {locations.KeysPath}."
                : $"restore: {keys} Data Protection keys in {locations.KeysPath}; restore the PostgreSQL dump with pg_restore (docs/deploy.md).");
            if (kept is not null)
            {
                output.WriteLine($"restore: the database that was there is kept as {kept}.");
            }

            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"restore: failed: {ex.Message}");
            return BackupArguments.Failed;
        }
    }

    private static string? Refusal(BackupManifest manifest, bool hasDatabase, DataLocations locations)
    {
        if (hasDatabase && locations.Kind != DatabaseKind.Sqlite)
        {
            return "this backup holds a SQLite database and the hub is configured for PostgreSQL; restore it into a SQLite data folder, then run migrate-to-postgres (docs/deploy.md).";
        }

        if (hasDatabase && locations.DatabaseFile is null)
        {
            return "the configured SQLite database is not a file (ConnectionStrings:Hub).";
        }

        return manifest.LastMigration is { } migration && !KnownSqliteMigrations().Contains(migration)
            ? $"the backup was made by a newer hub ({manifest.HubVersion}, migration {migration}); restore it with that release or a later one."
            : null;
    }

    private static string? RestoreDatabase(string folder, BackupManifest manifest, string target, TimeProvider clock)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var incoming = target + ".restoring";
        File.Copy(Path.Combine(folder, BackupManifest.DatabaseFile), incoming, overwrite: true);
        var expected = manifest.Files.Single(f => f.Path == BackupManifest.DatabaseFile);
        if (BackupManifest.Describe(Path.GetDirectoryName(incoming)!, Path.GetFileName(incoming)) with { Path = expected.Path } != expected)
        {
            File.Delete(incoming);
            throw new IOException($"the copy of {BackupManifest.DatabaseFile} written to {incoming} does not match the backup's checksum.");
        }

        var kept = MoveAside(target, clock);
        File.Move(incoming, target);
        return kept;
    }

    /// <summary>Keeps the database that was there, with its <c>-wal</c> and <c>-shm</c>, under one new name.</summary>
    private static string? MoveAside(string target, TimeProvider clock)
    {
        if (!File.Exists(target))
        {
            return null;
        }

        var kept = $"{target}.before-restore-{clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        foreach (var suffix in new[] { "-wal", "-shm", "" })
        {
            if (File.Exists(target + suffix))
            {
                File.Move(target + suffix, kept + suffix);
            }
        }

        return kept;
    }

    private static int RestoreKeys(string folder, BackupManifest manifest, string keysPath)
    {
        Directory.CreateDirectory(keysPath);
        var keys = manifest.Files.Where(f => f.Path.StartsWith(BackupManifest.KeysFolder + "/", StringComparison.Ordinal)).ToList();
        foreach (var key in keys)
        {
            File.Copy(Path.Combine(folder, key.Path), Path.Combine(keysPath, Path.GetFileName(key.Path)), overwrite: true);
        }

        return keys.Count;
    }

    private static HashSet<string> KnownSqliteMigrations()
    {
        using var context = new SqliteHubDbContext(new DbContextOptionsBuilder<SqliteHubDbContext>().UseSqlite("Data Source=:memory:").Options);
        return context.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
    }
}
