using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GAssistant.Bench.WebhookLoad;

/// <summary>The hub's inbox read from outside the hub (SQLite file or PostgreSQL database), as an operator's query would.</summary>
internal sealed class InboxStore(bool postgres, string connectionString)
{
    /// <summary>Events stored and not yet applied to the replica.</summary>
    public Task<long> PendingAsync() => CountAsync("status = 0");

    /// <summary>The driver's deliveries stored (the warm-up's ids, msg_bench_1xxxxxx, excepted).</summary>
    public Task<long> StoredAsync() => CountAsync("delivery_id LIKE 'msg_bench_%' AND delivery_id NOT LIKE 'msg_bench_1______'");

    /// <summary>Waits until the hub's inbox worker has applied every stored event, and says how many there were and how long that took.</summary>
    public async Task<(long Events, TimeSpan Elapsed)> WaitDrainedAsync(TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        var pending = await PendingAsync();
        while (await PendingAsync() > 0 && stopwatch.Elapsed < limit)
        {
            await Task.Delay(100);
        }

        return (pending, stopwatch.Elapsed);
    }

    private async Task<long> CountAsync(string where)
    {
        await using DbConnection db = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM inbox_events WHERE {where}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
