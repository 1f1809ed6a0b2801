using GAssistant.Hub.Localization;

namespace GAssistant.Hub.BrowserTests;

/// <summary>
/// The hub as an app on a phone and on paper (issue 22 items 6 and 7), in Arabic and English: the manifest Chromium
/// reads names it in the reader's language and direction; the service worker takes the page over and, with the
/// network gone, a page opens as the hub's offline page in that language instead of Chromium's error, and comes back
/// once the network does; the pages fit a 360 px phone; printed, the controls are gone and the figures stay.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PwaTests(BrowserHub hub)
{
    public static TheoryData<string> Languages => new() { "ar", "en" };

    /// <summary>What /crm shows to act on rather than to read: the app bar, the menu, the filters, buttons, the pager.</summary>
    private static readonly string[] Controls =
        ["header.mud-appbar", "[data-testid=nav]", "[data-testid=filters]", "[data-testid=odoo-sync]", "[data-testid=export-csv]", "[data-testid=leads-pager]"];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Chromium_reads_the_manifest_in_the_page_language_and_its_icons_load(string language)
    {
        var page = await hub.SignedInPageAsync(language);
        await page.GotoAsync("/crm");
        await page.WaitForSelectorAsync("#page-title");

        // What the browser itself fetched (with the language cookie) and parsed, as it would to install the hub.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var answer = (await cdp.SendAsync("Page.getAppManifest"))!.Value;
        Assert.Empty(answer.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()));
        var manifest = JsonDocument.Parse(answer.GetProperty("data").GetString()!).RootElement;
        Assert.Equal(Strings.Get("AppName", language), manifest.GetProperty("name").GetString());
        Assert.Equal(language, manifest.GetProperty("lang").GetString());
        Assert.Equal(language == "ar" ? "rtl" : "ltr", manifest.GetProperty("dir").GetString());
        Assert.Equal("/crm", manifest.GetProperty("start_url").GetString());
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());

        var icons = manifest.GetProperty("icons").EnumerateArray().ToList();
        Assert.Contains(icons, i => i.GetProperty("purpose").GetString() == "maskable");
        foreach (var icon in icons)
        {
            var image = await page.Context.APIRequest.GetAsync(icon.GetProperty("src").GetString()!);
            Assert.Equal(200, image.Status);
            Assert.StartsWith("image/", image.Headers["content-type"], StringComparison.Ordinal);
            Assert.NotEmpty(await image.BodyAsync());
        }

        // The language switch changes the manifest too (its cookie goes with the manifest's request; the browser's own
        // language stays the first one).
        var other = language == "ar" ? "en" : "ar";
        await page.ClickAsync("[data-testid=language-switch]");
        await page.WaitForFunctionAsync("lang => document.documentElement.lang === lang", other);
        var switched = (await cdp.SendAsync("Page.getAppManifest"))!.Value;
        var again = JsonDocument.Parse(switched.GetProperty("data").GetString()!).RootElement;
        Assert.Equal(other, again.GetProperty("lang").GetString());
        Assert.Equal(Strings.Get("AppName", other), again.GetProperty("name").GetString());

        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Offline_a_page_opens_as_the_offline_page_in_its_language_and_comes_back_online(string language)
    {
        var page = await hub.SignedInPageAsync(language, 360, 740);
        await page.GotoAsync("/crm");
        await page.WaitForSelectorAsync("#page-title");
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#page-title");
        var worker = await page.EvaluateAsync<string?>("() => navigator.serviceWorker.controller?.scriptURL ?? null");
        Assert.NotNull(worker);
        Assert.Contains("/service-worker.js?v=", worker, StringComparison.Ordinal);
        await page.GotoAsync("/campaigns");
        await page.WaitForSelectorAsync("#page-title");

        // What the worker keeps: the anonymous shell only, never a signed-in page, the API or the circuit.
        var kept = await page.EvaluateAsync<string[]>("""
            async () => (await Promise.all((await caches.keys()).map(async name =>
              (await (await caches.open(name)).keys()).map(r => new URL(r.url).pathname)))).flat()
            """);
        Assert.Contains("/offline/ar", kept);
        Assert.Contains("/offline/en", kept);
        Assert.Contains("/app.css", kept);
        Assert.DoesNotContain(kept, path => path is "/crm" or "/campaigns" || path.StartsWith("/api", StringComparison.Ordinal)
            || path.StartsWith("/_blazor", StringComparison.Ordinal) || path.StartsWith("/health", StringComparison.Ordinal));

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync("/crm");
        await Artifacts.OrExplainAsync(page, $"offline-{language}", () => page.WaitForSelectorAsync("[data-testid=offline]"));
        Assert.Equal(Strings.Get("Offline.Title", language), await page.InnerTextAsync("#page-title"));
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.GetAttributeAsync("html", "dir"));
        Assert.EndsWith("/crm", page.Url, StringComparison.Ordinal);
        Assert.True(await page.IsVisibleAsync("[data-testid=offline-retry]"));
        Assert.Equal(Strings.Get("Offline.Retry", language), (await page.InnerTextAsync("[data-testid=offline-retry]")).Trim());
        Assert.Empty(await LanguageCheck.ProblemsAsync(page, language, LanguageCheck.Brands));
        // Styled by the kept app.css (the sign-in card), not a bare page.
        Assert.NotEqual("rgba(0, 0, 0, 0)", await page.EvalOnSelectorAsync<string>("[data-testid=offline-retry]", "e => getComputedStyle(e).backgroundColor"));
        Assert.False(await ScrollsSidewaysAsync(page), await DashboardPage.WiderThanTheScreenAsync(page));
        await Artifacts.ScreenshotAsync(page, $"offline-{language}-phone");

        // Still offline, "Try again" shows the offline page again; once the network is back the page itself returns.
        await page.ClickAsync("[data-testid=offline-retry]");
        await page.WaitForSelectorAsync("[data-testid=offline]");
        await page.Context.SetOfflineAsync(false);
        try
        {
            await page.WaitForSelectorAsync("[data-testid=crm-cards]", new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            await page.ClickAsync("[data-testid=offline-retry]");
            await page.WaitForSelectorAsync("[data-testid=crm-cards]");
        }

        Assert.Equal(Strings.Get("Crm.Title", language), await page.InnerTextAsync("#page-title"));
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_pages_fit_a_360_px_phone(string language)
    {
        var page = await hub.SignedInPageAsync(language, 360, 740);
        foreach (var path in new[] { "/crm", "/campaigns", "/settings" })
        {
            var name = $"{path.Trim('/')}-{language}-360";
            await page.GotoAsync(path);
            await Artifacts.OrExplainAsync(page, name, () => page.WaitForSelectorAsync("#page-title"));
            await DashboardPage.WaitForInteractiveAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Artifacts.ScreenshotAsync(page, name);
            Assert.False(await ScrollsSidewaysAsync(page), $"{path} in {language} scrolls sideways at 360 px: {await DashboardPage.WiderThanTheScreenAsync(page)}");
        }

        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_wide_table_scrolls_in_its_panel_with_the_campaign_name_in_view(string language)
    {
        // Wide enough for the table layout (MudBlazor stacks rows as cards below 960 px), narrow enough with the
        // menu open that the campaign table's twelve columns do not fit.
        var page = await hub.SignedInPageAsync(language, 1000, 800);
        await new CampaignsDashboard(page).OpenAsync();
        const string container = "[data-testid=campaign-table] .mud-table-container";
        await page.WaitForSelectorAsync($"{container} td[data-testid=campaign-name]");
        Assert.False(await ScrollsSidewaysAsync(page), await DashboardPage.WiderThanTheScreenAsync(page));
        var overflow = await page.EvalOnSelectorAsync<int>(container, "e => e.scrollWidth - e.clientWidth");
        Assert.True(overflow > 0, "the campaign table fits at 1000 px: this test no longer scrolls it");

        // Scrolled to its far end (towards the left in Arabic), the name column is still at the panel's start edge.
        var edges = await page.EvalOnSelectorAsync<double[]>(container, """
            e => {
              const rtl = getComputedStyle(e).direction === 'rtl';
              e.scrollLeft = rtl ? -e.scrollWidth : e.scrollWidth;
              const box = e.getBoundingClientRect();
              const cell = e.querySelector('td[data-testid=campaign-name]').getBoundingClientRect();
              return rtl ? [box.right, cell.right, Math.abs(e.scrollLeft)] : [box.left, cell.left, e.scrollLeft];
            }
            """);
        Assert.True(edges[2] > 0, "the table did not scroll");
        Assert.InRange(edges[1], edges[0] - 2, edges[0] + 2);
        await page.Locator("[data-testid=campaign-table]").ScreenshotAsync(new()
        {
            Path = Path.Combine(Artifacts.Screenshots, $"campaigns-{language}-scrolled-table.png"),
        });
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Printed_the_dashboard_keeps_its_figures_and_drops_its_controls(string language)
    {
        var page = await hub.SignedInPageAsync(language);
        var crm = new CrmDashboard(page);
        await crm.OpenAsync();
        await page.WaitForSelectorAsync("[data-testid=crm-cards]");
        await page.WaitForSelectorAsync("[data-testid=lead-name]");
        foreach (var control in Controls)
        {
            Assert.True(await page.IsVisibleAsync(control), $"{control} is not on the screen to begin with");
        }

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Artifacts.ScreenshotAsync(page, $"crm-{language}-print");
        foreach (var control in Controls)
        {
            Assert.False(await page.IsVisibleAsync(control), $"{control} is printed");
        }

        foreach (var figure in new[] { "[data-testid=crm-cards]", "[data-testid=total-leads]", "[data-testid=pipeline]", "[data-testid=leads-table]" })
        {
            Assert.True(await page.IsVisibleAsync(figure), $"{figure} is not printed");
        }

        var widths = await page.EvaluateAsync<double[]>("""
            () => [document.documentElement.clientWidth, document.querySelector('[data-testid=pipeline]').getBoundingClientRect().width,
                   document.querySelector('[data-testid=leads-table]').getBoundingClientRect().width,
                   document.querySelector('[data-testid=pipeline]').getBoundingClientRect().width,
                   document.querySelector('[data-testid=pipeline] svg').getBoundingClientRect().width]
            """);
        Assert.True(widths[1] > widths[0] * 0.9, $"the pipeline chart is {widths[1]} px of a {widths[0]} px page");
        Assert.True(widths[2] > widths[0] * 0.9, $"the leads table is {widths[2]} px of a {widths[0]} px page");
        Assert.True(widths[4] > widths[3] * 0.9, $"the pipeline chart is drawn {widths[4]} px wide in its {widths[3]} px panel");
        Assert.Equal("none", await page.EvalOnSelectorAsync<string>("[data-testid=total-leads]", "e => getComputedStyle(e.closest('.mud-paper') ?? e).boxShadow"));
        Assert.Equal("avoid", await page.EvalOnSelectorAsync<string>("[data-testid=pipeline]", "e => getComputedStyle(e).breakInside"));

        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        Assert.True(await page.IsVisibleAsync("[data-testid=filters]"));
        await page.Context.CloseAsync();
    }

    /// <summary>The page is wider than the phone's screen: it scrolls sideways.</summary>
    private static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
}
