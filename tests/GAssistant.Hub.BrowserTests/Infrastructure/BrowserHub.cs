using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.BrowserTests.Infrastructure;

/// <summary>
/// The hub on real Kestrel (127.0.0.1, a free port) with its own SQLite database and the <see cref="Seed"/> data,
/// and one headless Chromium shared by the tests of a collection. Playwright cannot download browsers here, so it
/// drives Debian's Chromium (test.sh installs it with apt).
/// </summary>
public class BrowserHub : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public HubFactory Hub { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public Uri Address { get; private set; } = default!;

    /// <summary>False for a fresh hub with nothing connected.</summary>
    protected virtual bool Seeded => true;

    /// <summary>Configuration of this hub beyond the defaults (a key set to null removes a default).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>The data the hub starts with when <see cref="Seeded"/>.</summary>
    protected virtual Func<GAssistant.Hub.Data.HubDbContext, Task<int>> Seeder => Seed.AddAsync;

    public virtual async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Hub:DefaultLanguage"] = "en",
            ["Odoo:SyncInterval"] = "00:00:00",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        Hub = await HubFactory.CreateAsync(HubProvider.Sqlite, settings);
        Hub.UseKestrel();
        Hub.StartServer();
        var addresses = Hub.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First());
        if (Seeded)
        {
            await Hub.WithDbAsync(Seeder);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A client on the real server carrying the API key (for comparing pages with the API).</summary>
    public HttpClient ApiClient()
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestSecrets.ApiKey);
        return client;
    }

    /// <summary>A signed-in browser tab in <paramref name="language"/> at the given width (desktop by default).</summary>
    public async Task<IPage> SignedInPageAsync(string language = "en", int width = 1280, int height = 900,
        string email = TestSecrets.AdminEmail, string password = TestSecrets.AdminPassword)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = language,
            AcceptDownloads = true,
        });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie
        {
            Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Domain = Address.Host, Path = "/",
        }]);
        context.SetDefaultTimeout(30_000); // a shared 2-core CI machine: slow is not wrong, only a missing element is
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) =>
        {
            DialogsOpened++;
            _ = dialog.DismissAsync();
        };
        await new LoginPage(page).SignInAsync(email, password);
        return page;
    }

    /// <summary>How many JavaScript dialogs (alert, confirm) any page opened; escaping failures would show here.</summary>
    public int DialogsOpened { get; private set; }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        // The hub's warnings and errors of this run, next to the screenshots, for whoever reads a failure.
        var problems = Hub.Logs.GetSnapshot().Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)
            .Select(r => $"{r.Timestamp:HH:mm:ss.fff} {r.Level} {r.Category}: {r.Message}{Environment.NewLine}{r.Exception}");
        await File.WriteAllLinesAsync(Path.Combine(Artifacts.Screenshots, "..", $"{GetType().Name}.log"), problems);
        await Hub.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHub>
{
    public const string Name = "browser";
}

/// <summary>A hub just installed: no data, Odoo and Meta not configured.</summary>
public sealed class EmptyBrowserHub : BrowserHub
{
    protected override bool Seeded => false;
}

[CollectionDefinition(Name)]
public sealed class EmptyBrowserCollection : ICollectionFixture<EmptyBrowserHub>
{
    public const string Name = "empty browser";
}

/// <summary>A hub whose every text from Odoo and Meta is markup (<see cref="HostileSeed"/>).</summary>
public sealed class HostileBrowserHub : BrowserHub
{
    protected override Func<GAssistant.Hub.Data.HubDbContext, Task<int>> Seeder => HostileSeed.AddAsync;
}

[CollectionDefinition(Name)]
public sealed class HostileBrowserCollection : ICollectionFixture<HostileBrowserHub>
{
    public const string Name = "hostile browser";
}
