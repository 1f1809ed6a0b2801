using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GAssistant.Hub.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context SqliteHubDbContext -o Data/Migrations/Sqlite</c>
/// (and the Postgres one) build a context without starting the hub. No database is touched.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHubDbContext>
{
    public SqliteHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHubDbContext>()
            .UseSqlite("Data Source=design.db").UseSnakeCaseNamingConvention().Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHubDbContext>
{
    public PostgresHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHubDbContext>()
            .UseNpgsql("Host=localhost;Database=design").UseSnakeCaseNamingConvention().Options);
}
