using GAssistant.Hub.Localization;

namespace GAssistant.Hub.BrowserTests.Localization;

/// <summary>
/// Every page, in Arabic and English, at desktop (1440 px) and phone (375 px) width, with MudBlazor's pager, a date
/// picker, a dialog and a snackbar open: no word of the other language, no Eastern Arabic digit, no sideways scroll,
/// no clipped table. Each state is photographed into artifacts/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryWordTests(BrowserHub hub)
{
    public static TheoryData<string, string, int, int> Views => new()
    {
        { "ar", "desktop", 1440, 900 }, { "en", "desktop", 1440, 900 }, { "ar", "phone", 375, 812 }, { "en", "phone", 375, 812 },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Every_page_speaks_one_language_with_one_digit_style_and_fits(string language, string device, int width, int height)
    {
        var allowed = await LanguageCheck.DataWordsAsync(hub.Hub);
        var problems = new List<string>();
        var page = await hub.SignedInPageAsync(language, width, height);

        async Task CheckAsync(string name)
        {
            await Artifacts.ScreenshotAsync(page, $"{name}-{language}-{device}");
            problems.AddRange((await LanguageCheck.ProblemsAsync(page, language, allowed)).Select(p => $"{name}: {p}"));
            problems.AddRange((await LanguageCheck.ClippedTablesAsync(page)).Select(p => $"{name}: {p}"));
            if (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"))
            {
                problems.Add($"{name}: scrolls sideways: {await DashboardPage.WiderThanTheScreenAsync(page)}");
            }
        }

        foreach (var path in new[] { "/crm", "/campaigns", "/deliveries", "/settings", "/account" })
        {
            await page.GotoAsync(path);
            await Artifacts.OrExplainAsync(page, $"words{path.Replace('/', '-')}-{language}-{device}", () => page.WaitForSelectorAsync("#page-title"));
            await DashboardPage.WaitForInteractiveAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await CheckAsync(path.Trim('/'));
        }

        // MudBlazor's own parts: the leads pager's page-size menu, a date picker, a dialog and a snackbar.
        await page.GotoAsync("/crm");
        await DashboardPage.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=leads-pager] .mud-select").First.ClickAsync();
        await page.WaitForSelectorAsync(".mud-popover-open .mud-list-item");
        await CheckAsync("crm-pager-menu");
        await page.Keyboard.PressAsync("Escape");

        var campaigns = new CampaignsDashboard(page);
        await campaigns.OpenAsync();
        await campaigns.SelectAsync("filter-preset", Strings.Get("Preset.Custom", language));
        await page.WaitForSelectorAsync("[data-testid=filter-from]");
        await CheckAsync("campaigns-custom-period");
        await page.Locator(".mud-picker:has([data-testid=filter-from]) button").First.ClickAsync();
        await page.WaitForSelectorAsync(".mud-popover-open .mud-picker-calendar-container, .mud-popover-open .mud-picker-calendar");
        await CheckAsync("campaigns-date-picker");
        await page.Keyboard.PressAsync("Escape");

        var email = $"words-{language}-{device}@example.com";
        await hub.Hub.AddPersonAsync(email, Hub.Data.HubRoles.Viewer, "a words test password");
        await page.GotoAsync("/settings");
        await DashboardPage.WaitForInteractiveAsync(page);
        await page.ClickAsync("[data-testid=test-odoo]");
        await page.ClickAsync("[data-testid=test-meta]");
        await page.WaitForSelectorAsync("[data-testid=connection-odoo] [data-testid=test-result]");
        await page.WaitForSelectorAsync("[data-testid=connection-meta] [data-testid=test-result]");
        await CheckAsync("settings-connection-tests");
        var row = page.Locator($"[data-testid=person-row][data-email='{email}']");
        await row.Locator("[data-testid=change-role]").ClickAsync();
        await page.WaitForSelectorAsync(".mud-snackbar");
        await CheckAsync("settings-snackbar");
        await row.Locator("[data-testid=remove-person]").ClickAsync();
        await page.WaitForSelectorAsync(".mud-dialog");
        await CheckAsync("settings-dialog");
        await page.Locator(".mud-dialog .mud-dialog-actions button").Last.ClickAsync(); // remove: the dialog's own words were checked open

        await page.GotoAsync("/crm/no-such-page");
        await page.WaitForSelectorAsync("[data-testid=not-found]");
        await CheckAsync("not-found");
        await page.Context.CloseAsync();

        var anonymous = await hub.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = hub.Address.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height } });
        await anonymous.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Domain = hub.Address.Host, Path = "/" }]);
        page = await anonymous.NewPageAsync();
        await page.GotoAsync("/login");
        await CheckAsync("login");
        await page.GotoAsync("/invite?token=not-a-token");
        await CheckAsync("invite-expired");
        await anonymous.CloseAsync();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
