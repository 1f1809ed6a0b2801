using System.Net;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Tests.Infrastructure;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// A signed leadgen notification through the hub into Odoo, against the Graph API double
/// (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving) and an Odoo JSON-RPC double
/// (https://www.odoo.com/documentation/17.0/developer/reference/external_api.html).
/// </summary>
public abstract class MetaLeadPipelineTests(HubProvider provider) : HubTest(provider)
{
    private GraphApiDouble _graph = null!;
    private FakeOdoo _odoo = null!;

    protected override IDictionary<string, string?> Settings => MetaTestHub.Settings();

    protected override void Configure(HubFactory hub) => (_graph, _odoo) = MetaTestHub.RegisterDoubles(hub);

    [Fact]
    public async Task A_signed_notification_with_two_leads_yields_two_Odoo_leads_with_their_campaigns()
    {
        _graph.AddLead("9001", "form1", "c1", "Ramadan Offer", platform: "fb", fullName: "Ahmed Ali", email: "ahmed@example.com");
        _graph.AddLead("9002", "form1", "c2", "Summer Sale", platform: "ig", fullName: "Sara Omar", email: "sara@example.com");
        var client = Hub.CreateAnonymousClient();

        var response = await MetaTestHub.PostSignedAsync(client, MetaTestHub.Notification([("9001", "form1", "adc1"), ("9002", "form1", "adc2")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var leads = await Eventually.ReturnsAsync(() => Task.FromResult(_odoo.Records("crm.lead")), l => l.Count == 2);
        var ahmed = leads.Single(l => l["contact_name"]!.GetValue<string>() == "Ahmed Ali");
        var sara = leads.Single(l => l["contact_name"]!.GetValue<string>() == "Sara Omar");
        Assert.Equal("ahmed@example.com", ahmed["email_from"]!.GetValue<string>());
        Assert.Equal("Ramadan Offer", Name("utm.campaign", ahmed["campaign_id"]!));
        Assert.Equal("Summer Sale", Name("utm.campaign", sara["campaign_id"]!));
        Assert.Equal("Facebook", Name("utm.source", ahmed["source_id"]!));
        Assert.Equal("Instagram", Name("utm.source", sara["source_id"]!));
        Assert.Equal("Paid Social", Name("utm.medium", ahmed["medium_id"]!));
        Assert.Contains("car_make: Honda", ahmed["description"]!.GetValue<string>(), StringComparison.Ordinal);

        var external = _odoo.Records("ir.model.data");
        Assert.Contains(external, x => x["module"]!.GetValue<string>() == "g_assistant_meta" && x["name"]!.GetValue<string>() == "lead_9001"
            && x["model"]!.GetValue<string>() == "crm.lead" && x["res_id"]!.GetValue<int>() == ahmed["id"]!.GetValue<int>());
        var links = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.OrderBy(l => l.LeadgenId).ToListAsync()), l => l.Count == 2);
        Assert.Equal(("c1", "asc1", "adc1", "form1", "fb"), (links[0].CampaignId, links[0].AdsetId, links[0].AdId, links[0].FormId, links[0].Platform));
        Assert.Equal(new DateTime(2015, 2, 28, 8, 49, 14, DateTimeKind.Utc), links[0].CreatedTime);
    }

    [Fact]
    public async Task The_same_notification_again_creates_no_second_lead()
    {
        _graph.AddLead("9101", "777", "c1", "Ramadan Offer");
        var client = Hub.CreateAnonymousClient();
        var body = MetaTestHub.Notification([("9101", "777", "3001")]);

        await MetaTestHub.PostSignedAsync(client, body);
        await WaitForLinksAsync(1);
        var again = await MetaTestHub.PostSignedAsync(client, body);
        // The same lead in another delivery (Meta batches differently on a retry).
        await MetaTestHub.PostSignedAsync(client, MetaTestHub.Notification([("9101", "777", "3001")], numericIds: true));
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.Status == InboxStatus.Processed)), n => n == 2);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(_odoo.Records("crm.lead"));
        Assert.Equal(1, await Hub.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task A_crash_after_the_Odoo_create_and_a_hub_on_a_fresh_database_create_nothing_new()
    {
        _graph.AddLead("9201", "form1", "c1", "Ramadan Offer");
        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9201", "form1", "adc1")]));
        await WaitForLinksAsync(1);

        // As if the hub died after Odoo created the lead, before the outbox row was marked sent and the link stored.
        await MetaTestHub.ForgetAsAfterACrashAsync(Hub);
        var link = (await WaitForLinksAsync(1)).Single();

        // A second hub with an empty database, same Odoo, receives Meta's retry of the notification.
        await using var fresh = await HubFactory.CreateAsync(Provider, MetaTestHub.Settings());
        fresh.Outbound.Register(GraphApiDouble.Host, _graph.HandleAsync);
        fresh.Outbound.Register(FakeOdoo.Host, _odoo.HandleAsync);
        await MetaTestHub.PostSignedAsync(fresh.CreateAnonymousClient(), MetaTestHub.Notification([("9201", "form1", "adc1")]));
        var freshLink = await Eventually.ReturnsAsync(() => fresh.WithDbAsync(db => db.MetaLeadLinks.SingleOrDefaultAsync()), l => l is not null);

        Assert.Single(_odoo.Records("crm.lead"));
        Assert.Single(_odoo.Records("ir.model.data"));
        Assert.Equal(link.OdooLeadId, freshLink!.OdooLeadId);
    }

    [Fact]
    public async Task A_lead_created_just_before_a_crash_without_its_external_id_is_adopted_not_duplicated()
    {
        var lead = _graph.AddLead("9301", "form1", "c1", "Ramadan Offer");
        // What a crash between "crm.lead created" and "ir.model.data created" leaves in Odoo.
        var orphan = new JsonObject { ["name"] = "Joe Example", ["description"] = $"Meta: Facebook, form form1 {LeadFieldMapping.Marker("9301")}" };
        _odoo.Models["crm.lead"] = [orphan];
        orphan["id"] = 7;

        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9301", "form1", "adc1")]));
        var link = (await WaitForLinksAsync(1)).Single();

        Assert.Equal(7L, link.OdooLeadId);
        Assert.Single(_odoo.Records("crm.lead"));
        Assert.Equal(7, _odoo.Records("ir.model.data").Single()["res_id"]!.GetValue<int>());
        Assert.NotNull(lead);
    }

    [Fact]
    public async Task An_organic_lead_with_numeric_ids_and_no_ad_is_accepted_as_organic()
    {
        _graph.AddLead("9401", "555", campaignId: null, campaignName: null, organic: true);

        var response = await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9401", "555", null)], numericIds: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lead = (await Eventually.ReturnsAsync(() => Task.FromResult(_odoo.Records("crm.lead")), l => l.Count == 1)).Single();
        Assert.Equal("Organic Social", Name("utm.medium", lead["medium_id"]!));
        Assert.Null(lead["campaign_id"]);
        Assert.Null((await WaitForLinksAsync(1)).Single().AdId);
    }

    [Fact]
    public async Task While_Odoo_is_down_the_lead_waits_and_goes_in_later()
    {
        _graph.AddLead("9501", "form1", "c1", "Ramadan Offer");
        _odoo.Down = true;

        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9501", "form1", "adc1")]));
        var failed = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.OutboxMessages.SingleOrDefaultAsync()), m => m is { Attempts: >= 1 });
        Assert.Equal(OutboxStatus.Pending, failed!.Status);
        Assert.Empty(_odoo.Records("crm.lead"));

        _odoo.Down = false;
        // Time passes until the outbox's next attempt.
        await Hub.WithDbAsync(db => db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));
        await WaitForLinksAsync(1);
        Assert.Single(_odoo.Records("crm.lead"));
    }

    [Fact]
    public async Task A_rate_limit_answer_followed_by_success_still_brings_the_lead()
    {
        _graph.AddLead("9601", "form1", "c1", "Ramadan Offer");
        // https://developers.facebook.com/docs/graph-api/overview/rate-limiting#buc-rate-limits: code 80005 (LeadGen) with the BUC header.
        _graph.Fail("9601", HttpStatusCode.BadRequest, GraphApiDouble.Error(80005, "There have been too many leadgen api calls to this Page."),
            new() { ["X-Business-Use-Case-Usage"] = """{"1234567890":[{"type":"leadgen","call_count":100,"total_cputime":10,"total_time":10,"estimated_time_to_regain_access":0}]}""" });
        _graph.Fail("9601", HttpStatusCode.BadRequest, GraphApiDouble.Error(4, "Application request limit reached"));

        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9601", "form1", "adc1")]));

        await WaitForLinksAsync(1);
        var message = await Hub.WithDbAsync(db => db.OutboxMessages.SingleAsync());
        Assert.Equal((OutboxStatus.Sent, 1), (message.Status, message.Attempts));
        Assert.Equal(3, _graph.Requests.Count(r => r == $"GET {GraphApiDouble.Version}/9601"));
    }

    [Fact]
    public async Task An_expired_token_turns_health_to_needs_reconnecting_and_loses_nothing()
    {
        _graph.AddLead("9701", "form1", "c1", "Ramadan Offer");
        // https://developers.facebook.com/docs/graph-api/guides/error-handling#errorcodes: 190 with subcode 463 = expired.
        _graph.Fail("", HttpStatusCode.BadRequest, GraphApiDouble.Error(190, "Error validating access token: Session has expired.", 463));

        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9701", "form1", "adc1")]));

        var health = await Eventually.ReturnsAsync(async () => JsonNode.Parse(await Hub.CreateAnonymousClient().GetStringAsync("/health"))!,
            h => h["integrations"]?["meta"]?["state"]?.GetValue<string>() == "needs_reconnecting");
        Assert.DoesNotContain(MetaTestHub.AccessToken, health.ToJsonString(), StringComparison.Ordinal);
        var message = await Hub.WithDbAsync(db => db.OutboxMessages.SingleAsync());
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Empty(_odoo.Records("crm.lead"));
        // Stopped: the queued lead's retry does not call Meta again with the refused token.
        await Hub.WithDbAsync(db => db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.OutboxMessages.SingleAsync()), m => m.Attempts >= 2);
        Assert.Single(_graph.Requests, r => r == $"GET {GraphApiDouble.Version}/9701");
    }

    private async Task<List<MetaLeadLink>> WaitForLinksAsync(int count) =>
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.ToListAsync()), l => l.Count == count);

    private string Name(string model, JsonNode id) =>
        _odoo.Records(model).Single(r => r["id"]!.GetValue<int>() == (id is JsonArray pair ? pair[0]! : id).GetValue<int>())["name"]!.GetValue<string>();
}

public sealed class MetaLeadPipelineTestsOnSqlite() : MetaLeadPipelineTests(HubProvider.Sqlite);

public sealed class MetaLeadPipelineTestsOnPostgres() : MetaLeadPipelineTests(HubProvider.Postgres);
