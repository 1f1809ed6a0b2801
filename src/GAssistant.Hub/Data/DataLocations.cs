using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Data;

/// <summary>
/// Where the hub keeps what it must not lose (CONTRACT.md <c>Hub:DataPath</c>): the database and the
/// Data Protection keys. Computed in one place from configuration and the content root (the application's
/// own folder), for the web host and for the commands (<c>backup</c>, <c>restore</c>) alike, so both
/// find the same files whatever the current directory is. Relative paths are relative to the content root.
/// </summary>
public sealed record DataLocations(DatabaseKind Kind, string ConnectionString, string DataPath, string KeysPath)
{
    public const string DataPathKey = "Hub:DataPath";
    public const string KeysPathKey = "DataProtection:KeysPath";
    public const string DatabaseFileName = "hub.db";

    /// <summary>The SQLite database file; null on PostgreSQL or for an in-memory database.</summary>
    public string? DatabaseFile =>
        Kind == DatabaseKind.Sqlite && new SqliteConnectionStringBuilder(ConnectionString).DataSource is { Length: > 0 } file
            && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal) ? file : null;

    /// <summary>Held (shared) by every running hub on this data, taken exclusively by <c>restore</c>.</summary>
    public string LockFile => Path.Combine(DataPath, "hub.lock");

    public HubDatabase Database => new(Kind, ConnectionString);

    public static DataLocations From(IConfiguration configuration, string contentRoot)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        if (database.Provider is not ("Sqlite" or "Postgres"))
        {
            // Checked here, before a connection string is read the wrong provider's way.
            throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                [$"Database:Provider must be Sqlite or Postgres, not '{database.Provider}'."]);
        }

        var dataPath = Resolve(configuration[DataPathKey], contentRoot) ?? Path.Combine(contentRoot, "data");
        var keysPath = Resolve(configuration[KeysPathKey], contentRoot) ?? Path.Combine(dataPath, "keys");
        var connectionString = configuration.GetConnectionString("Hub");
        if (database.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new OptionsValidationException("ConnectionStrings:Hub", typeof(DatabaseOptions),
                    ["ConnectionStrings:Hub is required when Database:Provider is Postgres."]);
            }

            return new DataLocations(DatabaseKind.Postgres, connectionString, dataPath, keysPath);
        }

        var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString)
            ? $"Data Source={Path.Combine(dataPath, DatabaseFileName)}"
            : connectionString);
        if (sqlite.DataSource is { Length: > 0 } source && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal))
        {
            sqlite.DataSource = Resolve(source, contentRoot);
        }

        sqlite.Pooling = true;
        return new DataLocations(DatabaseKind.Sqlite, sqlite.ToString(), dataPath, keysPath);
    }

    private static string? Resolve(string? path, string contentRoot) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path, contentRoot);
}
