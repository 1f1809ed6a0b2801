using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// A page of replica rows as one set-based write per few hundred rows, on SQLite and PostgreSQL alike:
/// <c>INSERT … VALUES (…), (…) ON CONFLICT (odoo_id) DO UPDATE SET … WHERE excluded.source_version &gt;= source_version</c>.
/// The database keeps the newest state, so nothing is read first and nothing is tracked; a row the replica holds in a
/// newer state is left as it is. The rollup triggers on <c>leads</c> fire for each row inserted or updated, as for EF's own
/// saves (https://www.sqlite.org/lang_upsert.html, https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT).
/// Columns come from the EF model, so a new property is written too; those the hub sets itself are kept on update.
/// </summary>
internal static class ReplicaPage
{
    /// <param name="kept">Properties the hub sets itself: written when a row is new, never overwritten by an Odoo state.</param>
    /// <param name="keptWhenNull">Properties an Odoo state without them leaves as they were (<c>create_date</c>).</param>
    /// <returns>Rows inserted or updated.</returns>
    public static async Task<int> UpsertAsync<T>(HubDbContext db, IReadOnlyCollection<T> rows, IReadOnlySet<string> kept, IReadOnlySet<string> keptWhenNull,
        CancellationToken cancellationToken)
        where T : class, IReplicated
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var properties = entity.GetProperties().ToList();
        string Column(IProperty property) => Quote(property.GetColumnName(table)!);

        // One row per id, the newest: PostgreSQL refuses a statement that would update a row twice.
        var newest = rows.GroupBy(r => key.GetGetter().GetClrValue(r)).Select(g => g.MaxBy(r => r.SourceVersion)!).ToList();
        if (newest.Count == 0)
        {
            return 0;
        }

        var tableName = Quote(table.Name);
        var version = Column(entity.FindProperty(nameof(IReplicated.SourceVersion))!);
        var updates = string.Join(", ", properties.Where(p => !p.IsPrimaryKey() && !kept.Contains(p.Name)).Select(p => keptWhenNull.Contains(p.Name)
            ? $"{Column(p)} = COALESCE(excluded.{Column(p)}, {tableName}.{Column(p)})"
            : $"{Column(p)} = excluded.{Column(p)}"));
        var conflict = $" ON CONFLICT ({Column(key)}) DO UPDATE SET {updates} WHERE {tableName}.{version} <= excluded.{version}";
        var head = $"INSERT INTO {tableName} ({string.Join(", ", properties.Select(Column))}) VALUES ";

        // One statement of a few rows, prepared once and run chunk after chunk in the caller's transaction. SQLite looks each
        // parameter up by name among the statement's own (a thousand-parameter statement spent seconds binding a page);
        // PostgreSQL pays a round trip per statement, so it gets larger ones.
        var rowsPerStatement = Math.Clamp((db.Database.IsNpgsql() ? PostgresParameters : SqliteParameters) / properties.Count, 1, newest.Count);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("A page is written in a transaction.");
        DbCommand? command = null;
        var written = 0;
        try
        {
            foreach (var chunk in newest.Chunk(rowsPerStatement))
            {
                if (command is null || command.Parameters.Count != chunk.Length * properties.Count)
                {
                    if (command is not null)
                    {
                        await command.DisposeAsync();
                    }

                    command = Statement(connection, transaction, head + Rows(chunk.Length, properties.Count) + conflict, chunk.Length * properties.Count);
                }

                for (var r = 0; r < chunk.Length; r++)
                {
                    for (var c = 0; c < properties.Count; c++)
                    {
                        command.Parameters[r * properties.Count + c].Value = ProviderValue(properties[c], chunk[r]) ?? DBNull.Value;
                    }
                }

                written += await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }

        return written;
    }

    private const int SqliteParameters = 600;
    private const int PostgresParameters = 4_000;

    private static string Rows(int rows, int columns) => string.Join(", ", Enumerable.Range(0, rows).Select(r =>
        "(" + string.Join(", ", Enumerable.Range(r * columns, columns).Select(n => "@p" + n.ToString(CultureInfo.InvariantCulture))) + ")"));

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "Table and column names come from the EF model; every value is a parameter.")]
    private static DbCommand Statement(DbConnection connection, DbTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var n = 0; n < parameters; n++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + n.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>The value as the column stores it (an enum as its number), as EF's own save converts it.</summary>
    private static object? ProviderValue(IProperty property, object row)
    {
        var value = property.GetGetter().GetClrValue(row);
        return value is not null && property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
