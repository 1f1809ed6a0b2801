using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// The hub configured for a real Odoo 19 with an API key, against the exchanges recorded from one
/// (Odoo/Fixtures/19, replayed as Odoo 19 reads them): health, a lead made with source, medium and
/// campaign, and the automation read-back all go over JSON-2, never <c>/jsonrpc</c>.
/// </summary>
public sealed class OdooJson2HubTests() : HubTest(HubProvider.Sqlite), IDisposable
{
    private readonly RecordedOdoo _odoo = new("19");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Odoo:Url"] = OdooFixtures.Url,
        ["Odoo:Database"] = "odoo19",
        ["Odoo:Username"] = OdooFixtures.Login,
        ["Odoo:ApiKey"] = OdooFixtures.ApiKey,
        ["Odoo:AutomationToken"] = OdooHubTest.AutomationToken,
        ["Odoo:SyncInterval"] = "00:00:00",
    };

    protected override void Configure(HubFactory hub) =>
        hub.Outbound.Register(OdooFixtures.Host, request => new HttpMessageInvoker(_odoo, disposeHandler: false).SendAsync(request, default));

    public void Dispose() => _odoo.Dispose();

    [Fact]
    public async Task Health_is_ok_with_the_version_and_jsonrpc_is_never_called()
    {
        using var response = await Hub.CreateApiClient().GetAsync(new Uri("/api/odoo/health", UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal((HttpStatusCode.OK, "ok", "19.0"), (response.StatusCode, body["status"]!.GetValue<string>(), body["server_version"]!.GetValue<string>()));
        Assert.Contains("over JSON-2", body["message"]!.GetValue<string>());
        Assert.Equal(["GET /web/version", "POST /json/2/res.users/context_get", "POST /json/2/crm.lead/search_count"], _odoo.Paths);
    }

    [Fact]
    public async Task With_a_password_instead_of_an_api_key_health_is_ok_and_says_to_make_a_key()
    {
        var settings = Settings;
        settings["Odoo:ApiKey"] = OdooFixtures.Password;
        await using var hub = await HubFactory.CreateAsync(Provider, settings);
        Configure(hub);

        using var response = await hub.CreateApiClient().GetAsync(new Uri("/api/odoo/health", UriKind.Relative));
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("set Odoo:ApiKey to an API key", message);
        Assert.Empty(_odoo.Unmatched);
    }

    [Fact]
    public async Task A_lead_is_created_with_source_medium_and_campaign_found_by_name()
    {
        using var response = await Hub.CreateApiClient().PostAsJsonAsync(new Uri("/api/odoo/leads", UriKind.Relative), new
        {
            name = "طلب عرض سعر (fixture)", partner_name = "شركة الندى", email = "sales@alnada.example",
            source = "Facebook", medium = "Email", campaign = "Christmas Special",
        });
        var lead = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["lead"]!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((OdooFixtures.Result("create_lead_with_utm", "19")[0]!.GetValue<long>(), "Facebook", "Email", "Christmas Special"),
            (lead["id"]!.GetValue<long>(), lead["source"]!.GetValue<string>(), lead["medium"]!.GetValue<string>(), lead["campaign"]!.GetValue<string>()));
        Assert.Empty(_odoo.Unmatched);
        Assert.DoesNotContain("POST /jsonrpc", _odoo.Paths);
    }

    [Fact]
    public async Task An_automation_notification_is_read_back_over_json_2()
    {
        var id = OdooFixtures.Result("read_lead_with_utm", "19")[0]!["id"]!.GetValue<long>();
        using var response = await Hub.CreateAnonymousClient().PostAsync(
            new Uri($"/api/webhook/odoo/automation?token={OdooHubTest.AutomationToken}", UriKind.Relative),
            new StringContent($$"""{"_action": "Notify hub(#3)", "_id": {{id}}, "_model": "crm.lead"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lead = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.OdooId == id)), l => l is not null);
        Assert.Equal(("شركة الندى", "Christmas Special", "New"), (lead!.PartnerName, lead.Campaign, lead.StageName));
        Assert.Empty(_odoo.Unmatched);
    }
}
