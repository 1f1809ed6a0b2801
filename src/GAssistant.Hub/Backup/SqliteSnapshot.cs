using Microsoft.Data.Sqlite;

namespace GAssistant.Hub.Backup;

/// <summary>
/// A consistent copy of a SQLite database that a running hub keeps writing. SQLite's online backup API
/// copies every page inside one read transaction: in WAL mode the hub's writers go on meanwhile, and the
/// copy is the database as of one commit, never half of one (https://www.sqlite.org/backup.html). A plain
/// file copy of <c>hub.db</c> without its <c>-wal</c> can miss or tear the latest commits.
/// </summary>
public static class SqliteSnapshot
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> as one self-contained file.</summary>
    public static void Copy(string source, string destination)
    {
        var partial = destination + ".partial";
        File.Delete(partial);
        using (var from = Open(source, SqliteOpenMode.ReadWrite))
        using (var to = Open(partial, SqliteOpenMode.ReadWriteCreate))
        {
            Execute(from, "PRAGMA busy_timeout=30000;");
            from.BackupDatabase(to);

            // One file, no -wal beside it; the hub turns WAL back on when it starts on a restored copy.
            Execute(to, "PRAGMA journal_mode=DELETE;");
            var check = Scalar(to, "PRAGMA quick_check;");
            if (check != "ok")
            {
                throw new InvalidDataException($"The copy of {source} fails SQLite's quick_check: {check}");
            }
        }

        File.Move(partial, destination, overwrite: true);
    }

    /// <summary>The newest EF Core migration recorded in the database file (snake_case columns, as the hub names them), null if it has none.</summary>
    public static string? LastMigration(string database)
    {
        using var connection = Open(database, SqliteOpenMode.ReadOnly);
        var hasHistory = Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';") != "0";
        return hasHistory ? Scalar(connection, "SELECT max(migration_id) FROM \"__EFMigrationsHistory\";") : null;
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        // Not pooled: the command ends, and a pooled handle would keep the file open after it.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
