using System.Reflection;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GAssistant.Hub.Backup;

/// <summary>
/// Copies every table of the hub's model from one database to another of the same schema, through EF Core so each
/// value is read and written the way the hub itself reads and writes it (SQLite's text dates and real money become
/// PostgreSQL's timestamptz and numeric). On the target it runs in one transaction with the tables' own triggers off
/// (the rollups are copied as they are, not counted twice), and every table's row count is compared before the
/// commit, so a failure leaves the target as it was.
/// </summary>
public static class TableCopy
{
    private const int BatchSize = 1000;

    private static readonly MethodInfo CopyRowsMethod = typeof(TableCopy).GetMethod(nameof(CopyRows), BindingFlags.NonPublic | BindingFlags.Static)!;

    public sealed record Table(string Name, IEntityType Entity);

    /// <summary>The model's tables, each table a principal of a foreign key before its dependents.</summary>
    public static IReadOnlyList<Table> Tables(DbContext db)
    {
        var entities = db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()).ToList();
        var ordered = new List<IEntityType>();
        while (ordered.Count < entities.Count)
        {
            var ready = entities.Where(e => !ordered.Contains(e) && e.GetForeignKeys()
                .All(fk => fk.PrincipalEntityType == e || ordered.Contains(fk.PrincipalEntityType))).ToList();
            ordered.AddRange(ready.Count > 0 ? ready : entities.Except(ordered));
        }

        return ordered.Select(e => new Table(e.GetTableName()!, e)).ToList();
    }

    public static long Count(HubDbContext db, string table) =>
        db.Database.SqlQueryRaw<long>(Sql("SELECT COUNT(*) AS \"Value\" FROM ", Quoted(table))).Single();

    /// <summary>Copies every row of every table into PostgreSQL <paramref name="target"/>; returns the rows per table.</summary>
    public static IReadOnlyList<(Table Table, long Rows)> ToPostgres(HubDbContext source, HubDbContext target, Action<Table, long> copied)
    {
        var tables = Tables(target);
        target.ChangeTracker.AutoDetectChangesEnabled = false;
        using var transaction = target.Database.BeginTransaction();
        foreach (var table in tables)
        {
            target.Database.ExecuteSqlRaw(Sql("ALTER TABLE ", Quoted(table.Name), " DISABLE TRIGGER USER"));
        }

        var counts = new List<(Table, long)>();
        foreach (var table in tables)
        {
            var rows = (long)CopyRowsMethod.MakeGenericMethod(table.Entity.ClrType).Invoke(null, [source, target])!;
            counts.Add((table, rows));
            copied(table, rows);
        }

        foreach (var table in tables)
        {
            target.Database.ExecuteSqlRaw(Sql("ALTER TABLE ", Quoted(table.Name), " ENABLE TRIGGER USER"));
            RestartIdentity(target, table);
        }

        var different = tables.Where(t => Count(source, t.Name) != Count(target, t.Name)).Select(t => t.Name).ToList();
        if (different.Count > 0)
        {
            throw new InvalidOperationException($"row counts differ after the copy in {string.Join(", ", different)}.");
        }

        transaction.Commit();
        return counts;
    }

    private static long CopyRows<T>(HubDbContext source, HubDbContext target) where T : class
    {
        var rows = 0L;
        var batch = new List<T>(BatchSize);
        foreach (var row in source.Set<T>().AsNoTracking().AsEnumerable())
        {
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                rows += Flush(target, batch);
            }
        }

        return rows + Flush(target, batch);
    }

    private static int Flush<T>(HubDbContext target, List<T> batch) where T : class
    {
        target.Set<T>().AddRange(batch);
        target.SaveChanges();
        target.ChangeTracker.Clear();
        var count = batch.Count;
        batch.Clear();
        return count;
    }

    /// <summary>Rows were written with their ids: the identity sequence continues after the largest.</summary>
    private static void RestartIdentity(HubDbContext target, Table table)
    {
        var key = table.Entity.FindPrimaryKey()?.Properties;
        if (key is not [{ ValueGenerated: ValueGenerated.OnAdd } id] || (id.ClrType != typeof(int) && id.ClrType != typeof(long)))
        {
            return;
        }

        var column = id.GetColumnName(StoreObjectIdentifier.Table(table.Name, table.Entity.GetSchema()))!;
        target.Database.ExecuteSqlRaw(Sql("SELECT setval(pg_get_serial_sequence('", Quoted(table.Name), "', '", column, "'), COALESCE(MAX(",
            Quoted(column), "), 0) + 1, false) FROM ", Quoted(table.Name)));
    }

    /// <summary>Names come from the hub's own model, never from input; quoted all the same.</summary>
    private static string Quoted(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Sql(params string[] parts) => string.Concat(parts);
}
