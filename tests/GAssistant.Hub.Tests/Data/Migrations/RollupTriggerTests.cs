using System.Data.Common;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Data.Migrations;

/// <summary>
/// Migrations are frozen text. Migration <c>LeadDailyStats</c> once generated its triggers from live code
/// (Crm/LeadDailyStatsSql); its SQL is now written in the migration itself. The definitions a fresh database gets from
/// the migrations were recorded from the build before that change (<c>lead-daily-stats-triggers.*.sql</c> beside this
/// file, as the database itself prints them) and must stay exactly as they were.
/// </summary>
public abstract class RollupTriggerTests(HubProvider provider) : HubTest(provider)
{
    [Fact]
    public async Task A_fresh_database_gets_the_same_rollup_triggers_as_before_the_migration_was_frozen()
    {
        var recorded = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "Migrations",
            $"lead-daily-stats-triggers.{Provider.ToString().ToLowerInvariant()}.sql"));

        var actual = await Hub.WithDbAsync(db => RollupTriggers.ReadAsync(db, CancellationToken.None));

        Assert.Contains("lead_daily_stats", actual, StringComparison.Ordinal);
        Assert.Equal(recorded.ReplaceLineEndings("\n"), actual);
    }
}

public sealed class RollupTriggerTestsOnSqlite() : RollupTriggerTests(HubProvider.Sqlite);

public sealed class RollupTriggerTestsOnPostgres() : RollupTriggerTests(HubProvider.Postgres);

/// <summary>The rollup triggers (and PostgreSQL's trigger function) as the database prints their definitions.</summary>
internal static class RollupTriggers
{
    private const string SqliteQuery = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'lead_daily_stats%' ORDER BY name";

    private const string PostgresQuery = """
        SELECT definition FROM (
            SELECT 1 AS kind, tgname::text AS name, pg_get_triggerdef(oid) AS definition FROM pg_trigger
            WHERE NOT tgisinternal AND tgname LIKE 'lead_daily_stats%'
            UNION ALL
            SELECT 2, proname::text, pg_get_functiondef(oid) FROM pg_proc WHERE proname LIKE 'lead_daily_stats%') d
        ORDER BY kind, name
        """;

    public static async Task<string> ReadAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = db.Database.IsNpgsql() ? PostgresQuery : SqliteQuery;
        var definitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            definitions.Add(reader.GetString(0).ReplaceLineEndings("\n").TrimEnd());
        }

        return string.Join("\n\n", definitions) + "\n";
    }
}
