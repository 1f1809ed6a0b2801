namespace GAssistant.Hub.BrowserTests.Infrastructure;

/// <summary>Where screenshots go: artifacts/screenshots under the repository root (test.sh keeps artifacts/).</summary>
public static class Artifacts
{
    public static string Screenshots
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GAssistant.slnx")))
            {
                dir = dir.Parent;
            }

            var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>The whole page, and what the first screen shows (name-screen.png).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + "-screen.png") });
    }

    /// <summary>
    /// One panel of a page (for the docs: docs/images holds the ones the walkthroughs show). A panel that re-renders
    /// while it is photographed (the checklist looks again every few seconds; the page turns interactive) is a new
    /// element: the picture is taken again of the new one, a few times at most.
    /// </summary>
    public static async Task PanelAsync(IPage page, string testId, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.Locator($"[data-testid={testId}]").First.ScreenshotAsync(new LocatorScreenshotOptions
                {
                    Path = Path.Combine(Screenshots, name + ".png"),
                    Style = "header.mud-appbar { visibility: hidden !important; }", // the fixed app bar would cover the panel's top
                });
                return;
            }
            catch (PlaywrightException e) when (attempt < 5 && e.Message.Contains("not attached", StringComparison.Ordinal))
            {
            }
        }
    }

    /// <summary>Runs a wait; if it fails, keeps a screenshot and the page's HTML as artifacts to show why.</summary>
    public static async Task OrExplainAsync(IPage page, string name, Func<Task> wait)
    {
        try
        {
            await wait();
        }
        catch (Exception)
        {
            await ScreenshotAsync(page, "failed-" + name);
            await File.WriteAllTextAsync(Path.Combine(Screenshots, "failed-" + name + ".html"), await page.ContentAsync());
            throw;
        }
    }
}
