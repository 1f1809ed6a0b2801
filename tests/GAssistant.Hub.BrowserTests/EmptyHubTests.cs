namespace GAssistant.Hub.BrowserTests;

[Collection(EmptyBrowserCollection.Name)]
public sealed class EmptyHubTests(EmptyBrowserHub hub)
{
    [Fact]
    public async Task A_fresh_hub_shows_zeros_and_how_to_connect_odoo_and_meta()
    {
        var page = await hub.SignedInPageAsync();
        var crm = new CrmDashboard(page);
        await crm.OpenAsync();
        foreach (var card in CrmDashboard.Cards)
        {
            Assert.Equal(0m, await crm.CardValueAsync(card));
        }

        Assert.Contains("Connect Odoo", await page.InnerTextAsync("[data-testid=empty-guide]"), StringComparison.Ordinal);
        await page.ClickAsync("[data-testid=odoo-sync-button]");
        Assert.Contains("Odoo is not connected yet", await page.InnerTextAsync("[data-testid=odoo-sync-error]"), StringComparison.Ordinal);

        var campaigns = new CampaignsDashboard(page);
        await campaigns.OpenAsync();
        Assert.Equal(0m, await campaigns.CardValueAsync("spend"));
        Assert.Contains("Connect Meta", await page.InnerTextAsync("[data-testid=empty-guide]"), StringComparison.Ordinal);

        await page.GotoAsync("/settings");
        await DashboardPage.WaitForInteractiveAsync(page);
        await page.ClickAsync("[data-testid=test-odoo]");
        Assert.Equal("not_configured", await page.GetAttributeAsync("[data-testid=connection-odoo] [data-testid=test-result]", "data-status"));
        Assert.Contains("Odoo:Url", await page.InnerTextAsync("[data-testid=connection-odoo] [data-testid=test-result]"), StringComparison.Ordinal);
        Assert.Equal("not_configured", await page.GetAttributeAsync("[data-testid=reports-panel]", "data-state"));
        Assert.Contains("Reports:Smtp:Host", await page.InnerTextAsync("[data-testid=reports-panel]"), StringComparison.Ordinal);
        Assert.True(await page.IsDisabledAsync("[data-testid=send-report]"));
        Assert.Equal("not_configured", await page.GetAttributeAsync("[data-testid=bigquery-panel]", "data-state"));
        Assert.True(await page.IsDisabledAsync("[data-testid=bigquery-export]"));
        await Artifacts.ScreenshotAsync(page, "settings-en-desktop-empty-hub");
        await page.Context.CloseAsync();
    }
}
