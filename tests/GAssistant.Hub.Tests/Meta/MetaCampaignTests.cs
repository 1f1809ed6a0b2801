using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// <c>POST /api/meta/sync-campaigns</c> and <c>GET /api/meta/campaigns</c> against the Graph API double:
/// campaigns (https://developers.facebook.com/docs/marketing-api/reference/ad-account/campaigns), daily insights at
/// campaign and ad level with string numbers and action arrays (https://developers.facebook.com/docs/marketing-api/insights,
/// "level=ad" under "Aggregate results at a defined object level"), async report
/// runs (https://developers.facebook.com/docs/marketing-api/insights/best-practices#asynchronous), and won deals and
/// revenue from the Odoo replica.
/// </summary>
public abstract class MetaCampaignTests(HubProvider provider) : HubTest(provider)
{
    private GraphApiDouble _graph = null!;

    protected override IDictionary<string, string?> Settings => MetaTestHub.Settings();

    protected override void Configure(HubFactory hub) => (_graph, _) = MetaTestHub.RegisterDoubles(hub);

    [Fact]
    public async Task Synced_campaigns_report_spend_leads_cpl_ctr_and_Odoo_revenue_in_the_account_currency()
    {
        ArrangeAccount();
        _graph.Edges["act_1001/insights"] =
        [
            Row("c1", "Ramadan Offer", "2026-11-01", "100.50", "10000", "200", [("lead", "4"), ("onsite_conversion.lead_grouped", "4")]),
            Row("c1", "Ramadan Offer", "2026-11-02", "99.50", "5000", "100", [("onsite_conversion.lead_grouped", "6")]),
            Row("c2", "Summer Sale", "2026-11-01", "50", "2000", "10", [("lead", "5"), ("offsite_conversion.fb_pixel_lead", "5")]),
        ];
        await ArrangeOdooReplicaAsync();

        var job = await SyncAsync(new { from = "2026-11-01", to = "2026-11-02" });
        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        var report = JsonNode.Parse(await Hub.CreateApiClient().GetStringAsync("/api/meta/campaigns?from=2026-11-01&to=2026-11-02"))!;

        Assert.True(report["success"]!.GetValue<bool>());
        var ramadan = report["campaigns"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "c1")!;
        Assert.Equal("Ramadan Offer", ramadan["name"]!.GetValue<string>());
        Assert.Equal("ACTIVE", ramadan["status"]!.GetValue<string>());
        Assert.Equal("OUTCOME_LEADS", ramadan["objective"]!.GetValue<string>());
        Assert.Equal(200m, ramadan["spend"]!.GetValue<decimal>());
        Assert.Equal(15000, ramadan["impressions"]!.GetValue<long>());
        Assert.Equal(300, ramadan["clicks"]!.GetValue<long>());
        Assert.Equal(2m, ramadan["ctr"]!.GetValue<decimal>());
        Assert.Equal(10, ramadan["leads"]!.GetValue<long>()); // Instant Forms leads: 4 (lead_grouped, not lead + lead_grouped) + 6
        Assert.Equal(20m, ramadan["cpl"]!.GetValue<decimal>());
        Assert.Equal(2, ramadan["won"]!.GetValue<int>());
        Assert.Equal(1500m, ramadan["revenue"]!.GetValue<decimal>());
        Assert.Equal(7.5m, ramadan["roas"]!.GetValue<decimal>());
        Assert.Equal("SAR", ramadan["currency"]!.GetValue<string>());
        Assert.Equal(0, ramadan["website_leads"]!.GetValue<long>());
        // A traffic campaign's leads are the website pixel's: shown apart, not in the lead-ads cost per lead.
        var summer = report["campaigns"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "c2")!;
        Assert.Equal((0L, 5L), (summer["leads"]!.GetValue<long>(), summer["website_leads"]!.GetValue<long>()));
        Assert.Null(summer["cpl"]);
        var totals = report["totals"]!;
        Assert.Equal(250m, totals["spend"]!.GetValue<decimal>());
        Assert.Equal(10, totals["leads"]!.GetValue<long>());
        Assert.Equal(5, totals["website_leads"]!.GetValue<long>());
        Assert.Equal(25m, totals["cpl"]!.GetValue<decimal>());
        Assert.Equal(1500m, totals["revenue"]!.GetValue<decimal>());
        Assert.Equal(6m, totals["roas"]!.GetValue<decimal>());
        var campaign = await Hub.WithDbAsync(db => db.MetaCampaigns.SingleAsync(c => c.Id == "c1"));
        Assert.Equal(5000L, campaign.DailyBudget);
    }

