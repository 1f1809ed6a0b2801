using Microsoft.Data.Sqlite;
using Npgsql;

namespace GAssistant.Hub.Data;

/// <summary>
/// Whether the database can take writes. A full disk is not a bug of the request that meets it: callers
/// report it here (logged once when it starts and once when it ends, not once per request), the exception
/// handler answers 503 with <c>Retry-After</c>, <c>/health</c> says degraded, and the workers pause. Space
/// coming back is noticed by the next write that succeeds, or by <see cref="ProbeAsync"/>, without a restart.
/// </summary>
public sealed partial class StorageSpace(HubDatabase database, TimeProvider clock, ILogger<StorageSpace> logger)
{
    /// <summary>What a refused sender is told to wait; senders retry (Odoo's queue, Meta for 36 hours).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A nearly full disk still takes the odd small write: the state ends only after writes have worked for this
    /// long since the last failure, so one episode is one pair of log lines, not one per write that happened to fit.
    /// </summary>
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(3);

    private int _full;
    private long _lastProbe;
    private long _lastFailure;

    public bool IsFull => Volatile.Read(ref _full) == 1;

    /// <summary>SQLITE_FULL, PostgreSQL's disk_full (53100), or ENOSPC / ERROR_DISK_FULL from the file system, anywhere in the chain.</summary>
    public static bool IsStorageFull(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: 13 }:
                case PostgresException { SqlState: PostgresErrorCodes.DiskFull }:
                case IOException io when (io.HResult & 0xFFFF) is 28 or 0x70 or 0x27:
                    return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsStorageFull))
            {
                return true;
            }
        }

        return false;
    }

    public void ReportFull(Exception exception)
    {
        Interlocked.Exchange(ref _lastFailure, clock.GetTimestamp());
        if (Interlocked.Exchange(ref _full, 1) == 0)
        {
            Log.Full(logger, database.Kind, exception.GetBaseException().Message);
        }
    }

    public void ReportWritable()
    {
        if (Volatile.Read(ref _full) == 1 && clock.GetElapsedTime(Interlocked.Read(ref _lastFailure)) >= QuietPeriod
            && Interlocked.Exchange(ref _full, 0) == 1)
        {
            Log.Recovered(logger, database.Kind);
        }
    }

    /// <summary>
    /// While full, tries a one-page write at most every two seconds (SQLite rewrites its header's
    /// <c>user_version</c>); true when the database takes writes again. On PostgreSQL the next real write tells.
    /// </summary>
    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!IsFull)
        {
            return true;
        }

        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastProbe);
        if (database.Kind != DatabaseKind.Sqlite || (last != 0 && clock.GetElapsedTime(last, now) < ProbeInterval)
            || Interlocked.CompareExchange(ref _lastProbe, now, last) != last)
        {
            return !IsFull;
        }

        try
        {
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout=2000; BEGIN IMMEDIATE; PRAGMA user_version = 0; COMMIT;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            ReportWritable();
        }
        catch (SqliteException e) when (IsStorageFull(e) || e.SqliteErrorCode is 5 or 10)
        {
            // Still full (or busy, or the I/O error a full disk can also give): try again later.
        }

        return !IsFull;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1711, Level = LogLevel.Error, Message = "The {Database} database is out of space: writes are refused with 503 until space is freed ({Reason})")]
        public static partial void Full(ILogger logger, DatabaseKind database, string reason);

        [LoggerMessage(EventId = 1712, Level = LogLevel.Warning, Message = "The {Database} database takes writes again")]
        public static partial void Recovered(ILogger logger, DatabaseKind database);
    }
}
