using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Data;

/// <summary>
/// EF Core (9+) takes a lock before migrating. On PostgreSQL it is an advisory lock of the session, which
/// the server drops when the process dies. On SQLite it is a row in <c>__EFMigrationsLock</c> that only the
/// process that wrote it deletes: a hub killed while migrating (by a full disk, the OOM killer, a deploy)
/// leaves it, and the next start waits for it forever, silently.
/// https://learn.microsoft.com/ef/core/managing-schemas/migrations/applying#migration-locking
/// So on SQLite the hub migrates holding an exclusive lock on a file beside the database, which the
/// operating system drops when its process dies. Whoever holds that file lock is the only hub migrating;
/// a lock row it finds was left by a process that is gone, and is deleted.
/// </summary>
internal static partial class MigrationLock
{
    public static void Migrate(HubDbContext db, ILogger logger)
    {
        if (db is not SqliteHubDbContext || db.Database.GetConnectionString() is not { } connectionString
            || new SqliteConnectionStringBuilder(connectionString).DataSource is not { Length: > 0 } file || file == ":memory:")
        {
            Log.Migrating(logger);
            db.Database.Migrate();
            return;
        }

        using var holder = Acquire(file + ".migrating", logger);
        var released = db.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'").Single() > 0
            && db.Database.ExecuteSqlRaw("DELETE FROM \"__EFMigrationsLock\"") > 0;
        if (released)
        {
            Log.StaleLockReleased(logger);
        }

        Log.Migrating(logger);
        db.Database.Migrate();
    }

    /// <summary>Waits while another hub on this database migrates (it holds the file), saying so once.</summary>
    private static FileStream Acquire(string path, ILogger logger)
    {
        var waiting = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!waiting)
                {
                    Log.Waiting(logger, path);
                    waiting = true;
                }

                Thread.Sleep(200);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Applying pending database migrations")]
        public static partial void Migrating(ILogger logger);

        [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Released the migration lock left by a hub that stopped while migrating")]
        public static partial void StaleLockReleased(ILogger logger);

        [LoggerMessage(EventId = 1703, Level = LogLevel.Information, Message = "Another hub is migrating this database ({Path} is held); waiting for it")]
        public static partial void Waiting(ILogger logger, string path);
    }
}