    [Fact]
    public async Task A_restated_day_replaces_what_was_stored()
    {
        ArrangeAccount();
        _graph.Edges["act_1001/insights"] = [Row("c1", "Ramadan Offer", "2026-11-01", "100", "1000", "10", [("lead", "1")])];
        _graph.Edges["act_1001/insights?level=ad"] = [AdRow("a1", "s1", Row("c1", "Ramadan Offer", "2026-11-01", "100", "1000", "10", [("lead", "1")]))];
        await SyncAsync(new { from = "2026-11-01", to = "2026-11-01" });
        _graph.Edges["act_1001/insights"] = [Row("c1", "Ramadan Offer", "2026-11-01", "80", "900", "9", [("lead", "2")])];
        _graph.Edges["act_1001/insights?level=ad"] = [AdRow("a1", "s1", Row("c1", "Ramadan Offer", "2026-11-01", "80", "900", "9", [("lead", "2")]))];

        await SyncAsync(new { from = "2026-11-01", to = "2026-11-01" });

        var day = await Hub.WithDbAsync(db => db.MetaDailyInsights.SingleAsync());
        Assert.Equal((80m, 2L, "SAR"), (day.Spend, day.Leads, day.Currency));
        var adDay = await Hub.WithDbAsync(db => db.MetaAdDailyInsights.SingleAsync());
        Assert.Equal((80m, 2L, "SAR"), (adDay.Spend, adDay.Leads, adDay.Currency));
    }

