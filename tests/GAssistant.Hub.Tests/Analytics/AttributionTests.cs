using System.Text.Json.Nodes;
using GAssistant.Hub.Analytics;
using GAssistant.Hub.Components.Pages.Campaigns;
using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Meta;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.Tests.Analytics;

/// <summary>
/// <c>GET /api/analytics/attribution</c> and <c>GET /api/meta/campaigns</c> on a seeded data set whose every number is
/// worked out by hand below. Rates come from the Odoo double as <c>res.currency.rate</c> rows
/// (https://www.odoo.com/documentation/17.0/developer/reference/external_api.html; <c>rate</c> = units of the currency
/// per unit of the company currency, SAR here, which has no rate row, as in Odoo).
/// </summary>
public abstract class AttributionTests(HubProvider provider) : HubTest(provider)
{
    private readonly FakeOdoo _odoo = FakeOdoo.Empty();

    protected override IDictionary<string, string?> Settings => FakeOdoo.Settings;

    protected override void Configure(HubFactory hub) => hub.Outbound.Register(FakeOdoo.Host, _odoo.HandleAsync);

    // The data set (November 2026):
    //  c1 "Ramadan Offer", account act_1 in SAR: spend 600 + 400 = 1000 in range (the 999 of 31 October is not), Meta leads 5 + 3 = 8.
    //  c2 "Summer Sale", account act_2 in USD: spend 250, Meta leads 4.
    //  L1 → c1/as1/ad1 by Meta lead; won (closed 10 days after creation); orders 1000 SAR (sale) + 500 SAR (locked): a lead with two orders.
    //  L2 → c1/as1/ad2 by Meta lead; an opportunity whose only order, 700 SAR, is cancelled: not won, no revenue.
    //  L3 → c1 by its UTM campaign " ramadan OFFER" (reached Odoo without the hub); order 2000 USD "done" (Odoo ≤16) on 15 November,
    //       12 days after creation: won by its order; 2000 USD ÷ 0.2 (the rate of 14 Nov, not 1 Nov's 0.25 nor 20 Nov's 0.1) = 10000 SAR.
    //  L4 → c2/as2/ad3 by Meta lead; won 4 days after creation; orders 300 USD + 400 SAR on 9 November = 400 × 0.25 = 100 USD.
    //  L5 has no campaign, L6 an Odoo campaign Meta does not know: unattributed. L7 (October) and L8 (deleted) are not in the range.
    //  c1: 3 leads, 3 opportunities, 2 won, 3 orders, revenue 1000 + 500 + 10000 = 11500 SAR, ROAS 11500 ÷ 1000 = 11.5,
    //      CPL 1000 ÷ 3 = 333.33, cost per won 500, lead→won 66.67 %, median days to win (10, 12) = 11.
    //  c2: 1 lead, 1 won, 2 orders, revenue 400 USD, ROAS 1.6, CPL 250, cost per won 250, 100 %, 4 days.
    //  Totals: 4 leads, 4 opportunities, 3 won, 2 unattributed, median of (4, 10, 12) = 10; money not totalled (SAR and USD).
    [Fact]
    public async Task Campaigns_are_credited_with_what_Odoo_sold_converted_at_the_order_date_rate()
    {
        await ArrangeAsync();

        var report = await GetAsync("/api/analytics/attribution?from=2026-11-01&to=2026-11-30&level=campaign");

        Assert.True(report["success"]!.GetValue<bool>());
        var rows = report["rows"]!.AsArray();
        Assert.Equal(2, rows.Count);
        var c1 = Row(rows, "c1");
        Assert.Equal(("Ramadan Offer", "SAR"), (Text(c1, "campaign_name"), Text(c1, "currency")));
        Assert.Equal([1000m, 8m, 3m, 3m, 2m, 3m, 11500m, 11.5m, 333.33m, 500m, 66.67m],
            Numbers(c1, "spend", "meta_leads", "leads", "opportunities", "won", "confirmed_orders", "revenue", "roas", "cost_per_lead", "cost_per_won", "lead_to_won_rate"));
        Assert.Equal(11.0, c1["median_days_to_win"]!.GetValue<double>());
        Assert.True(c1["converted"]!.GetValue<bool>());
        Assert.Contains("USD", c1["notes"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var c2 = Row(rows, "c2");
        Assert.Equal("USD", Text(c2, "currency"));
        Assert.Equal([250m, 4m, 1m, 1m, 1m, 2m, 400m, 1.6m, 250m, 250m, 100m],
            Numbers(c2, "spend", "meta_leads", "leads", "opportunities", "won", "confirmed_orders", "revenue", "roas", "cost_per_lead", "cost_per_won", "lead_to_won_rate"));
        Assert.Equal(4.0, c2["median_days_to_win"]!.GetValue<double>());

        var totals = report["totals"]!;
        Assert.Equal([4m, 4m, 3m, 2m], Numbers(totals, "leads", "opportunities", "won", "unattributed_leads"));
        Assert.Equal(10.0, totals["median_days_to_win"]!.GetValue<double>());
        Assert.Null(totals["spend"]);
        Assert.Null(totals["revenue"]);
        Assert.Contains(report["notes"]!.AsArray(), n => n!.GetValue<string>().Contains("SAR, USD", StringComparison.Ordinal)
            || n.GetValue<string>().Contains("USD, SAR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ad_sets_and_ads_split_the_campaign_and_leads_known_only_by_campaign_name_stay_at_campaign_level()
    {
        await ArrangeAsync();

        var adsets = (await GetAsync("/api/analytics/attribution?from=2026-11-01&to=2026-11-30&level=adset"))["rows"]!.AsArray();
        var ads = (await GetAsync("/api/analytics/attribution?from=2026-11-01&to=2026-11-30&level=ad"))["rows"]!.AsArray();

        Assert.Equal(3, adsets.Count);
        var riyadh = adsets.Single(r => Text(r!, "adset_id") == "as1")!;
        Assert.Equal(("Riyadh", "c1"), (Text(riyadh, "adset_name"), Text(riyadh, "campaign_id")));
        Assert.Equal([2m, 1m, 1500m, 50m], Numbers(riyadh, "leads", "won", "revenue", "lead_to_won_rate"));
        Assert.Null(riyadh["spend"]);
        Assert.Null(riyadh["roas"]);
        var byName = adsets.Single(r => Text(r!, "campaign_id") == "c1" && r!["adset_id"] is null)!;
        Assert.Equal([1m, 1m, 10000m], Numbers(byName, "leads", "won", "revenue"));

        Assert.Equal(4, ads.Count);
        var video = ads.Single(r => Text(r!, "ad_id") == "ad1")!;
        Assert.Equal(("Video", "as1"), (Text(video, "ad_name"), Text(video, "adset_id")));
        Assert.Equal([1m, 1m, 2m, 1500m], Numbers(video, "leads", "won", "confirmed_orders", "revenue"));
        var carousel = ads.Single(r => Text(r!, "ad_id") == "ad2")!;
        Assert.Equal([1m, 1m, 0m, 0m, 0m], Numbers(carousel, "leads", "opportunities", "won", "confirmed_orders", "revenue"));
        Assert.Equal(10.0, video["median_days_to_win"]!.GetValue<double>());
    }

    // Ad-level days added to the data set (what /act_{id}/insights?level=ad&time_increment=1 gives, summed per ad):
    //  ad1 (c1/as1 Riyadh): 300 (3 leads) on 1 Nov as "Video", 200 (1) on 2 Nov renamed "Video (Ramadan)"; its 31 October is out.
    //  ad2 (c1/as1): 250 (2). ad4 (c1/as3 Dammam, "Banner"): 150 (0), no Odoo lead. ad3 (c2/as2 Jeddah): 250 (4).
    //  c1's ads add up to 900 of its campaign-level 1000: the other 100 was a deleted ad, which level=ad leaves out.
    //  as1: spend 750, Meta leads 6; L1 + L2 → 2 leads, 1 won, 1500 SAR: ROAS 2, CPL 375, cost per won 750.
    //  as3: spend 150, no lead: ROAS 0, no CPL. as2: as c2 (250, 4, 1 lead won, 400 USD: 1.6, 250, 250).
    //  L3 (UTM campaign only) stays on a c1 row with no ad set and no spend.
    //  ad1: 500, 4 Meta leads, L1 → ROAS 3, CPL 500, cost per won 500. ad2: 250, 2, L2 (not won) → ROAS 0, CPL 250, no cost per won.
    //  1–4 November (c1 only, SAR): the ad set rows add up to 900, the totals keep campaign spend 1000 → ROAS 11500 ÷ 1000 = 11.5.
    [Fact]
    public async Task Ad_sets_and_ads_get_spend_roas_and_costs_from_ad_level_insights()
    {
        await ArrangeAsync();
        await AddAdDaysAsync();

        var adsets = (await GetAsync("/api/analytics/attribution?from=2026-11-01&to=2026-11-30&level=adset"))["rows"]!.AsArray();
        var ads = (await GetAsync("/api/analytics/attribution?from=2026-11-01&to=2026-11-30&level=ad"))["rows"]!.AsArray();
        var early = await GetAsync("/api/analytics/attribution?from=2026-11-01&to=2026-11-04&level=adset");

        Assert.Equal(4, adsets.Count);
        string[] money = ["spend", "meta_leads", "leads", "won", "revenue", "roas", "cost_per_lead", "cost_per_won"];
        Assert.Equal([750m, 6m, 2m, 1m, 1500m, 2m, 375m, 750m], Numbers(Adset(adsets, "as1"), money));
        Assert.Equal("Riyadh", Text(Adset(adsets, "as1"), "adset_name"));
        Assert.Equal([150m, 0m, 0m, 0m, 0m, 0m], Numbers(Adset(adsets, "as3"), "spend", "meta_leads", "leads", "won", "revenue", "roas"));
        Assert.Null(Adset(adsets, "as3")["cost_per_lead"]);
        Assert.Equal([250m, 4m, 1m, 1m, 400m, 1.6m, 250m, 250m], Numbers(Adset(adsets, "as2"), money));
        var byName = adsets.Single(r => r!["adset_id"] is null)!;
        Assert.Equal([1m, 10000m], Numbers(byName, "leads", "revenue"));
        Assert.Null(byName["spend"]);
        Assert.Null(byName["roas"]);

        Assert.Equal(5, ads.Count);
        var video = ads.Single(r => Text(r!, "ad_id") == "ad1")!;
        Assert.Equal("Video (Ramadan)", Text(video, "ad_name"));
        Assert.Equal([500m, 4m, 1m, 1m, 1500m, 3m, 500m, 500m], Numbers(video, money));
        var carousel = ads.Single(r => Text(r!, "ad_id") == "ad2")!;
        Assert.Equal([250m, 2m, 1m, 0m, 0m, 0m, 250m], Numbers(carousel, "spend", "meta_leads", "leads", "won", "revenue", "roas", "cost_per_lead"));
        Assert.Null(carousel["cost_per_won"]);
        Assert.Equal(150m, Numbers(ads.Single(r => Text(r!, "ad_id") == "ad4")!, "spend")[0]);

        Assert.Equal(900m, early["rows"]!.AsArray().Sum(r => r!["spend"]?.GetValue<decimal>() ?? 0));
        Assert.Equal([1000m, 11500m, 11.5m], Numbers(early["totals"]!, "spend", "revenue", "roas"));
    }

    [Fact]
    public async Task The_campaigns_report_takes_won_revenue_and_roas_from_the_attribution()
    {
        await ArrangeAsync();

        var report = await GetAsync("/api/meta/campaigns?from=2026-11-01&to=2026-11-30");

        var c1 = report["campaigns"]!.AsArray().Single(c => Text(c!, "id") == "c1")!;
        Assert.Equal([1000m, 8m, 2m, 11500m, 11.5m], Numbers(c1, "spend", "leads", "won", "revenue", "roas"));
        var c2 = report["campaigns"]!.AsArray().Single(c => Text(c!, "id") == "c2")!;
        Assert.Equal([250m, 1m, 400m, 1.6m], Numbers(c2, "spend", "won", "revenue", "roas"));
    }

    [Fact]
    public async Task An_unknown_level_and_a_reversed_range_are_field_errors()
    {
        var client = Hub.CreateApiClient();

        var level = await client.GetAsync("/api/analytics/attribution?level=keyword");
        var range = await client.GetAsync("/api/analytics/attribution?from=2026-11-30&to=2026-11-01");

        Assert.Equal(HttpStatusCode.BadRequest, level.StatusCode);
        Assert.NotNull(JsonNode.Parse(await level.Content.ReadAsStringAsync())!["errors"]!["level"]);
        Assert.Equal(HttpStatusCode.BadRequest, range.StatusCode);
        Assert.NotNull(JsonNode.Parse(await range.Content.ReadAsStringAsync())!["errors"]!["from"]);
    }

    // The drill-down of /campaigns/c1 (issue 22 item 4) on the same data set and ad-level days as above:
    //  c1: spend 1000, 3 leads (3 opportunities, so 3 qualified), CPL = cost per qualified = 333.33, 2 won, 11500 SAR, ROAS 11.5.
    //  Its ad sets, by spend: as1 Riyadh 750 (L1, L2: CPL = per qualified 375, 1 won, 1500 SAR, ROAS 2), as3 Dammam 150 (no lead:
    //  no CPL, ROAS 0), and L3's row without an ad set (no spend). as1's ads: ad1 "Video (Ramadan)" 500 (L1 won: CPL 500, ROAS 3),
    //  ad2 "Carousel" 250 (L2: CPL 250, no win, ROAS 0). ad1's leads: L1 only (L7 is October's, L8 deleted).
    [Fact]
    public async Task The_drill_down_goes_from_a_campaign_to_its_ad_sets_its_ads_and_the_leads_of_one_ad_and_adds_up()
    {
        await ArrangeAsync();
        await AddAdDaysAsync();
        var (from, to) = (new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        Task<CampaignDrill> DrillAsync(string? adset, string? ad) => Hub.WithDbAsync(db =>
            CampaignDrill.LoadAsync(db, new AttributionService(db), "c1", adset, ad, from, to, CancellationToken.None));

        var campaign = await DrillAsync(null, null);
        Assert.Equal("Ramadan Offer", campaign.CampaignName);
        Assert.Equal(new DrillRow("c1", "Ramadan Offer", 1000m, 8, 3, 3, 2, 11500m, "SAR", 333.33m, 333.33m, 500m, 11.5m), campaign.Total);
        Assert.Equal([("as1", "Riyadh"), ("as3", "Dammam"), (null, "")], campaign.Rows.Select(r => (r.Id, r.Name)));
        Assert.Equal(new DrillRow("as1", "Riyadh", 750m, 6, 2, 2, 1, 1500m, "SAR", 375m, 375m, 750m, 2m), campaign.Rows[0]);
        Assert.Equal((150m, 0, (decimal?)null, 0m), (campaign.Rows[1].Spend!.Value, campaign.Rows[1].Leads, campaign.Rows[1].CostPerLead, campaign.Rows[1].Roas!.Value));
        Assert.Equal((1, 1, (decimal?)null), (campaign.Rows[2].Leads, campaign.Rows[2].Won, campaign.Rows[2].Spend));
        Assert.Empty(campaign.LeadIds);

        var adset = await DrillAsync("as1", null);
        Assert.Equal(("Riyadh", 750m), (adset.AdsetName, adset.Total!.Spend!.Value));
        Assert.Equal([("ad1", "Video (Ramadan)", 500m, 1, 500m, 1, 3m), ("ad2", "Carousel", 250m, 1, 250m, 0, 0m)],
            adset.Rows.Select(r => (r.Id!, r.Name, r.Spend!.Value, r.Leads, r.CostPerQualified!.Value, r.Won, r.Roas!.Value)));

        var ad = await DrillAsync("as1", "ad1");
        Assert.Equal(("Video (Ramadan)", 500m, 3m), (ad.AdName, ad.Total!.Spend!.Value, ad.Total.Roas!.Value));
        Assert.Equal([1L], ad.LeadIds);
        Assert.Empty(ad.Rows);

        var unknown = await Hub.WithDbAsync(db => CampaignDrill.LoadAsync(db, new AttributionService(db), "c404", null, null, from, to, CancellationToken.None));
        Assert.False(unknown.Known);

        // The drill-down reads only the campaign's leads and delivery; its rows are the full report's rows of the campaign.
        var full = await Hub.WithDbAsync(db => new AttributionService(db).BuildAsync(from, to, [AttributionLevel.Campaign, AttributionLevel.Adset, AttributionLevel.Ad],
            CancellationToken.None));
        Assert.Equal(full[AttributionLevel.Campaign].Rows.Single(r => r.CampaignId == "c1") is var c ? DrillRow.From("c1", "Ramadan Offer", c) : null, campaign.Total);
        Assert.Equal(full[AttributionLevel.Adset].Rows.Where(r => r.CampaignId == "c1").Select(r => DrillRow.From(r.AdsetId, r.AdsetName, r)).ToHashSet(),
            campaign.Rows.ToHashSet());
        Assert.Equal(full[AttributionLevel.Ad].Rows.Where(r => r.CampaignId == "c1" && r.AdsetId == "as1").Select(r => DrillRow.From(r.AdId, r.AdName, r)).ToHashSet(),
            adset.Rows.ToHashSet());
    }

    [Fact]
    public async Task A_lead_linked_to_one_campaign_whose_utm_campaign_names_another_counts_for_its_link_in_the_drill_down()
    {
        await ArrangeAsync();
        await Hub.WithDbAsync(db =>
        {
            // L9 carries c1's name as UTM campaign, but its Meta lead came from c2's ad: it is c2's, in the drill-down as in the report.
            db.Leads.Add(Lead(9, At(11, 12), type: "opportunity", won: true, closed: At(11, 13), campaign: "Ramadan Offer"));
            db.MetaLeadLinks.Add(Link("9009", 9, "c2", "as2", "Jeddah", "ad3", "Story"));
            return db.SaveChangesAsync();
        });
        var (from, to) = (new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

        var c1 = await Hub.WithDbAsync(db => CampaignDrill.LoadAsync(db, new AttributionService(db), "c1", null, null, from, to, CancellationToken.None));
        var c2 = await Hub.WithDbAsync(db => CampaignDrill.LoadAsync(db, new AttributionService(db), "c2", null, null, from, to, CancellationToken.None));

        Assert.Equal((3, 2), (c1.Total!.Leads, c1.Total.Won));
        Assert.Equal((2, 2), (c2.Total!.Leads, c2.Total.Won));
        Assert.Equal(2, c2.Rows.Single(r => r.Id == "as2").Leads);
    }

    /// <summary>The ad-level days described above the test that reads them first.</summary>
    private Task<int> AddAdDaysAsync() => Hub.WithDbAsync(db =>
    {
        db.MetaAdDailyInsights.AddRange(
            AdDay("ad1", "Video", "as1", "Riyadh", "c1", 10, 31, 999m, 9), AdDay("ad1", "Video", "as1", "Riyadh", "c1", 11, 1, 300m, 3),
            AdDay("ad1", "Video (Ramadan)", "as1", "Riyadh", "c1", 11, 2, 200m, 1), AdDay("ad2", "Carousel", "as1", "Riyadh", "c1", 11, 1, 250m, 2),
            AdDay("ad4", "Banner", "as3", "Dammam", "c1", 11, 2, 150m, 0), AdDay("ad3", "Story", "as2", "Jeddah", "c2", 11, 5, 250m, 4, "act_2", "USD"));
        return db.SaveChangesAsync();
    });

    private async Task ArrangeAsync()
    {
        _odoo.Models["res.currency.rate"] =
        [
            Rate(11, "2026-11-01", 0.25m), Rate(12, "2026-11-14", 0.2m), Rate(13, "2026-11-20", 0.1m),
        ];
        using (var scope = Hub.Services.CreateScope())
        {
            Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<CurrencyRateSync>().RunAsync(CancellationToken.None));
        }

        await Hub.WithDbAsync(async db =>
        {
            var now = new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);
            db.MetaAdAccounts.AddRange(new MetaAdAccount { Id = "act_1", Currency = "SAR" }, new MetaAdAccount { Id = "act_2", Currency = "USD" });
            db.MetaCampaigns.AddRange(
                new MetaCampaign { Id = "c1", AdAccountId = "act_1", Name = "Ramadan Offer", Currency = "SAR", EffectiveStatus = "ACTIVE" },
                new MetaCampaign { Id = "c2", AdAccountId = "act_2", Name = "Summer Sale", Currency = "USD", EffectiveStatus = "ACTIVE" });
            db.MetaDailyInsights.AddRange(
                Day("c1", "act_1", 2026, 10, 31, 999m, 9, "SAR"), Day("c1", "act_1", 2026, 11, 1, 600m, 5, "SAR"),
                Day("c1", "act_1", 2026, 11, 2, 400m, 3, "SAR"), Day("c2", "act_2", 2026, 11, 5, 250m, 4, "USD"));
            db.Leads.AddRange(
                Lead(1, At(11, 1), type: "opportunity", won: true, closed: At(11, 11)),
                Lead(2, At(11, 2), type: "opportunity"),
                Lead(3, At(11, 3), type: "opportunity", campaign: " ramadan OFFER"),
                Lead(4, At(11, 5), type: "opportunity", won: true, closed: At(11, 9)),
                Lead(5, At(11, 6)),
                Lead(6, At(11, 7), campaign: "Winter"),
                Lead(7, new DateTime(2026, 10, 25, 9, 0, 0, DateTimeKind.Utc), won: true),
                Lead(8, At(11, 8), deleted: true));
            db.MetaLeadLinks.AddRange(
                Link("9001", 1, "c1", "as1", "Riyadh", "ad1", "Video"), Link("9002", 2, "c1", "as1", "Riyadh", "ad2", "Carousel"),
                Link("9004", 4, "c2", "as2", "Jeddah", "ad3", "Story"), Link("9007", 7, "c1", "as1", "Riyadh", "ad1", "Video"),
                Link("9008", 8, "c1", "as1", "Riyadh", "ad1", "Video"));
            db.SaleOrders.AddRange(
                Order(101, 1, "sale", 1000m, "SAR", At(11, 10)), Order(102, 1, "locked", 500m, "SAR", At(11, 20)),
                Order(103, 2, "cancel", 700m, "SAR", At(11, 4)), Order(104, 3, "done", 2000m, "USD", At(11, 15)),
                Order(105, 4, "sale", 300m, "USD", At(11, 8)), Order(106, 4, "sale", 400m, "SAR", At(11, 9)),
                Order(107, 7, "sale", 5000m, "SAR", At(11, 2)), Order(108, 8, "sale", 5000m, "SAR", At(11, 9)),
                Order(109, 5, "draft", 900m, "SAR", At(11, 9)));
            foreach (var entry in db.ChangeTracker.Entries<IReplicated>())
            {
                entry.Entity.SourceVersion = now;
            }

            return await db.SaveChangesAsync();
        });
    }

    private static JsonObject Rate(int id, string date, decimal rate) => new()
    {
        ["id"] = id, ["name"] = date, ["rate"] = rate, ["currency_id"] = new JsonArray(2, "USD"), ["company_id"] = new JsonArray(1, "My Company"),
        ["write_date"] = "2026-11-20 08:00:00",
    };

    private static DateTime At(int month, int day) => new(2026, month, day, 9, 0, 0, DateTimeKind.Utc);

    private static MetaDailyInsight Day(string campaign, string account, int year, int month, int day, decimal spend, long leads, string currency) => new()
    {
        CampaignId = campaign, AdAccountId = account, Date = new DateOnly(year, month, day), Spend = spend, Leads = leads, Currency = currency,
    };

    private static MetaAdDailyInsight AdDay(string ad, string adName, string adset, string adsetName, string campaign, int month, int day,
        decimal spend, long leads, string account = "act_1", string currency = "SAR") => new()
    {
        AdAccountId = account, AdId = ad, AdName = adName, AdsetId = adset, AdsetName = adsetName, CampaignId = campaign,
        Date = new DateOnly(2026, month, day), Spend = spend, Leads = leads, Currency = currency,
    };

    private static JsonNode Adset(JsonArray rows, string adsetId) => rows.Single(r => Text(r!, "adset_id") == adsetId)!;

    private static Lead Lead(long id, DateTime created, string type = "lead", bool won = false, DateTime? closed = null, string? campaign = null, bool deleted = false) => new()
    {
        OdooId = id, Name = $"L{id}", Type = type, IsWon = won, CreateDate = created, DateClosed = closed, Campaign = campaign, Deleted = deleted,
    };

    private static MetaLeadLink Link(string leadgenId, long odooId, string campaign, string adset, string adsetName, string ad, string adName) => new()
    {
        LeadgenId = leadgenId, OdooLeadId = odooId, CampaignId = campaign, CampaignName = "stale name", AdsetId = adset, AdsetName = adsetName,
        AdId = ad, AdName = adName,
    };

    private static SaleOrder Order(long id, long lead, string state, decimal untaxed, string currency, DateTime date) => new()
    {
        OdooId = id, Name = $"S{id}", OpportunityId = lead, State = state, AmountUntaxed = untaxed, AmountTotal = untaxed * 1.15m,
        Currency = currency, DateOrder = date,
    };

    private async Task<JsonNode> GetAsync(string url)
    {
        var response = await Hub.CreateApiClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static JsonNode Row(JsonArray rows, string campaignId) => rows.Single(r => Text(r!, "campaign_id") == campaignId)!;

    private static string? Text(JsonNode node, string property) => node[property]?.GetValue<string>();

    private static decimal[] Numbers(JsonNode node, params string[] properties) =>
        [.. properties.Select(p => node[p] is { } value ? value.GetValue<decimal>() : throw new Xunit.Sdk.XunitException($"{p} is null"))];
}

public sealed class AttributionTestsOnSqlite() : AttributionTests(HubProvider.Sqlite);

public sealed class AttributionTestsOnPostgres() : AttributionTests(HubProvider.Postgres);
