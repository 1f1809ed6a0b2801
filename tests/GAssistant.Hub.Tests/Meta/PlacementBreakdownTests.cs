using GAssistant.Hub.Data;
using GAssistant.Hub.Meta;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// Spend, leads, cost per lead and share of spend by placement, summed in the database on both providers from the days the
/// sync stored (https://developers.facebook.com/docs/marketing-api/insights/breakdowns, "Insights API Breakdowns").
/// </summary>
public abstract class PlacementBreakdownTests(HubProvider provider) : HubTest(provider)
{
    private static readonly DateOnly First = new(2026, 11, 1);

    // Facebook feed: 60.25 + 39.75 = 100.00 over two days and two campaigns' worth of rows, 3 + 2 = 5 leads, CPL 20.00, half
    // of 200.00. Instagram stories: 30.50 (c1) + 19.50 (c2) = 50.00, 2 leads, CPL 25.00, a quarter. Audience Network: 50.00,
    // no lead, no CPL, a quarter. The 3rd is outside the range. Totals: 200.00 for 7 leads, CPL 28.57.
    private Task<int> ArrangeAsync() => Hub.WithDbAsync(db =>
    {
        db.MetaPlacementDailyInsights.AddRange(
            Day("c1", 0, "facebook", "feed", 60.25m, 6000, 120, 3),
            Day("c1", 1, "facebook", "feed", 39.75m, 4000, 80, 2),
            Day("c1", 0, "instagram", "instagram_stories", 30.50m, 3000, 45, 2),
            Day("c2", 1, "instagram", "instagram_stories", 19.50m, 1500, 15, 0),
            Day("c2", 0, "audience_network", "an_classic", 50m, 9000, 60, 0),
            Day("c1", 2, "facebook", "feed", 999m, 1, 1, 1));
        return db.SaveChangesAsync();
    });

    [Fact]
    public async Task Each_placement_gets_its_spend_share_and_cost_per_lead_most_spent_first()
    {
        await ArrangeAsync();

        var figures = await Hub.WithDbAsync(db => PlacementBreakdown.BuildAsync(db, First, First.AddDays(1), null, CancellationToken.None));

        (string, string, decimal, long, long, long, decimal?, decimal?)[] expected =
        [
            ("facebook", "feed", 100m, 10000, 200, 5, 20m, 50m),
            ("audience_network", "an_classic", 50m, 9000, 60, 0, null, 25m),
            ("instagram", "instagram_stories", 50m, 4500, 60, 2, 25m, 25m),
        ];
        Assert.Equal(expected, figures.Rows.Select(r => (r.PublisherPlatform, r.PlatformPosition, r.Spend, r.Impressions, r.Clicks, r.Leads, r.Cpl, r.SpendShare)));
        Assert.Equal((200m, 7L, (decimal?)28.57m, "SAR"), (figures.Spend, figures.Leads, figures.Cpl, figures.Currency));
    }

    // c1 alone: the feed's 100.00 of 130.50 is 76.63 %, the stories' 30.50 is 23.37 % at 15.25 a lead.
    [Fact]
    public async Task One_campaign_shares_its_own_spend()
    {
        await ArrangeAsync();

        var figures = await Hub.WithDbAsync(db => PlacementBreakdown.BuildAsync(db, First, First.AddDays(1), "c1", CancellationToken.None));

        (string, decimal, decimal?, decimal?)[] expected = [("feed", 100m, 20m, 76.63m), ("instagram_stories", 30.50m, 15.25m, 23.37m)];
        Assert.Equal(expected, figures.Rows.Select(r => (r.PlatformPosition, r.Spend, r.Cpl, r.SpendShare)));
        Assert.Equal((130.50m, 7L), (figures.Spend, figures.Leads));
    }

    [Fact]
    public async Task A_range_without_placement_days_has_no_rows()
    {
        await ArrangeAsync();

        var figures = await Hub.WithDbAsync(db => PlacementBreakdown.BuildAsync(db, First.AddDays(10), First.AddDays(20), null, CancellationToken.None));

        Assert.Empty(figures.Rows);
        Assert.Equal((0m, 0L, (decimal?)null, (string?)null), (figures.Spend, figures.Leads, figures.Cpl, figures.Currency));
    }

    private static MetaPlacementDailyInsight Day(string campaign, int day, string platform, string position, decimal spend, long impressions, long clicks, long leads) => new()
    {
        CampaignId = campaign, Date = First.AddDays(day), PublisherPlatform = platform, PlatformPosition = position, AdAccountId = "act_1001",
        CampaignName = campaign == "c1" ? "عرض رمضان" : "Summer Sale", Spend = spend, Impressions = impressions, Clicks = clicks, Leads = leads,
        Currency = "SAR", SyncedAt = new DateTime(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc),
    };
}

public sealed class PlacementBreakdownTestsOnSqlite() : PlacementBreakdownTests(HubProvider.Sqlite);

public sealed class PlacementBreakdownTestsOnPostgres() : PlacementBreakdownTests(HubProvider.Postgres);
