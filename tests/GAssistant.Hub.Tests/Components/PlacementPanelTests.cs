using System.Globalization;
using Bunit;
using GAssistant.Hub.Components.Pages.Campaigns;
using GAssistant.Hub.Components.Shared;
using GAssistant.Hub.Data;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace GAssistant.Hub.Tests.Components;

/// <summary>
/// The campaigns page's placement table on a real hub database: Meta's platform and position names in the reader's
/// language, one Meta added later shown as Meta spells it (as text), money and shares as the page writes them, the empty
/// state, and a reload when the page bumps its version.
/// </summary>
public abstract class PlacementPanelTests(HubProvider provider) : HubTest(provider)
{
    private static readonly DayRange November = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

    private BunitContext Context()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.Services.AddSingleton(new HubReads(Hub.Services.GetRequiredService<IServiceScopeFactory>()));
        return context;
    }

    // Feed 150.00 of 200.00 (75 %) for 6 leads, 25.00 each; the new position 50.00 (25 %) without a lead.
    private Task<int> ArrangeAsync() => Hub.WithDbAsync(db =>
    {
        db.MetaPlacementDailyInsights.AddRange(
            Day("facebook", "feed", 150m, 6),
            Day("instagram", "<b>instagram_new_surface</b>", 50m, 0));
        return db.SaveChangesAsync();
    });

    [Fact]
    public async Task Placements_show_by_name_with_spend_share_and_cost_per_lead_and_an_unknown_one_as_Meta_sends_it()
    {
        await ArrangeAsync();
        await using var context = Context();
        WithCulture("en");

        var panel = context.Render<PlacementPanel>(p => p.Add(x => x.Range, November));

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=placement-row]").Count));
        var rows = panel.FindAll("[data-testid=placement-row]");
        Assert.Equal(("Facebook", "Feed", "150.00 SAR", "75.0%", "6", "25.00 SAR"),
            (Text(rows[0], "placement-platform"), Text(rows[0], "placement-position"), Text(rows[0], "placement-spend"), Text(rows[0], "placement-share"),
                Text(rows[0], "placement-leads"), Text(rows[0], "placement-cpl")));
        Assert.Equal(("Instagram", "<b>instagram_new_surface</b>", "25.0%", "—"),
            (Text(rows[1], "placement-platform"), Text(rows[1], "placement-position"), Text(rows[1], "placement-share"), Text(rows[1], "placement-cpl")));
        Assert.Empty(panel.FindAll("[data-testid=placement-position] b"));
        Assert.Equal("200.00 SAR", Text(panel.Find("[data-testid=placement-total]"), "placement-spend"));
        Assert.Equal("33.33 SAR", Text(panel.Find("[data-testid=placement-total]"), "placement-cpl"));
    }

    [Fact]
    public async Task Arabic_readers_get_Meta_placements_in_Arabic()
    {
        await ArrangeAsync();
        await using var context = Context();
        WithCulture("ar");

        var panel = context.Render<PlacementPanel>(p => p.Add(x => x.Range, November));

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=placement-row]").Count));
        Assert.Equal("الإنفاق حسب موضع الإعلان", panel.Find("h6").TextContent);
        var first = panel.FindAll("[data-testid=placement-row]")[0];
        Assert.Equal(("فيسبوك", "الموجز"), (Text(first, "placement-platform"), Text(first, "placement-position")));
        Assert.Contains("نسبة الإنفاق", panel.Find("[data-testid=placement-table] thead").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_without_placements_says_so_until_a_sync_brings_some()
    {
        await using var context = Context();
        WithCulture("en");

        var panel = context.Render<PlacementPanel>(p => p.Add(x => x.Range, November).Add(x => x.Version, 0));

        panel.WaitForAssertion(() => Assert.Equal("No placement data for this period.", panel.Find("[data-testid=placements-none]").TextContent));
        await ArrangeAsync();
        panel.Render(p => p.Add(x => x.Range, November).Add(x => x.Version, 1));
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=placement-row]").Count));
    }

    private static void WithCulture(string name) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = GAssistant.Hub.Localization.HubCultures.For(name);

    private static string Text(AngleSharp.Dom.IElement row, string testId) => row.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static MetaPlacementDailyInsight Day(string platform, string position, decimal spend, long leads) => new()
    {
        CampaignId = "c1", Date = new DateOnly(2026, 11, 5), PublisherPlatform = platform, PlatformPosition = position, AdAccountId = "act_1001",
        CampaignName = "عرض رمضان", Spend = spend, Impressions = 1000, Clicks = 10, Leads = leads, Currency = "SAR", SyncedAt = DateTime.UtcNow,
    };
}

public sealed class PlacementPanelTestsOnSqlite() : PlacementPanelTests(HubProvider.Sqlite);
