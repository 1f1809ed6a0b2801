using GAssistant.Hub.Health;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GAssistant.Hub.Tests.Health;

/// <summary>The scheduled checks of Odoo and its addon against the fixture double (answers recorded from a real Odoo 17).</summary>
public sealed class OdooChecksTests() : OdooHubTest(HubProvider.Sqlite)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        // The test runs the checks itself; the schedule stays out of the way.
        ["Health:FirstCheckDelay"] = "1.00:00:00",
        ["Hub:PublicUrl"] = "https://hub.example.com",
    };

    protected override void Configure(HubFactory hub)
    {
        base.Configure(hub);
        hub.WithServices(services => services.AddSingleton<TimeProvider>(_clock));
    }

    private HealthBoard Board => Hub.Services.GetRequiredService<HealthBoard>();

    private HealthCheck? Check(string key) => Board.Checks.SingleOrDefault(c => c.Result.Key == key);

    private async Task RunAsync() => await Hub.Services.GetRequiredService<HealthWorker>().RunOnceAsync(CancellationToken.None);

    [Fact]
    public async Task A_revoked_api_key_fails_the_odoo_check_and_a_new_one_brings_it_back()
    {
        await RunAsync();
        Assert.Equal((CheckState.Ok, "odoo_ok"), (Check("odoo.connection")!.State, Check("odoo.connection")!.Result.Code));
        Assert.Contains("17.0", CheckText.Finding(Check("odoo.connection")!.Result, "en"), StringComparison.Ordinal);

        Hub.Reconfigure("Odoo:ApiKey", "a-key-someone-revoked");
        await RunAsync();
        var failing = Check("odoo.connection")!;
        Assert.Equal((CheckState.Failing, "odoo_login_refused"), (failing.State, failing.Result.Code));
        Assert.NotNull(failing.LastSuccess);

        Hub.Reconfigure("Odoo:ApiKey", OdooFixtures.Password);
        var changes = await Hub.Services.GetRequiredService<HealthWorker>().RunOnceAsync(CancellationToken.None);
        Assert.Equal(CheckState.Ok, Check("odoo.connection")!.State);
        Assert.Contains(changes, c => c.Check.Result.Key == "odoo.connection" && c.Recovered && c.Before == CheckState.Failing);
    }

    [Fact]
    public async Task An_uninstalled_addon_fails_its_check()
    {
        await RunAsync();

        var check = Check("odoo.addon")!;
        Assert.Equal((CheckState.Failing, "odoo_addon_missing"), (check.State, check.Result.Code));
    }

    [Fact]
    public async Task An_installed_addon_whose_settings_the_hub_may_not_read_is_reported_installed_with_its_last_event()
    {
        Odoo.InstallAddon();
        await RunAsync();

        var check = Check("odoo.addon")!;
        Assert.Equal((CheckState.Ok, "odoo_addon_installed"), (check.State, check.Result.Code));
        Assert.Equal("—", check.Result.Arguments[0]);
    }

    [Fact]
    public async Task An_addon_switched_off_or_sending_elsewhere_fails_its_check()
    {
        Odoo.InstallAddon();
        Odoo.SystemParameters = new() { ["g_assistant_connector.enabled"] = "False", ["g_assistant_connector.hub_url"] = "https://hub.example.com" };
        await RunAsync();
        Assert.Equal("odoo_addon_disabled", Check("odoo.addon")!.Result.Code);

        Odoo.SystemParameters = new() { ["g_assistant_connector.enabled"] = "True", ["g_assistant_connector.hub_url"] = "https://old-hub.example.com" };
        await RunAsync();
        var elsewhere = Check("odoo.addon")!;
        Assert.Equal((CheckState.Failing, "odoo_addon_elsewhere"), (elsewhere.State, elsewhere.Result.Code));
        Assert.Equal("The connector addon sends to https://old-hub.example.com, not to this hub (https://hub.example.com).", CheckText.Finding(elsewhere.Result, "en"));

        Odoo.SystemParameters["g_assistant_connector.hub_url"] = "https://hub.example.com";
        await RunAsync();
        Assert.Equal((CheckState.Ok, "odoo_addon_ok"), (Check("odoo.addon")!.State, Check("odoo.addon")!.Result.Code));
    }
}
