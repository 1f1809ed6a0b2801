using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Data;

public static class DataRegistration
{
    public const string DefaultSqlite = "Data Source=data/hub.db";

    public static WebApplicationBuilder AddHubData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        if (database.Provider is not ("Sqlite" or "Postgres"))
        {
            // Checked here, before a connection string is read the wrong provider's way.
            throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                [$"Database:Provider must be Sqlite or Postgres, not '{database.Provider}'."]);
        }

        var connectionString = builder.Configuration.GetConnectionString("Hub");
        if (database.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new OptionsValidationException("ConnectionStrings:Hub", typeof(DatabaseOptions),
                    ["ConnectionStrings:Hub is required when Database:Provider is Postgres."]);
            }

            builder.Services.AddDbContext<HubDbContext, PostgresHubDbContext>(o => o
                .UseNpgsql(connectionString)
                .UseSnakeCaseNamingConvention());
            builder.Services.AddSingleton(new HubDatabase(DatabaseKind.Postgres, connectionString));
        }
        else
        {
            var sqlite = PrepareSqlite(connectionString ?? DefaultSqlite, builder.Environment.ContentRootPath);
            builder.Services.AddDbContext<HubDbContext, SqliteHubDbContext>(o => o
                .UseSqlite(sqlite)
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(new SqliteWalInterceptor()));
            builder.Services.AddSingleton(new HubDatabase(DatabaseKind.Sqlite, sqlite));
        }

        builder.Services.AddSingleton<SqliteWriteGate>();
        return builder;
    }

    /// <summary>Makes a relative SQLite path relative to the content root and creates its folder.</summary>
    private static string PrepareSqlite(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource != ":memory:" && !string.IsNullOrEmpty(csb.DataSource))
        {
            var path = Path.IsPathRooted(csb.DataSource) ? csb.DataSource : Path.Combine(contentRoot, csb.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }

        csb.Pooling = true;
        return csb.ToString();
    }

    /// <summary>Applies pending migrations at start (never <c>EnsureCreated</c>).</summary>
    public static WebApplication MigrateHubDatabase(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        db.Database.Migrate();
        if (db is SqliteHubDbContext)
        {
            // WAL lets readers (dashboards) run beside the single writer; it is a property of the file.
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }

        return app;
    }
}
