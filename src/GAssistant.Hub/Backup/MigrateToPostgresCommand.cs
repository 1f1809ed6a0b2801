using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GAssistant.Hub.Backup;

/// <summary>
/// <c>migrate-to-postgres "Host=…;Database=…;Username=…;Password=…"</c> (docs/deploy.md, "Moving to PostgreSQL"):
/// with the hub stopped, brings the configured SQLite database and an empty PostgreSQL database to this release's
/// schema (as the hub does at its start) and copies every table, ids and rollups included. The SQLite file stays, to go
/// back to.
/// Exit codes: 0 done, 1 failed (nothing is kept on PostgreSQL), 2 bad arguments, 3 refused (a hub is running on
/// the data, or the PostgreSQL database is not empty).
/// </summary>
public static class MigrateToPostgresCommand
{
    public const string Name = "migrate-to-postgres";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (HubHost.SplitCommandArguments(args) is not ([var connectionString], var configuration))
        {
            error.WriteLine($"usage: {Name} \"Host=…;Database=…;Username=…;Password=…\" [--Hub:DataPath=FOLDER (the SQLite hub's own configuration)]");
            return BackupArguments.Usage;
        }

        DataLocations locations;
        try
        {
            locations = HubHost.DataLocationsFor(configuration);
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is OptionsValidationException or ArgumentException)
        {
            error.WriteLine($"{Name}: {ex.Message}");
            return BackupArguments.Usage;
        }

        if (locations.Kind != DatabaseKind.Sqlite || !File.Exists(locations.DatabaseFile))
        {
            error.WriteLine($"{Name}: the hub's configuration names no SQLite database file to copy ({locations.DatabaseFile ?? "Database:Provider is Postgres"}).");
            return BackupArguments.Usage;
        }

        using var exclusive = DataFolderLock.TryExclusive(locations);
        if (exclusive is null)
        {
            error.WriteLine($"{Name}: a hub is running on {locations.DataPath} (it holds {locations.LockFile}); stop it first, so that nothing changes during the copy.");
            return BackupArguments.Refused;
        }

        try
        {
            return Copy(locations, connectionString, output, error);
        }
        catch (Exception ex) when (ex is DbUpdateException or NpgsqlException or InvalidOperationException)
        {
            error.WriteLine($"{Name}: failed, nothing was kept on PostgreSQL: {ex.GetBaseException().Message}");
            return BackupArguments.Failed;
        }
    }

    private static int Copy(DataLocations locations, string connectionString, TextWriter output, TextWriter error)
    {
        using var source = new SqliteHubDbContext((DbContextOptions<SqliteHubDbContext>)DataRegistration
            .UseSqlite(new DbContextOptionsBuilder<SqliteHubDbContext>(), locations.ConnectionString).Options);
        using var target = new PostgresHubDbContext((DbContextOptions<PostgresHubDbContext>)DataRegistration
            .UsePostgres(new DbContextOptionsBuilder<PostgresHubDbContext>(), connectionString).Options);

        // Both at this release's schema, as the hub would bring them at its start.
        source.Database.Migrate();
        target.Database.Migrate();
        var tables = TableCopy.Tables(target);
        if (tables.FirstOrDefault(t => TableCopy.Count(target, t.Name) > 0) is { } filled)
        {
            error.WriteLine($"{Name}: the PostgreSQL database already holds data ({filled.Name}); give an empty database.");
            return BackupArguments.Refused;
        }

        output.WriteLine($"{Name}: {locations.DatabaseFile} → PostgreSQL {new NpgsqlConnectionStringBuilder(connectionString).Database}");
        var counts = TableCopy.ToPostgres(source, target, (table, rows) => output.WriteLine($"  {table.Name}: {rows}"));
        output.WriteLine($"{Name}: {counts.Sum(c => c.Rows)} rows in {counts.Count} tables. Now set Database:Provider=Postgres and ConnectionStrings:Hub, keep Hub:DataPath (its keys), and start the hub.");
        return 0;
    }
}
