using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Tests.Infrastructure;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// <c>POST /api/meta/sync-leads</c>: a Page's forms and their leads read with cursor paging
/// (https://developers.facebook.com/docs/graph-api/results) from the Graph API double, as in
/// https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving#bulk-read.
/// </summary>
public abstract class MetaLeadSyncTests(HubProvider provider) : HubTest(provider)
{
    private GraphApiDouble _graph = null!;
    private FakeOdoo _odoo = null!;

    protected override IDictionary<string, string?> Settings => MetaTestHub.Settings();

    protected override void Configure(HubFactory hub) => (_graph, _odoo) = MetaTestHub.RegisterDoubles(hub, pageSize: 2);

    [Fact]
    public async Task A_backfill_follows_three_pages_and_adds_only_the_leads_the_webhook_missed()
    {
        _graph.FormsByPage[MetaTestHub.PageId] = ["f1"];
        for (var i = 1; i <= 5; i++)
        {
            _graph.AddLead($"70{i}", "f1", "c1", "Ramadan Offer", email: $"p{i}@example.com", created: $"2026-11-0{i}T10:00:00+0000");
        }

        // Two of them came by webhook first.
        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("701", "f1", "adc1"), ("702", "f1", "adc1")]));
        await Eventually.ReturnsAsync(() => Task.FromResult(_odoo.Records("crm.lead").Count), n => n == 2);

        var job = await RunSyncAsync(new { });
        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        Assert.Equal(100, job["progress"]!.GetValue<int>());
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.CountAsync()), n => n == 5);
        Assert.Equal(5, _odoo.Records("crm.lead").Count);
        Assert.Equal(3, _graph.Requests.Count(r => r == $"GET {GraphApiDouble.Version}/f1/leads"));

        // Running it again (and from an explicit time) adds none.
        await RunSyncAsync(new { since = "2026-11-01T00:00:00Z" });
        await RunSyncAsync(new { });
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status != GAssistant.Hub.Data.OutboxStatus.Sent)), n => n == 0);
        Assert.Equal(5, _odoo.Records("crm.lead").Count);
        Assert.Equal(5, await Hub.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        var form = await Hub.WithDbAsync(db => db.MetaLeadForms.SingleAsync());
        Assert.Equal(new DateTime(2026, 11, 5, 10, 0, 0, DateTimeKind.Utc), form.LeadsReadUntil);
    }

    [Fact]
    public async Task A_since_that_is_not_a_time_is_a_field_error()
    {
        var response = await Hub.CreateApiClient().PostAsJsonAsync("/api/meta/sync-leads", new { since = "last tuesday" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]!["since"]);
        Assert.False(problem["success"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_sync_needs_a_login()
    {
        var response = await Hub.CreateAnonymousClient().PostAsync("/api/meta/sync-leads", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonNode> RunSyncAsync(object body)
    {
        var client = Hub.CreateApiClient();
        var response = await client.PostAsJsonAsync("/api/meta/sync-leads", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(accepted["success"]!.GetValue<bool>());
        var id = accepted["job"]!["id"]!.GetValue<string>();
        var job = await Eventually.ReturnsAsync(async () => JsonNode.Parse(await client.GetStringAsync($"/api/jobs/{id}"))!["job"]!,
            j => j["status"]!.GetValue<string>() is "succeeded" or "failed");
        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        return job;
    }
}

public sealed class MetaLeadSyncTestsOnSqlite() : MetaLeadSyncTests(HubProvider.Sqlite);

public sealed class MetaLeadSyncTestsOnPostgres() : MetaLeadSyncTests(HubProvider.Postgres);
