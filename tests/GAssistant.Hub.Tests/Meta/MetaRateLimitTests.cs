using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// Rate limits as Meta counts them, per business use case and ad account or Page
/// (https://developers.facebook.com/docs/graph-api/overview/rate-limiting#buc-rate-limits: error 80000 for Ads Insights with
/// <c>X-Business-Use-Case-Usage</c> and <c>estimated_time_to_regain_access</c> in minutes), and code 4, the app's own limit
/// ("Application request limit reached", https://developers.facebook.com/docs/graph-api/guides/error-handling#errorcodes).
/// </summary>
public abstract class MetaRateLimitTests(HubProvider provider) : HubTest(provider)
{
    private GraphApiDouble _graph = null!;
    private FakeOdoo _odoo = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = MetaTestHub.Settings();
            settings["Meta:AdAccountIds:1"] = "act_1002";
            return settings;
        }
    }

    protected override void Configure(HubFactory hub) => (_graph, _odoo) = MetaTestHub.RegisterDoubles(hub);

    [Fact]
    public async Task An_80000_on_one_ad_account_leaves_the_other_account_and_lead_retrieval_working()
    {
        ArrangeAccount("act_1001", "c1");
        ArrangeAccount("act_1002", "c2");
        _graph.Fail("act_1001/insights", HttpStatusCode.BadRequest,
            GraphApiDouble.Error(80000, "There have been too many calls from this ad-account. Wait a bit and try again.", type: "OAuthException"),
            new() { ["X-Business-Use-Case-Usage"] = """{"1001": [{"type": "ads_insights", "call_count": 100, "total_cputime": 35, "total_time": 40, "estimated_time_to_regain_access": 30}]}""" });

        var job = await SyncCampaignsAsync();

        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        Assert.Contains("act_1001", job["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["c2"], await Hub.WithDbAsync(db => db.MetaDailyInsights.Select(i => i.CampaignId).ToListAsync()));

        // Lead retrieval counts against the Page's LeadGen limit: it does not wait for the ad account's insights.
        _graph.AddLead("9801", "form1", "c1", "Ramadan Offer");
        var started = DateTime.UtcNow;
        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9801", "form1", "adc1")]));
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.CountAsync()), n => n == 1);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(1));
        Assert.Single(_odoo.Records("crm.lead"));

        var meta = JsonNode.Parse(await Hub.CreateAnonymousClient().GetStringAsync("/health"))!["integrations"]!["meta"]!;
        var notice = meta["notices"]!.AsArray().Single(n => n!["code"]!.GetValue<string>() == "rate_limited")!;
        Assert.Equal(["ads_insights", "1001"], notice["arguments"]!.AsArray().Take(2).Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task Code_4_is_waited_out_as_a_rate_limit_and_the_lead_is_read_again_later_not_at_once()
    {
        // The outbox waits a few seconds at most inside a call; Meta gave no time, so the hub's own wait (10 minutes here) applies.
        Hub.Reconfigure("Meta:RateLimitWait", "00:10:00");
        _graph.AddLead("9802", "form1", "c1", "Ramadan Offer");
        _graph.Fail("9802", HttpStatusCode.BadRequest, GraphApiDouble.Error(4, "(#4) Application request limit reached", type: "OAuthException"));

        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9802", "form1", "adc1")]));
        var message = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync()),
            m => m is { Attempts: >= 1 });

        Assert.Equal(OutboxStatus.Pending, message!.Status);
        Assert.InRange(message.NextAttemptAt - DateTime.UtcNow, TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(13));
        Assert.Contains("Application request limit reached", message.LastError, StringComparison.Ordinal);
        Assert.Single(_graph.Requests, r => r == $"GET {GraphApiDouble.Version}/9802");
        Assert.Empty(_odoo.Records("crm.lead"));
    }

    private void ArrangeAccount(string account, string campaign)
    {
        _graph.Objects[account] = new JsonObject { ["currency"] = "SAR", ["name"] = account, ["id"] = account };
        _graph.Edges[$"{account}/campaigns"] =
            [new JsonObject { ["id"] = campaign, ["name"] = "Campaign " + campaign, ["status"] = "ACTIVE", ["effective_status"] = "ACTIVE", ["objective"] = "OUTCOME_LEADS" }];
        _graph.Edges[$"{account}/insights"] = [MetaCampaignTests.Row(campaign, "Campaign " + campaign, "2026-11-01", "10", "100", "5", [("onsite_conversion.lead_grouped", "1")])];
    }

    private async Task<JsonNode> SyncCampaignsAsync()
    {
        var client = Hub.CreateApiClient();
        var response = await client.PostAsJsonAsync("/api/meta/sync-campaigns", new { from = "2026-11-01", to = "2026-11-01" });
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["job"]!["id"]!.GetValue<string>();
        return await Eventually.ReturnsAsync(async () => JsonNode.Parse(await client.GetStringAsync($"/api/jobs/{id}"))!["job"]!,
            j => j["status"]!.GetValue<string>() is "succeeded" or "failed");
    }
}

public sealed class MetaRateLimitTestsOnSqlite() : MetaRateLimitTests(HubProvider.Sqlite);

public sealed class MetaRateLimitTestsOnPostgres() : MetaRateLimitTests(HubProvider.Postgres);
