using System.Globalization;

namespace GAssistant.Hub.BrowserTests;

/// <summary>Issue 22 item 4 in a real browser: from a campaign on /campaigns to its ad sets and back, keeping the period.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DrillDownTests(BrowserHub hub)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task A_campaign_opens_its_ad_sets_with_the_attribution_figures_and_the_path_leads_back(string language)
    {
        var campaigns = new CampaignsDashboard(await hub.SignedInPageAsync(language));
        await campaigns.OpenAsync("/campaigns?period=7d");
        var (from, to) = (Seed.Today.AddDays(-6), Seed.Today);
        var api = await hub.ApiClient().GetFromJsonAsync<JsonElement>($"/api/analytics/attribution?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&level=campaign");
        var ramadan = api.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("campaign_name").GetString() == "Ramadan Offer");

        await campaigns.Page.Locator("[data-testid=campaign-name] a", new() { HasText = "Ramadan Offer" }).ClickAsync();
        await campaigns.Page.WaitForURLAsync(url => url.Contains("/campaigns/c1?period=7d", StringComparison.Ordinal));
        await campaigns.Page.WaitForSelectorAsync("[data-testid=drill-cards]");
        Assert.Equal("Ramadan Offer", (await campaigns.Page.InnerTextAsync("[data-testid=drill-campaign]")).Trim());
        Assert.Equal(ramadan.GetProperty("spend").GetDecimal(), await campaigns.CardValueAsync("drill-spend"));
        Assert.Equal(ramadan.GetProperty("leads").GetDecimal(), await campaigns.CardValueAsync("drill-leads"));
        Assert.Equal(ramadan.GetProperty("roas").GetDecimal(), await campaigns.CardValueAsync("drill-roas"));
        var opportunities = ramadan.GetProperty("opportunities").GetInt32();
        Assert.Equal(Math.Round(ramadan.GetProperty("spend").GetDecimal() / opportunities, 2), await campaigns.CardValueAsync("drill-cpq"));

        // The seed's leads reached Odoo by UTM campaign, with no Meta ad named: one row says so, with all the leads.
        var rows = campaigns.Page.Locator("[data-testid=drill-row]");
        Assert.Equal(1, await rows.CountAsync());
        Assert.Equal(ramadan.GetProperty("leads").GetInt32().ToString(CultureInfo.InvariantCulture),
            await rows.First.Locator("[data-testid=drill-row-leads]").GetAttributeAsync("data-value"));
        Assert.Equal(language == "ar" ? "بلا إعلان (معروفة بحملة UTM فقط)" : "Without an ad (known by the UTM campaign only)",
            (await rows.First.Locator("[data-testid=drill-name]").InnerTextAsync()).Trim());
        await Artifacts.ScreenshotAsync(campaigns.Page, $"drill-campaign-{language}");

        await campaigns.Page.ClickAsync("[data-testid=drill-all]");
        await campaigns.Page.WaitForURLAsync(url => url.EndsWith("/campaigns?period=7d", StringComparison.Ordinal));
        await campaigns.Page.WaitForSelectorAsync("[data-testid=campaign-cards]");
        await campaigns.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_campaign_the_hub_does_not_know_says_so_instead_of_failing()
    {
        var page = await hub.SignedInPageAsync();
        var response = await page.GotoAsync("/campaigns/not-a-campaign");
        Assert.Equal(200, response!.Status);
        await page.WaitForSelectorAsync("[data-testid=drill-unknown]");
        Assert.Contains("does not know this campaign", await page.InnerTextAsync("[data-testid=drill-unknown]"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
