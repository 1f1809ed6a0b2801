using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// The campaign sync reads spend and leads by placement: <c>/act_{id}/insights?level=campaign&amp;time_increment=1&amp;breakdowns=publisher_platform,platform_position</c>
/// (https://developers.facebook.com/docs/marketing-api/insights/breakdowns, "Insights API Breakdowns"), whose rows carry
/// <c>publisher_platform</c> and <c>platform_position</c> beside the campaign's string numbers and <c>actions</c>, paged with
/// <c>paging.cursors</c> and <c>paging.next</c> (https://developers.facebook.com/docs/graph-api/results).
/// </summary>
public abstract class MetaPlacementSyncTests(HubProvider provider) : HubTest(provider)
{
    internal const string PlacementEdge = "act_1001/insights?breakdowns=publisher_platform,platform_position";
    private const string Ramadan = "عرض رمضان";

    private GraphApiDouble _graph = null!;

    protected override IDictionary<string, string?> Settings => MetaTestHub.Settings();

    protected override void Configure(HubFactory hub) => (_graph, _) = MetaTestHub.RegisterDoubles(hub);

    // Four rows, two pages of two. Leads as the campaign rows count them: "lead" and lead_grouped are the same 3 (not 6);
    // lead_grouped alone is 2; "lead" alone, without a pixel lead, is 1; "lead" that is all the pixel's is 0 Instant Forms leads.
    [Fact]
    public async Task Placement_days_are_stored_with_Meta_exact_spend_and_leads_from_every_page()
    {
        ArrangeAccount();
        _graph.Edges["act_1001/insights"] =
        [
            MetaCampaignTests.Row("c1", Ramadan, "2026-11-01", "100.00", "9900", "173", [("onsite_conversion.lead_grouped", "6")]),
            MetaCampaignTests.Row("c2", "Summer Sale", "2026-11-01", "12.34", "2500", "30", [("lead", "5"), ("offsite_conversion.fb_pixel_lead", "5")]),
        ];
        _graph.Edges[PlacementEdge] =
        [
            PlacementRow("c1", Ramadan, "2026-11-01", "facebook", "feed", "60.25", "6000", "120", [("lead", "3"), ("onsite_conversion.lead_grouped", "3")]),
            PlacementRow("c1", Ramadan, "2026-11-01", "instagram", "instagram_stories", "30.50", "3000", "45", [("onsite_conversion.lead_grouped", "2"), ("link_click", "45")]),
            PlacementRow("c1", Ramadan, "2026-11-01", "instagram", "instagram_profile_reels", "9.25", "900", "8", [("lead", "1")]),
            PlacementRow("c2", "Summer Sale", "2026-11-01", "audience_network", "an_classic", "12.34", "2500", "30", [("lead", "5"), ("offsite_conversion.fb_pixel_lead", "5")]),
        ];

        var job = await SyncAsync("2026-11-01", "2026-11-01");

        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        Assert.Contains("4 placement days", job["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var rows = await Hub.WithDbAsync(db => db.MetaPlacementDailyInsights.AsNoTracking().ToListAsync());
        Assert.Equal(
            [
                ("c1", "facebook", "feed", 60.25m, 6000L, 120L, 3L),
                ("c1", "instagram", "instagram_profile_reels", 9.25m, 900L, 8L, 1L),
                ("c1", "instagram", "instagram_stories", 30.50m, 3000L, 45L, 2L),
                ("c2", "audience_network", "an_classic", 12.34m, 2500L, 30L, 0L),
            ],
            rows.Select(r => (r.CampaignId, r.PublisherPlatform, r.PlatformPosition, r.Spend, r.Impressions, r.Clicks, r.Leads))
                .OrderBy(r => r.CampaignId, StringComparer.Ordinal).ThenBy(r => r.PlatformPosition, StringComparer.Ordinal));
        var stories = rows.Single(r => r.PlatformPosition == "instagram_stories");
        Assert.Equal((Ramadan, "act_1001", "SAR", new DateOnly(2026, 11, 1)), (stories.CampaignName, stories.AdAccountId, stories.Currency, stories.Date));
        // One page at campaign level, one (empty) at ad level, two for the placements: one paged call per account and range.
        Assert.Equal(4, _graph.Requests.Count(r => r == $"GET {GraphApiDouble.Version}/act_1001/insights"));
    }

    [Fact]
    public async Task A_restated_day_replaces_its_placements_and_leaves_the_other_days()
    {
        ArrangeAccount();
        _graph.Edges["act_1001/insights"] = [MetaCampaignTests.Row("c1", Ramadan, "2026-11-01", "150", "1500", "15", [("lead", "2")])];
        _graph.Edges[PlacementEdge] =
        [
            PlacementRow("c1", Ramadan, "2026-11-01", "facebook", "feed", "100", "1000", "10", [("lead", "1")]),
            PlacementRow("c1", Ramadan, "2026-11-01", "instagram", "instagram_reels", "50", "500", "5", [("lead", "1")]),
            PlacementRow("c1", Ramadan, "2026-11-02", "facebook", "marketplace", "7", "70", "1", []),
        ];
        await SyncAsync("2026-11-01", "2026-11-02");
        // Meta restates the 1st: less spend and a lead more on the feed, nothing in reels any more.
        _graph.Edges[PlacementEdge] = [PlacementRow("c1", Ramadan, "2026-11-01", "facebook", "feed", "80", "900", "9", [("lead", "2")])];

        var job = await SyncAsync("2026-11-01", "2026-11-01");

        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        var rows = await Hub.WithDbAsync(db => db.MetaPlacementDailyInsights.AsNoTracking().OrderBy(r => r.Date).ToListAsync());
        Assert.Equal([(new DateOnly(2026, 11, 1), "feed", 80m, 2L), (new DateOnly(2026, 11, 2), "marketplace", 7m, 0L)],
            rows.Select(r => (r.Date, r.PlatformPosition, r.Spend, r.Leads)));
    }

    private void ArrangeAccount()
    {
        _graph.Objects["act_1001"] = new JsonObject { ["currency"] = "SAR", ["name"] = "Main account", ["id"] = "act_1001" };
        _graph.Edges["act_1001/campaigns"] =
        [
            new JsonObject { ["id"] = "c1", ["name"] = Ramadan, ["status"] = "ACTIVE", ["effective_status"] = "ACTIVE", ["objective"] = "OUTCOME_LEADS" },
            new JsonObject { ["id"] = "c2", ["name"] = "Summer Sale", ["status"] = "ACTIVE", ["effective_status"] = "ACTIVE", ["objective"] = "OUTCOME_TRAFFIC" },
        ];
    }

    /// <summary>
    /// A row with <c>breakdowns=publisher_platform,platform_position</c>: the campaign row's string numbers and actions, and
    /// the two breakdown values; no <c>reach</c>, which the hub does not ask with breakdowns.
    /// </summary>
    internal static JsonObject PlacementRow(string campaignId, string name, string date, string platform, string position, string spend, string impressions,
        string clicks, (string Type, string Value)[] actions)
    {
        var row = MetaCampaignTests.Row(campaignId, name, date, spend, impressions, clicks, actions);
        row.Remove("reach");
        row["publisher_platform"] = platform;
        row["platform_position"] = position;
        return row;
    }

    private async Task<JsonNode> SyncAsync(string from, string to)
    {
        var client = Hub.CreateApiClient();
        var response = await client.PostAsJsonAsync("/api/meta/sync-campaigns", new { from, to });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["job"]!["id"]!.GetValue<string>();
        return await Eventually.ReturnsAsync(async () => JsonNode.Parse(await client.GetStringAsync($"/api/jobs/{id}"))!["job"]!,
            j => j["status"]!.GetValue<string>() is "succeeded" or "failed");
    }
}

public sealed class MetaPlacementSyncTestsOnSqlite() : MetaPlacementSyncTests(HubProvider.Sqlite);

public sealed class MetaPlacementSyncTestsOnPostgres() : MetaPlacementSyncTests(HubProvider.Postgres);
