using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace GAssistant.Hub.Tests.Infrastructure;

internal static class DatabaseFacadeExtensions
{
    /// <summary>Runs fixed test SQL (no user input).</summary>
    public static Task<int> ExecuteSqlRawAsyncCompat(this DatabaseFacade database, string sql) => database.ExecuteSqlRawAsync(sql);
}
