namespace GAssistant.Hub.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(BrowserHub hub)
{
    public static TheoryData<string> Pages => new() { "/crm", "/campaigns", "/deliveries", "/settings" };

    [Fact]
    public async Task Pages_need_a_sign_in()
    {
        var context = await hub.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = hub.Address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/crm");
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator("input[name=Email]").CountAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_language_switch_turns_the_page_arabic_and_right_to_left_and_back()
    {
        var page = await hub.SignedInPageAsync("en");
        await page.GotoAsync("/campaigns");
        await page.WaitForSelectorAsync("#page-title");
        await page.ClickAsync("[data-testid=language-switch]");
        await page.WaitForFunctionAsync("() => document.documentElement.dir === 'rtl'");
        Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
        Assert.EndsWith("/campaigns", page.Url, StringComparison.Ordinal);
        Assert.Equal("متابعة الحملات", await page.InnerTextAsync("#page-title"));

        await page.ClickAsync("[data-testid=language-switch]");
        await page.WaitForFunctionAsync("() => document.documentElement.dir === 'ltr'");
        Assert.Equal("Campaign tracker", await page.InnerTextAsync("#page-title"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_page_fits_a_phone_and_is_photographed_in_both_languages()
    {
        foreach (var language in new[] { "en", "ar" })
        {
            foreach (var (device, width, height) in new[] { ("desktop", 1280, 900), ("phone", 375, 812) })
            {
                var page = await hub.SignedInPageAsync(language, width, height);
                foreach (var path in Pages)
                {
                    await page.GotoAsync(path);
                    await Artifacts.OrExplainAsync(page, $"{path.Trim('/')}-{language}-{device}", () => page.WaitForSelectorAsync("#page-title"));
                    await DashboardPage.WaitForInteractiveAsync(page);
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.GetAttributeAsync("html", "dir"));
                    await Artifacts.ScreenshotAsync(page, $"{path.Trim('/')}-{language}-{device}");
                    if (device == "phone")
                    {
                        var sideways = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
                        Assert.False(sideways, $"{path} in {language} scrolls sideways at {width} px: {await DashboardPage.WiderThanTheScreenAsync(page)}");
                    }
                }

                await page.Context.CloseAsync();
            }
        }
    }
}
