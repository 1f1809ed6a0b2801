using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Tests.Meta.Conversions;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// Test leads and consent answers, against the Graph double: a form's test leads as the Lead Ads Testing Tool makes them
/// (organic, no ad, listed on <c>GET /{form_id}/test_leads</c>:
/// https://developers.facebook.com/documentation/ads-commerce/marketing-api/guides/lead-ads/testing-troubleshooting), and the
/// Lead node's <c>custom_disclaimer_responses</c> (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving).
/// </summary>
public abstract class MetaTestLeadTests(HubProvider provider) : HubTest(provider)
{
    private const string Pixel = "987654321012345";
    private GraphApiDouble _graph = null!;
    private FakeOdoo _odoo = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = MetaTestHub.Settings();
            settings["Meta:PixelId"] = Pixel;
            return settings;
        }
    }

    protected override void Configure(HubFactory hub)
    {
        (_graph, _odoo) = MetaTestHub.RegisterDoubles(hub);
        _graph.Posts[$"{Pixel}/events"] = form => new JsonObject { ["events_received"] = JsonNode.Parse(form["data"])!.AsArray().Count, ["messages"] = new JsonArray() };
    }

    [Fact]
    public async Task A_lead_with_consent_answers_keeps_what_the_person_agreed_to_in_Odoo_and_in_the_hub()
    {
        _graph.AddLead("9961", "form1", "c1", "Ramadan Offer", consents: [("optional_1", true), ("optional_2", false)]);

        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9961", "form1", "adc1")]));
        var link = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.SingleOrDefaultAsync()), l => l is not null);

        var description = _odoo.Records("crm.lead").Single()["description"]!.GetValue<string>();
        Assert.Contains("Consent: optional_1: agreed; optional_2: not agreed", description, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"key": "optional_1", "checked": true}, {"key": "optional_2", "checked": false}]"""),
            JsonNode.Parse(link!.Consents!)));
        Assert.Equal(TestLeadStatus.None, link.TestStatus);
    }

    [Fact]
    public async Task A_lead_Meta_lists_as_its_forms_test_lead_is_tagged_in_Odoo_counted_nowhere_and_not_sent_to_Meta()
    {
        _graph.AddLead("9962", "form1", campaignId: null, campaignName: null, organic: true);
        _graph.TestLeadsByForm["form1"] = ["9962"];

        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9962", "form1", null)]));
        var link = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.SingleOrDefaultAsync()), l => l is not null);

        Assert.Equal(TestLeadStatus.FromMeta, link!.TestStatus);
        var tag = _odoo.Records("crm.tag").Single();
        Assert.Equal("Meta test lead", tag["name"]!.GetValue<string>());
        Assert.Equal([tag["id"]!.GetValue<int>()], _odoo.Records("crm.lead").Single()["tag_ids"]!.AsArray().Select(t => t!.GetValue<int>()));

        // Odoo tells the hub about both leads; only the real one counts.
        await SendOdooLeadAsync(link.OdooLeadId, "New");
        await SendOdooLeadAsync(5001, "New", source: "Website");
        var summary = JsonNode.Parse(await Hub.CreateApiClient().GetStringAsync("/api/crm/summary"))!;
        Assert.Equal(1, summary["total_leads"]!.GetValue<int>());
        var leads = JsonNode.Parse(await Hub.CreateApiClient().GetStringAsync("/api/odoo/leads"))!;
        Assert.Equal([5001], leads["leads"]!.AsArray().Select(l => l!["id"]!.GetValue<int>()));
        Assert.True(await Hub.WithDbAsync(db => db.Leads.Where(l => l.OdooId == link.OdooLeadId).Select(l => l.IsTest).SingleAsync()));
        Assert.False(await Hub.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Kind.StartsWith("meta.crm"))));
    }

    [Fact]
    public async Task An_admin_marks_a_form_as_a_test_form_and_one_of_its_leads_as_real_and_Odoo_and_the_figures_follow()
    {
        _graph.FormsByPage[MetaTestHub.PageId] = ["form2"];
        _graph.AddLead("9963", "form2", "c1", "Ramadan Offer");
        _graph.AddLead("9964", "form2", "c1", "Ramadan Offer", email: "sara@example.com");
        var client = Hub.CreateApiClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/meta/sync-leads", new { })).StatusCode);
        var links = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.OrderBy(l => l.LeadgenId).ToListAsync()), l => l.Count == 2);
        await SendOdooLeadAsync(links[0].OdooLeadId, "New");
        await SendOdooLeadAsync(links[1].OdooLeadId, "New");

        var bad = await client.PutAsJsonAsync("/api/meta/forms/form2/test", new { test = "yes" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync("/api/meta/forms/nope/test", new { test = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/meta/forms/form2/test", new { test = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/meta/leads/9964/test", new { test = false })).StatusCode);

        // Two tags put on with the form, one taken off for the lead the admin called real.
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == MetaTestLeads.TagKind && m.Status == OutboxStatus.Sent)),
            n => n == 3);
        var tagged = _odoo.Records("crm.lead");
        var tag = _odoo.Records("crm.tag").Single()["id"]!.GetValue<int>();
        Assert.Equal([tag], Tags(tagged, links[0].OdooLeadId));
        Assert.Empty(Tags(tagged, links[1].OdooLeadId)); // tagged with the form, untagged by the admin
        var summary = JsonNode.Parse(await client.GetStringAsync("/api/crm/summary"))!;
        Assert.Equal(1, summary["total_leads"]!.GetValue<int>());
        var tests = JsonNode.Parse(await client.GetStringAsync("/api/meta/test-leads"))!["leads"]!.AsArray();
        Assert.Equal([("9963", "test_form"), ("9964", "real")],
            tests.Select(t => (t!["leadgen_id"]!.GetValue<string>(), t["status"]!.GetValue<string>())).OrderBy(t => t.Item1));
        var forms = JsonNode.Parse(await client.GetStringAsync("/api/meta/forms"))!["forms"]!.AsArray();
        Assert.True(forms.Single()!["is_test"]!.GetValue<bool>());

        // The form's mark sent again after the admin's undo (a retry, a slow worker) leaves the lead as the admin left it.
        await Hub.WithDbAsync(async db =>
        {
            await OutboxQueue.EnqueueAsync(db, MetaTestLeads.TagKind, "late retry",
                JsonSerializer.Serialize(new TestLeadTagJob(links[1].OdooLeadId, Test: true), MetaJson.Options), DateTime.UtcNow, default);
            return await db.SaveChangesAsync();
        });
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == MetaTestLeads.TagKind && m.Status == OutboxStatus.Sent)),
            n => n == 4);
        Assert.Empty(Tags(_odoo.Records("crm.lead"), links[1].OdooLeadId));
    }

    private static IEnumerable<int> Tags(List<JsonObject> leads, long id) =>
        (leads.Single(l => l["id"]!.GetValue<int>() == id)["tag_ids"] as JsonArray)?.Select(t => t!.GetValue<int>()) ?? [];

    private async Task SendOdooLeadAsync(long id, string stage, string source = "Facebook")
    {
        var response = await new OdooWebhookSender(Hub.CreateAnonymousClient(), TimeProvider.System)
            .SendAsync(ConversionsTests.Lead(id, stage, DateTime.UtcNow.AddMinutes(-5), source: source, created: DateTime.UtcNow.AddMinutes(-10)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.Leads.AnyAsync(l => l.OdooId == id)), found => found);
    }
}

public sealed class MetaTestLeadTestsOnSqlite() : MetaTestLeadTests(HubProvider.Sqlite);

public sealed class MetaTestLeadTestsOnPostgres() : MetaTestLeadTests(HubProvider.Postgres);
