using GAssistant.Hub.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>
/// The hub in memory with its own empty database (a SQLite file or a PostgreSQL database on the
/// test server), configured only through configuration keys as a user would configure it, with
/// logs captured. Outbound HTTP goes only where a test registers a double (see <see cref="OutboundHttp"/>).
/// </summary>
public sealed class HubFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _folder;
    private readonly List<Action<IServiceCollection>> _services = [];
    private bool _handedOn;

    private HubFactory(HubProvider provider, string connectionString, string folder, IDictionary<string, string?>? settings)
    {
        Provider = provider;
        _folder = folder;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Database:Provider"] = provider == HubProvider.Postgres ? "Postgres" : "Sqlite",
            ["ConnectionStrings:Hub"] = connectionString,
            ["Hub:DataPath"] = folder,
            ["DataProtection:KeysPath"] = Path.Combine(folder, "keys"),
            ["Auth:AdminEmail"] = TestSecrets.AdminEmail,
            ["Auth:AdminPassword"] = TestSecrets.AdminPassword,
            ["Auth:ApiKeys:0"] = TestSecrets.ApiKey,
            ["Odoo:WebhookSecret"] = TestSecrets.OdooWebhookSecret,
            ["RateLimits:ApiPerMinute"] = "100000",
            ["RateLimits:LoginPerMinute"] = "1000",
            ["Inbox:PollInterval"] = "00:00:00.200",
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Hub:DefaultLanguage"] = "en",
            // Odoo's currency rates are read when a test asks (CurrencyRateSync), never behind its back.
            ["Analytics:RateSyncInterval"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public HubProvider Provider { get; }

    /// <summary>This hub's data folder (<c>Hub:DataPath</c>): its SQLite file and its keys.</summary>
    public string DataPath => _folder;

    /// <summary>This hub's database, so a second instance can share it.</summary>
    public string ConnectionString => _settings["ConnectionStrings:Hub"]!;

    /// <summary>This hub's Data Protection keys, so a second instance (or a restart) can read what it encrypted.</summary>
    public string KeysPath => _settings["DataProtection:KeysPath"]!;

    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    public OutboundHttp Outbound { get; private init; } = new();

    public static async Task<HubFactory> CreateAsync(HubProvider provider, IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "gah-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connection = provider == HubProvider.Postgres
            ? await PostgresServer.CreateDatabaseAsync()
            : $"Data Source={Path.Combine(folder, "hub.db")}";
        return new HubFactory(provider, connection, folder, settings);
    }

    /// <summary>
    /// This hub started again after it stopped: the same database, data folder, keys, settings, services and outbound
    /// doubles, as a restart (an update, a reboot) finds them. This one is stopped first (the data folder is locked while it
    /// runs) and leaves its data to the new one, which deletes it when disposed.
    /// </summary>
    public async Task<HubFactory> RestartAsync()
    {
        _handedOn = true;
        await DisposeAsync();
        var restarted = new HubFactory(Provider, ConnectionString, _folder, _settings) { Outbound = Outbound };
        restarted._services.AddRange(_services);
        _ = restarted.Server;
        return restarted;
    }

    /// <summary>Replaces or adds services before the hub starts (e.g. a fake clock).</summary>
    public HubFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Changes a configuration value of the running hub, as an edited setting would (options monitors see it).</summary>
    public void Reconfigure(string key, string? value)
    {
        var configuration = (Microsoft.Extensions.Configuration.IConfigurationRoot)Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        configuration[key] = value;
        configuration.Reload();
    }

    /// <summary>A client that follows no redirects and carries the API key.</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestSecrets.ApiKey);
        return client;
    }

    public HttpClient CreateAnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A fresh scope's database context, to arrange or inspect data as a test.</summary>
    public async Task<T> WithDbAsync<T>(Func<HubDbContext, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    /// <summary>Puts a person with a role and a known password in the database, as an accepted invitation would.</summary>
    public Task<int> AddPersonAsync(string email, string role, string password) => WithDbAsync(async db =>
    {
        var user = new HubUser { Email = email, Role = role, CreatedAt = DateTime.UtcNow };
        user.PasswordHash = new PasswordHasher<HubUser>().HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false));
        builder.ConfigureServices(services =>
        {
            services.TryAddSingleton(Outbound);
            Outbound.Install(services);
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();

        // Each test has its own database, so its pooled connections are never reused: close them
        // now, or hundreds of idle connections pile up on the test server over a run.
        if (Provider == HubProvider.Postgres)
        {
            using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }

        if (_handedOn)
        {
            return;
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
