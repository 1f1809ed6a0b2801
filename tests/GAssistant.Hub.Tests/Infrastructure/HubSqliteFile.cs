using Microsoft.Data.Sqlite;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>Reads a hub's SQLite file from outside the hub (read-only, unpooled), as an operator's tool would.</summary>
public static class HubSqliteFile
{
    public sealed record InboxRow(string DeliveryId, int Status);

    public static async Task<List<InboxRow>> ReadInboxAsync(string database)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new SqliteCommand("SELECT delivery_id, status FROM inbox_events", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<InboxRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new InboxRow(reader.GetString(0), reader.GetInt32(1)));
        }

        return rows;
    }

    public static async Task<long> CountAsync(string database, string table)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new SqliteCommand($"SELECT COUNT(*) FROM \"{table}\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<SqliteConnection> OpenAsync(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
