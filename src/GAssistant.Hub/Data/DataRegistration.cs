using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Data;

public static class DataRegistration
{
    public static WebApplicationBuilder AddHubData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        var locations = builder.DataLocations();
        if (locations.Kind == DatabaseKind.Postgres)
        {
            builder.Services.AddDbContext<HubDbContext, PostgresHubDbContext>((services, o) => UsePostgres(o, locations.ConnectionString)
                .AddInterceptors(services.GetRequiredService<StorageSpaceInterceptor>()));
        }
        else
        {
            if (locations.DatabaseFile is { } file)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            }

            builder.Services.AddDbContext<HubDbContext, SqliteHubDbContext>((services, o) => UseSqlite(o, locations.ConnectionString)
                .AddInterceptors(services.GetRequiredService<StorageSpaceInterceptor>()));
        }

        builder.Services.AddSingleton(locations);
        builder.Services.AddSingleton(locations.Database);
        builder.Services.AddSingleton(_ => DataFolderLock.Shared(locations));
        builder.Services.AddSingleton<SqliteWriteGate>();
        builder.Services.AddSingleton<StorageSpace>();
        builder.Services.AddSingleton<StorageSpaceInterceptor>();
        return builder;
    }

    /// <summary>The hub's SQLite settings, for the host and for a command that opens the database itself.</summary>
    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString) => options
        .UseSqlite(connectionString)
        .UseSnakeCaseNamingConvention()
        .AddInterceptors(new SqliteWalInterceptor());

    public static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder options, string connectionString) => options
        .UseNpgsql(connectionString)
        .UseSnakeCaseNamingConvention();

    /// <summary>The hub's database and key folders, from this builder's configuration and content root.</summary>
    public static DataLocations DataLocations(this WebApplicationBuilder builder) =>
        Data.DataLocations.From(builder.Configuration, builder.Environment.ContentRootPath);

    /// <summary>Applies pending migrations at start (never <c>EnsureCreated</c>).</summary>
    public static WebApplication MigrateHubDatabase(this WebApplication app)
    {
        // Taken before anything touches the data, held until the hub stops: restore refuses while it is held.
        app.Services.GetRequiredService<DataFolderLock>();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        MigrationLock.Migrate(db, scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrationLock).FullName!));
        if (db is SqliteHubDbContext)
        {
            // WAL lets readers (dashboards) run beside the single writer; it is a property of the file.
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }

        return app;
    }
}
