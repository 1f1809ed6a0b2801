using System.Text.Json.Nodes;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary><c>GET /api/odoo/health</c> (CONTRACT.md): 200 only when ok; otherwise 503 with what to fix.</summary>
public sealed class OdooHealthApiTests() : OdooHubTest(HubProvider.Sqlite)
{
    private async Task<(HttpStatusCode Status, JsonObject Body)> HealthAsync(HubFactory? hub = null)
    {
        using var response = await (hub ?? Hub).CreateApiClient().GetAsync(new Uri("/api/odoo/health", UriKind.Relative));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private async Task<HubFactory> HubWithAsync(string key, string value)
    {
        var settings = Settings;
        settings[key] = value;
        var hub = await HubFactory.CreateAsync(HubProvider.Sqlite, settings);
        hub.Outbound.Register(FakeOdoo.Host, Odoo.HandleAsync);
        return hub;
    }

    [Fact]
    public async Task A_reachable_odoo_reports_its_version_database_and_latency()
    {
        var (status, body) = await HealthAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("ok", "17.0", "odoo17", true), (body["status"]!.GetValue<string>(), body["server_version"]!.GetValue<string>(),
            body["database"]!.GetValue<string>(), body["success"]!.GetValue<bool>()));
        Assert.True(body["latency_ms"]!.GetValue<long>() >= 0);
    }

    [Fact]
    public async Task A_wrong_api_key_is_down_and_says_to_check_the_key()
    {
        await using var hub = await HubWithAsync("Odoo:ApiKey", "wrong-admin");

        var (status, body) = await HealthAsync(hub);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "down"), (status, body["status"]!.GetValue<string>()));
        Assert.Contains("Odoo:ApiKey", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unreachable_odoo_is_down_and_says_so()
    {
        await using var hub = await HubWithAsync("Odoo:Url", "http://odoo-nowhere.test");

        var (status, body) = await HealthAsync(hub);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "down"), (status, body["status"]!.GetValue<string>()));
        Assert.Contains("unreachable", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_named_in_the_message()
    {
        await using var hub = await HubWithAsync("Odoo:Database", "odoo17_missing");
        var recorded = new RecordedOdoo();
        hub.Outbound.Register(FakeOdoo.Host, request => new HttpMessageInvoker(recorded).SendAsync(request, default));

        var (status, body) = await HealthAsync(hub);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("'odoo17_missing' does not exist", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_without_crm_rights_is_told_to_get_them()
    {
        Odoo.Fail = null;
        Hub.Outbound.Register(FakeOdoo.Host, Odoo.RecordedErrorWhen("search_count", "access_error_no_rights"));

        var (status, body) = await HealthAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("lacks access rights", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_odoo_settings_it_is_not_configured()
    {
        await using var hub = await HubWithAsync("Odoo:Url", "");

        var (status, body) = await HealthAsync(hub);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "not_configured"), (status, body["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_read_that_meets_a_passing_gateway_error_is_retried()
    {
        var failures = 0;
        Hub.Outbound.Register(FakeOdoo.Host, request =>
            Interlocked.Increment(ref failures) == 1
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway))
                : Odoo.HandleAsync(request));

        var (status, _) = await HealthAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(failures > 1);
    }
}
