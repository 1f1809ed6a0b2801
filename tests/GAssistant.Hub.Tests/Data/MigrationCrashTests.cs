using Microsoft.Data.Sqlite;

namespace GAssistant.Hub.Tests.Data;

/// <summary>
/// Issue 13, 6: a hub killed while migrating left EF Core's SQLite migration lock behind, and the next
/// start waited for it forever. Here a real hub process is killed with SIGKILL while its lock row is
/// there, and the next start must come up, fully migrated.
/// </summary>
public sealed class MigrationCrashTests
{
    [Fact]
    public async Task A_start_after_a_kill_during_migration_comes_up_migrated()
    {
        var settings = new Dictionary<string, string> { ["Auth:AdminPassword"] = TestSecrets.AdminPassword };
        var migrations = typeof(Program).Assembly.GetTypes().Count(t => t.Namespace == "GAssistant.Hub.Data.Migrations.Sqlite"
            && t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)));
        for (var attempt = 1; ; attempt++)
        {
            var folder = Directory.CreateTempSubdirectory("gah-migrate-").FullName;
            var database = Path.Combine(folder, "data", "hub.db");
            try
            {
                await using (var hub = HubProcess.Launch(folder, settings))
                {
                    // Until the lock is seen, or the migration has finished between two looks (then the start is tried again).
                    await Eventually.ReturnsAsync(() => Task.FromResult(LockRows(database) > 0 || hub.HasExited || Migrated(database) == migrations),
                        seen => seen, TimeSpan.FromSeconds(90));
                    await hub.KillAsync();
                }

                if (LockRows(database) == 0)
                {
                    // The migration finished before the kill landed: try again, a bounded number of times.
                    Assert.True(attempt < 5, "five starts migrated before the kill landed");
                    continue;
                }

                await using (var restarted = HubProcess.Launch(folder, settings))
                {
                    await restarted.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
                }

                Assert.Equal(0, LockRows(database));
                Assert.Equal(migrations, Count(database, "SELECT COUNT(*) FROM __EFMigrationsHistory"));
                return;
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static long LockRows(string database) =>
        File.Exists(database) ? TryCount(database, "SELECT COUNT(*) FROM __EFMigrationsLock") : 0;

    private static long Migrated(string database) =>
        File.Exists(database) ? TryCount(database, "SELECT COUNT(*) FROM __EFMigrationsHistory") : 0;

    private static long TryCount(string database, string sql)
    {
        try
        {
            return Count(database, sql);
        }
        catch (SqliteException)
        {
            return 0; // not created yet, or busy for a moment
        }
    }

    private static long Count(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = new SqliteCommand(sql, connection);
        return (long)command.ExecuteScalar()!;
    }
}
