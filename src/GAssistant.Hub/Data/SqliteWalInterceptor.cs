using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GAssistant.Hub.Data;

/// <summary>
/// Per-connection SQLite settings: wait for the writer instead of failing with SQLITE_BUSY, and
/// <c>synchronous=NORMAL</c>, which in WAL mode survives a crash of the process (not of the OS).
/// https://www.sqlite.org/pragma.html#pragma_synchronous
/// </summary>
internal sealed class SqliteWalInterceptor : DbConnectionInterceptor
{
    internal const string Pragmas = "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
