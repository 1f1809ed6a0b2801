namespace GAssistant.Hub.BrowserTests.PageObjects;

/// <summary>/campaigns: spend, leads, CPL and ROAS cards, the per-campaign table, the Meta sync.</summary>
public sealed class CampaignsDashboard(IPage page) : DashboardPage(page)
{
    public Task OpenAsync() => OpenAsync("/campaigns");

    public async Task<IReadOnlyList<string>> CampaignNamesAsync() => await Page.Locator("[data-testid=campaign-name]").AllInnerTextsAsync();
}