    // c1's two days are 100.50 + 99.50 = 200 at campaign level. At ad level (three rows: two pages of two):
    // a1 60.25 + 99.50 = 159.75 with 3 leads ("lead", not 3 + 3 with lead_grouped) + 6 = 9; a2 40.25 with 1 lead
    // (lead_grouped, as there is no "lead"); their ad set s1 200 and 10 leads. No Odoo lead: ROAS 0, no cost per lead.
    [Fact]
    public async Task Ad_days_are_read_page_by_page_and_give_ad_sets_and_ads_their_spend()
    {
        ArrangeAccount();
        _graph.Edges["act_1001/insights"] =
        [
            Row("c1", "Ramadan Offer", "2026-11-01", "100.50", "10000", "200", [("lead", "4")]),
            Row("c1", "Ramadan Offer", "2026-11-02", "99.50", "5000", "100", [("lead", "6")]),
        ];
        _graph.Edges["act_1001/insights?level=ad"] =
        [
            AdRow("a1", "s1", Row("c1", "Ramadan Offer", "2026-11-01", "60.25", "6000", "120", [("lead", "3"), ("onsite_conversion.lead_grouped", "3")])),
            AdRow("a2", "s1", Row("c1", "Ramadan Offer", "2026-11-01", "40.25", "4000", "80", [("onsite_conversion.lead_grouped", "1"), ("link_click", "80")])),
            AdRow("a1", "s1", Row("c1", "Ramadan Offer", "2026-11-02", "99.50", "5000", "100", [("lead", "6")])),
        ];

        var job = await SyncAsync(new { from = "2026-11-01", to = "2026-11-02" });

        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        Assert.Contains("3 ad days", job["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var first = await Hub.WithDbAsync(db => db.MetaAdDailyInsights.SingleAsync(i => i.AdId == "a1" && i.Date == new DateOnly(2026, 11, 1)));
        Assert.Equal(("Ad a1", "s1", "Ad set s1", "c1", "Ramadan Offer", "act_1001", "SAR"),
            (first.AdName, first.AdsetId, first.AdsetName, first.CampaignId, first.CampaignName, first.AdAccountId, first.Currency));
        Assert.Equal((60.25m, 6000L, 120L, 3L), (first.Spend, first.Impressions, first.Clicks, first.Leads));
        // One page at campaign level, two at ad level, one (empty) by placement.
        Assert.Equal(4, _graph.Requests.Count(r => r == $"GET {GraphApiDouble.Version}/act_1001/insights"));
        var client = Hub.CreateApiClient();
        var adset = JsonNode.Parse(await client.GetStringAsync("/api/analytics/attribution?from=2026-11-01&to=2026-11-02&level=adset"))!["rows"]!.AsArray().Single()!;
        Assert.Equal(("s1", "Ad set s1", 200m, 10L, 0m), (adset["adset_id"]!.GetValue<string>(), adset["adset_name"]!.GetValue<string>(),
            adset["spend"]!.GetValue<decimal>(), adset["meta_leads"]!.GetValue<long>(), adset["roas"]!.GetValue<decimal>()));
        Assert.Null(adset["cost_per_lead"]);
        var ads = JsonNode.Parse(await client.GetStringAsync("/api/analytics/attribution?from=2026-11-01&to=2026-11-02&level=ad"))!["rows"]!.AsArray();
        Assert.Equal([("a1", 159.75m, 9L), ("a2", 40.25m, 1L)],
            ads.Select(a => (a!["ad_id"]!.GetValue<string>(), a["spend"]!.GetValue<decimal>(), a["meta_leads"]!.GetValue<long>())).OrderBy(a => a.Item1));
    }

    [Fact]
    public async Task A_long_range_is_read_through_an_async_report_run()
    {
        ArrangeAccount();
        var runs = new Dictionary<string, string> { ["campaign"] = "6023920149050", ["ad"] = "6023920149051", ["campaign by placement"] = "6023920149052" };
        _graph.Posts["act_1001/insights"] = form =>
        {
            Assert.Equal("1", form["time_increment"]);
            Assert.Contains("spend", form["fields"], StringComparison.Ordinal);
            return new JsonObject { ["report_run_id"] = runs[form.ContainsKey("breakdowns") ? form["level"] + " by placement" : form["level"]] };
        };
        var polls = 0;
        foreach (var run in runs.Values)
        {
            _graph.Computed[run] = () => ++polls % 3 != 0
                ? new JsonObject { ["id"] = run, ["async_status"] = "Job Running", ["async_percent_completion"] = polls % 3 * 40 }
                : new JsonObject { ["id"] = run, ["async_status"] = "Job Completed", ["async_percent_completion"] = 100 };
        }

        _graph.Edges["6023920149050/insights"] =
        [
            Row("c1", "Ramadan Offer", "2026-08-01", "10", "100", "1", []),
            Row("c1", "Ramadan Offer", "2026-09-01", "20", "100", "1", []),
            Row("c1", "Ramadan Offer", "2026-10-01", "30", "100", "1", [("lead", "3")]),
        ];
        _graph.Edges["6023920149051/insights"] =
        [
            AdRow("a1", "s1", Row("c1", "Ramadan Offer", "2026-08-01", "10", "100", "1", [])),
            AdRow("a1", "s1", Row("c1", "Ramadan Offer", "2026-09-01", "20", "100", "1", [])),
            AdRow("a2", "s1", Row("c1", "Ramadan Offer", "2026-10-01", "25", "100", "1", [("lead", "3")])),
        ];
        _graph.Edges["6023920149052/insights"] =
        [
            MetaPlacementSyncTests.PlacementRow("c1", "Ramadan Offer", "2026-08-01", "facebook", "feed", "10", "100", "1", []),
            MetaPlacementSyncTests.PlacementRow("c1", "Ramadan Offer", "2026-10-01", "instagram", "instagram_reels", "18", "60", "1", [("lead", "2")]),
            MetaPlacementSyncTests.PlacementRow("c1", "Ramadan Offer", "2026-10-01", "facebook", "feed", "12", "40", "0", [("lead", "1")]),
        ];

        var job = await SyncAsync(new { from = "2026-08-01", to = "2026-10-31" });

        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        Assert.Equal(9, polls); // three runs (campaign, ad, campaign by placement), each polled until its third answer
        Assert.Equal(60m, await Hub.WithDbAsync(db => db.MetaDailyInsights.SumAsync(i => i.Spend)));
        Assert.Equal(55m, await Hub.WithDbAsync(db => db.MetaAdDailyInsights.SumAsync(i => i.Spend)));
        Assert.Equal((40m, 3L), await Hub.WithDbAsync(async db => (await db.MetaPlacementDailyInsights.SumAsync(i => i.Spend), await db.MetaPlacementDailyInsights.SumAsync(i => i.Leads))));
        Assert.DoesNotContain($"GET {GraphApiDouble.Version}/act_1001/insights", _graph.Requests);
    }

    [Fact]
    public async Task Dates_that_are_not_dates_are_field_errors()
    {
        var response = await Hub.CreateApiClient().GetAsync("/api/meta/campaigns?from=yesterday&to=2026-11-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["from"]);
    }

    private void ArrangeAccount()
    {
        // https://developers.facebook.com/docs/marketing-api/reference/ad-account: currency is the ISO code of all the account's money.
        _graph.Objects["act_1001"] = new JsonObject { ["currency"] = "SAR", ["name"] = "Main account", ["id"] = "act_1001" };
        _graph.Edges["act_1001/campaigns"] =
        [
            new JsonObject
            {
                ["id"] = "c1", ["name"] = "Ramadan Offer", ["status"] = "ACTIVE", ["effective_status"] = "ACTIVE",
                ["objective"] = "OUTCOME_LEADS", ["daily_budget"] = "5000",
            },
            new JsonObject { ["id"] = "c2", ["name"] = "Summer Sale", ["status"] = "PAUSED", ["effective_status"] = "PAUSED", ["objective"] = "OUTCOME_TRAFFIC", ["lifetime_budget"] = "100000" },
            new JsonObject { ["id"] = "c3", ["name"] = "Old", ["status"] = "ARCHIVED", ["effective_status"] = "ARCHIVED", ["objective"] = "OUTCOME_LEADS" },
        ];
    }

    /// <summary>Two won leads of c1: one linked by Meta id with a confirmed order, one matched by campaign name with a locked order; a draft order is not revenue.</summary>
    private Task<int> ArrangeOdooReplicaAsync() => Hub.WithDbAsync(async db =>
    {
        var day = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
        db.Leads.AddRange(
            new Lead { OdooId = 1, Name = "A", IsWon = true, CreateDate = day, Campaign = "something else" },
            new Lead { OdooId = 2, Name = "B", IsWon = true, CreateDate = day, Campaign = "Ramadan Offer" },
            new Lead { OdooId = 3, Name = "C", CreateDate = day, Campaign = "Ramadan Offer" });
        db.MetaLeadLinks.Add(new MetaLeadLink { LeadgenId = "9001", OdooLeadId = 1, CampaignId = "c1", CampaignName = "Ramadan Offer" });
        db.SaleOrders.AddRange(
            new SaleOrder { OdooId = 10, Name = "S1", State = "sale", AmountUntaxed = 1000, OpportunityId = 1 },
            new SaleOrder { OdooId = 11, Name = "S2", State = "locked", AmountUntaxed = 500, OpportunityId = 2 },
            new SaleOrder { OdooId = 12, Name = "S3", State = "draft", AmountUntaxed = 9999, OpportunityId = 3 });
        return await db.SaveChangesAsync();
    });

    /// <summary>An insights row as Meta sends it: every number a string, actions as {action_type, value} arrays.</summary>
    internal static JsonObject Row(string campaignId, string name, string date, string spend, string impressions, string clicks, (string Type, string Value)[] actions) => new()
    {
        ["campaign_id"] = campaignId, ["campaign_name"] = name, ["spend"] = spend, ["impressions"] = impressions, ["clicks"] = clicks,
        ["reach"] = impressions, ["date_start"] = date, ["date_stop"] = date,
        ["actions"] = new JsonArray(actions.Select(a => (JsonNode)new JsonObject { ["action_type"] = a.Type, ["value"] = a.Value }).ToArray()),
    };

    /// <summary>An insights row at <c>level=ad</c>: the campaign row's fields plus the ad and ad set ids and names asked for.</summary>
    internal static JsonObject AdRow(string adId, string adsetId, JsonObject row)
    {
        row["ad_id"] = adId;
        row["ad_name"] = "Ad " + adId;
        row["adset_id"] = adsetId;
        row["adset_name"] = "Ad set " + adsetId;
        return row;
    }

    private async Task<JsonNode> SyncAsync(object body)
    {
        var client = Hub.CreateApiClient();
        var response = await client.PostAsJsonAsync("/api/meta/sync-campaigns", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["job"]!["id"]!.GetValue<string>();
        return await Eventually.ReturnsAsync(async () => JsonNode.Parse(await client.GetStringAsync($"/api/jobs/{id}"))!["job"]!,
            j => j["status"]!.GetValue<string>() is "succeeded" or "failed");
    }
}

public sealed class MetaCampaignTestsOnSqlite() : MetaCampaignTests(HubProvider.Sqlite);

public sealed class MetaCampaignTestsOnPostgres() : MetaCampaignTests(HubProvider.Postgres);
