using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace GAssistant.Bench.WebhookLoad;

/// <summary>Waits until the hub's inbox worker has applied every stored event, and says how long that took.</summary>
internal static class InboxDrain
{
    public static async Task<(long Events, TimeSpan Elapsed)> WaitAsync(string folder)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var db = new SqliteConnection($"Data Source={Path.Combine(folder, "data", "hub.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        var pending = await CountAsync(db, "status = 0");
        while (await CountAsync(db, "status = 0") > 0 && stopwatch.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(100);
        }

        return (pending, stopwatch.Elapsed);
    }

    private static async Task<long> CountAsync(SqliteConnection db, string where)
    {
        await using var command = new SqliteCommand($"SELECT COUNT(*) FROM inbox_events WHERE {where}", db);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
