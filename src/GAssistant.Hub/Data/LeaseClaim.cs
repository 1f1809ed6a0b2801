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

    private static string Sql(string table, bool rowLocks) => table switch
    {
        "inbox_events" or "outbox_messages" => $"""
            UPDATE {table} SET locked_by = {"{0}"}, locked_until = {"{1}"}
            WHERE id IN (
                SELECT id FROM {table}
                WHERE status = 0 AND next_attempt_at <= {"{2}"} AND (locked_until IS NULL OR locked_until < {"{2}"})
                ORDER BY id LIMIT {"{3}"} {(rowLocks ? "FOR UPDATE SKIP LOCKED" : "")})
            RETURNING id AS "Value"
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a leased work table."),
    };
}
