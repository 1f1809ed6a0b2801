using System.Data.Common;
using GAssistant.Hub.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace GAssistant.Bench.DashboardQueries;

/// <summary>
/// Loads many rows of an entity fast, with the table and column names and value conversions taken from the hub's EF
/// model (so new columns are filled too): binary COPY on PostgreSQL, one prepared INSERT in one transaction on SQLite.
/// </summary>
internal static class BulkInsert
{
    public static async Task RunAsync<T>(HubDbContext db, IEnumerable<T> rows)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var columns = properties.Select(p => p.GetColumnName(table)!).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        if (connection is NpgsqlConnection npgsql)
        {
            var copy = $"COPY \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
            await using var importer = await npgsql.BeginBinaryImportAsync(copy);
            foreach (var row in rows)
            {
                await importer.StartRowAsync();
                foreach (var property in properties)
                {
                    var value = Provider(property, property.PropertyInfo!.GetValue(row));
                    if (value is null)
                    {
                        await importer.WriteNullAsync();
                    }
                    else
                    {
                        await importer.WriteAsync(value);
                    }
                }
            }

            await importer.CompleteAsync();
            return;
        }

        var sqlite = (SqliteConnection)connection;
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var insert = sqlite.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToList();
        foreach (var row in rows)
        {
            for (var i = 0; i < properties.Count; i++)
            {
                parameters[i].Value = Provider(properties[i], properties[i].PropertyInfo!.GetValue(row)) ?? DBNull.Value;
            }

            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>The value as the provider stores it (SQLite keeps decimals as REAL through a value converter).</summary>
    private static object? Provider(IProperty property, object? value)
    {
        var converter = property.GetTypeMapping().Converter;
        return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
    }
}
