namespace GAssistant.Hub.BrowserTests.PageObjects;

/// <summary>Settings → Connect Odoo and Connect Meta (issue 18): fields, buttons and results by their test ids.</summary>
public sealed class ConnectionPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync(string path)
    {
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("#page-title");
        await DashboardPage.WaitForInteractiveAsync(page);
    }

    public Task FillAsync(string testId, string value) => page.FillAsync($"[data-testid={testId}]", value);

    public Task ClickAsync(string testId) => page.ClickAsync($"[data-testid={testId}]");

    public Task<string> TextAsync(string testId) => page.InnerTextAsync($"[data-testid={testId}]");

    /// <summary>Waits until an element with the test id carries the attribute value (results appear after a round trip to Odoo or Meta).</summary>
    public async Task<ILocator> WaitForAsync(string testId, string attribute, string value)
    {
        var locator = page.Locator($"[data-testid={testId}][{attribute}=\"{value}\"]");
        await Artifacts.OrExplainAsync(page, $"{testId}-{value}", () => locator.First.WaitForAsync());
        return locator.First;
    }

    /// <summary>Clicks a copy button and answers what reached the clipboard.</summary>
    public async Task<string> CopyAsync(string testId)
    {
        await page.EvaluateAsync("() => navigator.clipboard.writeText('')");
        await ClickAsync(testId);

        // Not WaitForFunctionAsync: Playwright takes an async predicate's Promise as truthy and returns at once
        // (microsoft/playwright#29132), so on a loaded machine the clipboard was read before the click's round trip wrote it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var text = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
            if (text.Length > 0 || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The setup checklist's step, waited for until it says done (the checklist looks again every few seconds).</summary>
    public Task WaitForStepDoneAsync(string step) =>
        Artifacts.OrExplainAsync(page, $"step-{step}", () => page.Locator($"[data-testid=setup-step][data-step=\"{step}\"][data-done=\"True\"]").WaitForAsync());
}
