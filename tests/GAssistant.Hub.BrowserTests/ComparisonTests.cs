using System.Globalization;
using GAssistant.Hub.Components.Shared;
using GAssistant.Hub.Localization;

namespace GAssistant.Hub.BrowserTests;

/// <summary>Issue 22 item 1 in a real browser: each card against the period it is compared with, chosen in the address.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ComparisonTests(BrowserHub hub)
{
    private static string Range(DateTime from, DateTime to) => $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    private static string ThisPeriod => Range(Seed.Today.AddDays(-29), Seed.Today);

    private static string PreviousPeriod => Range(Seed.Today.AddDays(-59), Seed.Today.AddDays(-30));

    private async Task<JsonElement> ApiAsync(string url) => await hub.ApiClient().GetFromJsonAsync<JsonElement>(url);

    private static async Task<(string Change, string Tone, string Previous)> ChangeAsync(DashboardPage page, string card)
    {
        var change = page.Page.Locator($"[data-testid={card}] [data-testid=change]");
        return ((await change.GetAttributeAsync("data-change"))!, (await change.GetAttributeAsync("data-tone"))!,
            await page.Page.Locator($"[data-testid={card}] [data-testid=previous]").InnerTextAsync());
    }

    private static string Expected(decimal now, decimal before) =>
        Comparison.PercentChange(now, before) is { } c ? c.ToString(CultureInfo.InvariantCulture) : "";

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Crm_cards_compare_with_the_previous_30_days_as_the_api_counts_them(string language)
    {
        var crm = new CrmDashboard(await hub.SignedInPageAsync(language));
        await crm.OpenAsync();

        var now = await ApiAsync($"/api/crm/summary?{ThisPeriod}");
        var before = await ApiAsync($"/api/crm/summary?{PreviousPeriod}");
        var culture = HubCultures.For(language);
        foreach (var (card, field) in new[] { ("total-leads", "total_leads"), ("won", "won"), ("conversion-rate", "conversion_rate"), ("expected-revenue", "expected_revenue") })
        {
            var (change, tone, _) = await ChangeAsync(crm, card);
            Assert.Equal(Expected(now.GetProperty(field).GetDecimal(), before.GetProperty(field).GetDecimal()), change);
            Assert.Equal(Comparison.Tone(Comparison.PercentChange(now.GetProperty(field).GetDecimal(), before.GetProperty(field).GetDecimal()), true)
                .ToString().ToLowerInvariant(), tone);
        }

        // The seed's conversion fell (16 Facebook leads, 2 won, against 12 and 6 before): a worse figure, said in red.
        Assert.Equal("bad", (await ChangeAsync(crm, "conversion-rate")).Tone);
        var (_, _, previous) = await ChangeAsync(crm, "total-leads");
        var total = Fmt.Number(before.GetProperty("total_leads").GetInt32(), culture);
        Assert.Equal(language == "ar" ? $"مقابل {total}" : $"vs {total}", previous);
        await Artifacts.PanelAsync(crm.Page, "crm-cards", $"compare-crm-cards-{language}");
        await crm.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Choosing_last_year_goes_into_the_address_and_a_link_without_comparison_shows_none()
    {
        var crm = new CrmDashboard(await hub.SignedInPageAsync());
        await crm.OpenAsync();

        await crm.SelectAsync("filter-compare", "Same period last year");
        await crm.Page.WaitForURLAsync(url => url.Contains("compare=year", StringComparison.Ordinal));
        // The seed has no leads a year back: the cards say there is no earlier figure rather than an infinite rise.
        var lastYear = await ApiAsync($"/api/crm/summary?{Range(Seed.Today.AddDays(-29).AddYears(-1), Seed.Today.AddYears(-1))}");
        Assert.Equal(0, lastYear.GetProperty("total_leads").GetInt32());
        await crm.Page.WaitForSelectorAsync("[data-testid=total-leads] [data-testid=change][data-change='']");
        Assert.Equal("vs 0", (await ChangeAsync(crm, "total-leads")).Previous);
        Assert.Equal(2, await crm.Page.Locator("[data-testid=over-time] .mud-chart-legend-item").CountAsync());

        await crm.OpenAsync("/crm?compare=none");
        Assert.Equal(0, await crm.Page.Locator("[data-testid=change]").CountAsync());
        Assert.True(await crm.Page.Locator("[data-testid=total-leads]").IsVisibleAsync());
        await crm.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Campaign_cards_call_a_higher_cost_per_lead_worse_and_leave_spend_unjudged()
    {
        // A week whose previous week has only three days of the seed's delivery: spend and cost per lead both change.
        var (from, to) = (Seed.Today.AddDays(-26), Seed.Today.AddDays(-20));
        var campaigns = new CampaignsDashboard(await hub.SignedInPageAsync());
        await campaigns.OpenAsync($"/campaigns?period=custom&{Range(from, to)}");

        var now = (await ApiAsync($"/api/meta/campaigns?{Range(from, to)}")).GetProperty("totals");
        var before = (await ApiAsync($"/api/meta/campaigns?{Range(from.AddDays(-7), to.AddDays(-7))}")).GetProperty("totals");
        var (change, tone, _) = await ChangeAsync(campaigns, "cpl");
        var cplChange = Comparison.PercentChange(now.GetProperty("cpl").GetDecimal(), before.GetProperty("cpl").GetDecimal());
        Assert.NotNull(cplChange);
        Assert.Equal(cplChange!.Value.ToString(CultureInfo.InvariantCulture), change);
        Assert.Equal(cplChange > 0 ? "bad" : cplChange < 0 ? "good" : "flat", tone);
        var spend = await ChangeAsync(campaigns, "spend");
        Assert.Equal(Expected(now.GetProperty("spend").GetDecimal(), before.GetProperty("spend").GetDecimal()), spend.Change);
        Assert.NotEqual("", spend.Change);
        Assert.Equal("flat", spend.Tone);
        await Artifacts.PanelAsync(campaigns.Page, "campaign-cards", "compare-campaign-cards-en");
        await campaigns.Page.Context.CloseAsync();
    }
}
