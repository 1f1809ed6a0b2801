using System.Text;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// <c>POST /api/webhook/odoo/automation?token=…</c>: the body Odoo 17's "Send Webhook Notification" action
/// posts — <c>json.dumps({"_action", "_id", "_model", …}, sort_keys=True)</c>, no signature
/// (odoo/addons/base/models/ir_actions.py, <c>_run_action_webhook</c>;
/// https://www.odoo.com/documentation/17.0/applications/studio/automated_actions.html).
/// </summary>
public abstract class OdooAutomationWebhookTests(HubProvider provider) : OdooHubTest(provider)
{
    private const string LeadNotification = """{"_action": "Notify hub(#12)", "_id": 1, "_model": "crm.lead"}""";

    private async Task<HttpResponseMessage> PostAsync(string body, string? token = AutomationToken, HubFactory? hub = null)
    {
        var uri = token is null ? "/api/webhook/odoo/automation" : $"/api/webhook/odoo/automation?token={Uri.EscapeDataString(token)}";
        return await (hub ?? Hub).CreateAnonymousClient().PostAsync(new Uri(uri, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
    }

    [Fact]
    public async Task A_notification_with_the_token_is_stored_and_the_full_lead_is_read_back_into_the_replica()
    {
        using var response = await PostAsync(LeadNotification);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lead = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.OdooId == 1)), l => l is not null);
        Assert.Equal(("Club Office Furnitures", "jdunagan@leclub.example.com", "New"), (lead!.Name, lead.Email, lead.StageName));
        Assert.Contains("crm.lead.read", Odoo.Calls);
    }

    [Fact]
    public async Task A_sale_order_notification_updates_the_order()
    {
        using var response = await PostAsync("""{"_action": "Notify hub(#13)", "_id": 4, "_model": "sale.order", "state": "sale"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.SaleOrders.AsNoTracking().FirstOrDefaultAsync(o => o.OdooId == 4)), o => o is not null);
        Assert.Equal("sale", order!.State);
    }

    [Fact]
    public async Task The_same_notification_twice_is_stored_once()
    {
        using var first = await PostAsync(LeadNotification);
        using var second = await PostAsync(LeadNotification);

        Assert.True((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, await Hub.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.Source == InboxSources.OdooAutomation)));
    }

    [Fact]
    public async Task A_wrong_or_missing_token_is_refused()
    {
        using var wrong = await PostAsync(LeadNotification, token: "not-the-token");
        using var missing = await PostAsync(LeadNotification, token: null);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrong.StatusCode, missing.StatusCode));
        Assert.Equal(0, await Hub.WithDbAsync(db => db.InboxEvents.CountAsync()));
    }

    [Fact]
    public async Task Without_a_configured_token_every_notification_is_refused()
    {
        var settings = Settings;
        settings["Odoo:AutomationToken"] = "";
        await using var hub = await HubFactory.CreateAsync(Provider, settings);

        using var response = await PostAsync(LeadNotification, token: "", hub: hub);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_notification_for_another_model_is_refused_with_the_field_named()
    {
        using var response = await PostAsync("""{"_action": "x(#1)", "_id": 7, "_model": "res.partner"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("_model", out _));
    }
}

public sealed class OdooAutomationWebhookTestsOnSqlite() : OdooAutomationWebhookTests(HubProvider.Sqlite);

public sealed class OdooAutomationWebhookTestsOnPostgres() : OdooAutomationWebhookTests(HubProvider.Postgres);
