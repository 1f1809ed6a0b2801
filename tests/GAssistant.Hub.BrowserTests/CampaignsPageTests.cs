using System.Globalization;
using GAssistant.Hub.Components.Shared;
using GAssistant.Hub.Localization;

namespace GAssistant.Hub.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CampaignsPageTests(BrowserHub hub)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Campaign_cards_show_the_api_totals_in_the_accounts_currency(string language)
    {
        var campaigns = new CampaignsDashboard(await hub.SignedInPageAsync(language));
        await campaigns.OpenAsync();

        var api = await hub.ApiClient().GetFromJsonAsync<JsonElement>(
            $"/api/meta/campaigns?from={Seed.Today.AddDays(-29):yyyy-MM-dd}&to={Seed.Today:yyyy-MM-dd}");
        var totals = api.GetProperty("totals");
        Assert.Equal(totals.GetProperty("spend").GetDecimal(), await campaigns.CardValueAsync("spend"));
        Assert.Equal(totals.GetProperty("leads").GetDecimal(), await campaigns.CardValueAsync("leads"));
        Assert.Equal(totals.GetProperty("cpl").GetDecimal(), await campaigns.CardValueAsync("cpl"));
        Assert.Equal(totals.GetProperty("roas").GetDecimal(), await campaigns.CardValueAsync("roas"));
        Assert.Equal(Fmt.Money(totals.GetProperty("spend").GetDecimal(), "SAR", HubCultures.For(language)), await campaigns.CardTextAsync("spend"));
        Assert.Equal(api.GetProperty("campaigns").GetArrayLength(), (await campaigns.CampaignNamesAsync()).Count);
        await campaigns.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_link_with_a_period_opens_the_campaigns_of_that_period_and_a_new_choice_goes_into_the_address()
    {
        var campaigns = new CampaignsDashboard(await hub.SignedInPageAsync());
        await campaigns.OpenAsync("/campaigns?period=7d");

        var week = await hub.ApiClient().GetFromJsonAsync<JsonElement>(
            $"/api/meta/campaigns?from={Seed.Today.AddDays(-6):yyyy-MM-dd}&to={Seed.Today:yyyy-MM-dd}");
        Assert.Equal(week.GetProperty("totals").GetProperty("spend").GetDecimal(), await campaigns.CardValueAsync("spend"));

        await campaigns.SelectAsync("filter-preset", "Last 90 days");
        await campaigns.Page.WaitForURLAsync(url => url.EndsWith("/campaigns?period=90d", StringComparison.Ordinal));
        var quarter = await hub.ApiClient().GetFromJsonAsync<JsonElement>(
            $"/api/meta/campaigns?from={Seed.Today.AddDays(-89):yyyy-MM-dd}&to={Seed.Today:yyyy-MM-dd}");
        var spend = quarter.GetProperty("totals").GetProperty("spend").GetDecimal().ToString(CultureInfo.InvariantCulture);
        await campaigns.Page.WaitForSelectorAsync($"[data-testid=spend][data-value='{spend}']");
        await campaigns.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Recommendations_name_the_expensive_campaign_and_the_budget_limited_winner()
    {
        var campaigns = new CampaignsDashboard(await hub.SignedInPageAsync());
        await campaigns.OpenAsync();

        var text = await campaigns.Page.InnerTextAsync("[data-testid=insights]");
        Assert.Equal(["HighCplNoWins", "BudgetLimitedWinner"], await campaigns.InsightCodesAsync());
        Assert.Contains("Brand Awareness: expensive leads and no won deal", text, StringComparison.Ordinal);
        Assert.Contains("Ramadan Offer beats the ROAS target", text, StringComparison.Ordinal);
        await campaigns.Page.Context.CloseAsync();
    }
}
