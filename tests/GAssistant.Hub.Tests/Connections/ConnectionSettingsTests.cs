using GAssistant.Hub.Connections;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Odoo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Tests.Connections;

/// <summary>
/// CONTRACT.md "Running": connections saved in Settings are stored in the hub's database (secrets encrypted with Data
/// Protection), apply without a restart, and lose to a value given by configuration, which Settings shows read-only.
/// </summary>
public abstract class ConnectionSettingsTests(HubProvider provider) : HubTest(provider)
{
    private const string ApiKey = "odoo-api-key-0123456789abcdef";

    private ConnectionSettings Store => Hub.Services.GetRequiredService<ConnectionSettings>();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Meta:AppSecret"] = "app-secret-from-appsettings",
        ["Connections:RefreshInterval"] = "00:00:00.100",
    };

    private static ConnectionChange OdooChange(string url = "https://odoo.example.com") => new ConnectionChange()
        .Set("Odoo:Url", url).Set("Odoo:Database", "prod").Set("Odoo:Username", "hub@example.com").Set("Odoo:ApiKey", ApiKey);

    [Fact]
    public async Task A_connection_saved_in_settings_applies_without_a_restart()
    {
        var odoo = Hub.Services.GetRequiredService<IOptionsMonitor<OdooOptions>>();
        Assert.False(odoo.CurrentValue.IsConfigured);

        var result = await Store.SaveAsync(OdooChange(), TestPeople.Admin, CancellationToken.None);

        Assert.True(result.Saved, string.Join(" ", result.Errors));
        Assert.Equal("https://odoo.example.com", odoo.CurrentValue.Url);
        Assert.Equal(ApiKey, odoo.CurrentValue.ApiKey);
        var health = await Hub.CreateAnonymousClient().GetFromJsonAsync<JsonElement>(new Uri("/health", UriKind.Relative));
        Assert.NotEqual("not_configured", health.GetProperty("integrations").GetProperty("odoo").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_saved_secret_is_stored_encrypted_and_shown_only_by_its_last_four_characters()
    {
        await Store.SaveAsync(OdooChange(), TestPeople.Admin, CancellationToken.None);

        var row = await Hub.WithDbAsync(db => db.ConnectionSettings.SingleAsync(s => s.Key == "Odoo:ApiKey"));
        Assert.True(row.IsSecret);
        Assert.DoesNotContain(ApiKey, row.Value, StringComparison.Ordinal);
        var shown = Store.Describe("Odoo:ApiKey");
        Assert.Equal(SettingSource.Settings, shown.Source);
        Assert.Equal("••••cdef", shown.Display);
        Assert.Equal(TestSecrets.AdminEmail, shown.UpdatedBy);
        Assert.Equal("https://odoo.example.com", Store.Describe("Odoo:Url").Display);
        var logs = string.Join('\n', Hub.Logs.GetSnapshot().Select(r => r.Message));
        Assert.Contains("Odoo:ApiKey set", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_connection_is_in_the_audit_list_by_key_names_and_a_refused_one_is_not()
    {
        await Store.SaveAsync(OdooChange(url: "ftp://odoo.example.com"), TestPeople.Admin, CancellationToken.None);
        await Store.SaveAsync(OdooChange(), TestPeople.Admin, CancellationToken.None);

        var entry = Assert.Single(await Hub.WithDbAsync(db => db.AuditEntries.ToListAsync()));
        Assert.Equal((TestSecrets.AdminEmail, "connection.changed"), (entry.Actor, entry.Action));
        Assert.Contains("Odoo:Url set", entry.Subject, StringComparison.Ordinal);
        Assert.Contains("Odoo:ApiKey set", entry.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, entry.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_set_by_the_server_configuration_wins_and_cannot_be_saved()
    {
        var state = Store.Describe("Meta:AppSecret");
        Assert.Equal(SettingSource.ServerConfiguration, state.Source);
        Assert.True(state.IsReadOnly);
        Assert.Equal("••••ings", state.Display);

        var result = await Store.SaveAsync(new ConnectionChange().Set("Meta:VerifyToken", "verify-me").Set("Meta:AppSecret", "from-the-ui"),
            TestPeople.Admin, CancellationToken.None);

        Assert.False(result.Saved);
        Assert.Contains("Meta:AppSecret is set by the server configuration", Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.Equal(0, await Hub.WithDbAsync(db => db.ConnectionSettings.CountAsync()));
        Assert.Equal("app-secret-from-appsettings", Hub.Services.GetRequiredService<IOptionsMonitor<MetaOptions>>().CurrentValue.AppSecret);
    }

    [Fact]
    public async Task A_value_the_options_validators_refuse_is_not_saved_and_nothing_else_of_the_change_is()
    {
        var result = await Store.SaveAsync(OdooChange(url: "ftp://odoo.example.com"), TestPeople.Admin, CancellationToken.None);

        Assert.False(result.Saved);
        Assert.Contains(result.Errors, e => e.Contains("Odoo:Url must be an absolute http:// or https:// address", StringComparison.Ordinal));
        Assert.Equal(0, await Hub.WithDbAsync(db => db.ConnectionSettings.CountAsync()));
        Assert.Null(Hub.Services.GetRequiredService<IOptionsMonitor<OdooOptions>>().CurrentValue.Url);
    }

    [Fact]
    public async Task A_saved_list_replaces_the_previous_one_whole()
    {
        await Store.SaveAsync(new ConnectionChange().SetList("Meta:PageIds", ["111", "222", "333"]), TestPeople.Admin, CancellationToken.None);
        await Store.SaveAsync(new ConnectionChange().SetList("Meta:PageIds", ["444"]), TestPeople.Admin, CancellationToken.None);

        Assert.Equal(["444"], Hub.Services.GetRequiredService<IOptionsMonitor<MetaOptions>>().CurrentValue.PageIds);
        var (source, items) = Store.DescribeList("Meta:PageIds");
        Assert.Equal(SettingSource.Settings, source);
        Assert.Equal(["444"], items);
        Assert.Equal(1, await Hub.WithDbAsync(db => db.ConnectionSettings.CountAsync(s => s.Key.StartsWith("Meta:PageIds"))));
    }

    [Fact]
    public async Task Saved_connections_survive_a_restart_and_reach_another_instance_sharing_the_database()
    {
        await Store.SaveAsync(OdooChange(), TestPeople.Admin, CancellationToken.None);
        await using var second = await HubFactory.CreateAsync(Provider, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = Hub.ConnectionString,
            ["DataProtection:KeysPath"] = Hub.KeysPath,
            ["Connections:RefreshInterval"] = "00:00:00.100",
        });

        var options = second.Services.GetRequiredService<IOptionsMonitor<OdooOptions>>();
        Assert.Equal(ApiKey, options.CurrentValue.ApiKey);

        await Store.SaveAsync(new ConnectionChange().Set("Odoo:Database", "prod2"), TestPeople.Admin, CancellationToken.None);
        await Eventually.ReturnsAsync(() => Task.FromResult(options.CurrentValue.Database), database => database == "prod2");
    }
}

public sealed class ConnectionSettingsTestsOnSqlite() : ConnectionSettingsTests(HubProvider.Sqlite);

public sealed class ConnectionSettingsTestsOnPostgres() : ConnectionSettingsTests(HubProvider.Postgres);
