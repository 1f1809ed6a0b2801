namespace GAssistant.Hub.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class DeliveriesPageTests(BrowserHub hub)
{
    [Fact]
    public async Task A_failed_delivery_replayed_from_the_page_is_applied_shown_processed_without_a_reload_and_audited()
    {
        var page = await hub.SignedInPageAsync();
        await page.GotoAsync("/deliveries");
        await DashboardPage.WaitForInteractiveAsync(page);
        var status = page.Locator($"[data-testid=delivery-status][data-delivery={Seed.FailedDeliveryId}]");
        await Assertions(status, "Failed");
        Assert.Contains("database is locked", await page.InnerTextAsync("[data-testid=deliveries-table]"), StringComparison.Ordinal);

        await page.ClickAsync($"[data-testid=replay][data-delivery={Seed.FailedDeliveryId}]");

        Assert.Contains(Seed.FailedDeliveryId, await page.InnerTextAsync("[data-testid=replay-message]"), StringComparison.Ordinal);
        await Assertions(status, "Processed");
        Assert.Equal(0, await page.Locator($"[data-testid=replay][data-delivery={Seed.FailedDeliveryId}]").CountAsync());

        await page.GotoAsync("/settings");
        var audit = page.Locator("[data-testid=audit-row][data-action='delivery.replayed']").Filter(new() { HasText = Seed.FailedDeliveryId });
        Assert.Contains(TestSecrets.AdminEmail, await audit.InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private static async Task Assertions(ILocator status, string text) =>
        await Microsoft.Playwright.Assertions.Expect(status).ToHaveTextAsync(text, new() { Timeout = 15_000 });
}
