using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Data;

/// <summary>
/// Claims due rows of a work table (inbox, outbox) for this instance with a lease: a row whose
/// lease ran out (its instance died) is due again. On PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>
/// keeps concurrent instances from claiming the same rows; SQLite has a single writer anyway.
/// </summary>
public static class LeaseClaim
{
    public static Task<List<long>> ClaimAsync(HubDbContext db, string table, string instance, DateTime now, TimeSpan lease, int batchSize, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<long>(Sql(table, db.SupportsRowLocks), instance, now + lease, now, batchSize).ToListAsync(cancellationToken);

    /// <summary>
    /// On SQLite the hub is the database's only process, so leases left at start belong to a
    /// previous run that died: free them now instead of waiting for them to expire. On PostgreSQL
    /// another live instance may hold them, so they simply expire.
    /// </summary>
    public static async Task ReleaseAbandonedAsync(HubDbContext db, string table, CancellationToken cancellationToken)
    {
        if (!db.SupportsRowLocks)
        {
            var sql = table switch
            {
                "inbox_events" => "UPDATE inbox_events SET locked_by = NULL, locked_until = NULL WHERE status = 0 AND locked_by IS NOT NULL",
                "outbox_messages" => "UPDATE outbox_messages SET locked_by = NULL, locked_until = NULL WHERE status = 0 AND locked_by IS NOT NULL",
                _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a leased work table."),
            };
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }

    private static string Sql(string table, bool rowLocks) => table switch
    {
        "inbox_events" or "outbox_messages" => $"""
            UPDATE {table} SET locked_by = {"{0}"}, locked_until = {"{1}"}
            WHERE id IN (
                SELECT id FROM {table} {PendingIndex(table, rowLocks)}
                WHERE status = 0 AND next_attempt_at <= {"{2}"} AND (locked_until IS NULL OR locked_until < {"{2}"})
                ORDER BY id LIMIT {"{3}"} {(rowLocks ? "FOR UPDATE SKIP LOCKED" : "")})
            RETURNING id AS "Value"
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a leased work table."),
    };

    /// <summary>
    /// SQLite keeps no statistics unless told to, and without them prefers the (status, next_attempt_at) index, reading
    /// every due row of a backlog and sorting it for each batch; the pending ids in order stop after one batch.
    /// PostgreSQL's planner picks that index by itself. https://sqlite.org/lang_indexedby.html
    /// </summary>
    private static string PendingIndex(string table, bool rowLocks) =>
        table == "inbox_events" && !rowLocks ? "INDEXED BY ix_inbox_events_pending" : "";
}
