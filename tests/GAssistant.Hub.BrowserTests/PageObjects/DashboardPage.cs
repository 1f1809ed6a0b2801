using System.Globalization;

namespace GAssistant.Hub.BrowserTests.PageObjects;

/// <summary>What /crm and /campaigns share: cards with a figure each, the insights, the interactive circuit.</summary>
public abstract class DashboardPage(IPage page)
{
    public IPage Page => page;

    /// <summary>Opens the page and waits until the interactive circuit is up (the cards are drawn by it).</summary>
    public async Task OpenAsync(string path)
    {
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("[data-testid=insights]");
        await WaitForInteractiveAsync(page);
    }

    /// <summary>The layout renders a marker once the page runs interactively (before that, clicks do nothing).</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });

    public async Task<decimal> CardValueAsync(string testId) =>
        decimal.Parse((await page.GetAttributeAsync($"[data-testid={testId}]", "data-value"))!, CultureInfo.InvariantCulture);

    public Task<string> CardTextAsync(string testId) => page.InnerTextAsync($"[data-testid={testId}] .stat-value");

    public async Task<IReadOnlyList<string>> InsightCodesAsync() =>
        await page.Locator("[data-testid=insight]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.code)");

    /// <summary>
    /// Picks an item of a MudSelect (data-testid sits on its combobox) by its visible text, and waits until the select
    /// shows it. On a loaded 2-core CI machine a choice was once lost (the item clicked before its handler was attached):
    /// then it is chosen again, once, as a person would.
    /// </summary>
    public async Task SelectAsync(string testId, string itemText)
    {
        const string shows = "([id, text]) => { const e = document.querySelector(`[data-testid=${id}]`); const i = e?.querySelector('input'); return !!e && ((i?.value ?? '') === text || e.textContent.includes(text)); }";
        for (var attempt = 1; ; attempt++)
        {
            await page.ClickAsync($"[data-testid={testId}]");
            await page.Locator(".mud-popover-open .mud-list-item").GetByText(itemText, new() { Exact = true }).ClickAsync();
            try
            {
                await page.WaitForFunctionAsync(shows, new object[] { testId, itemText }, new() { Timeout = 10_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 2)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    public Task<string?> DirAsync() => page.GetAttributeAsync("html", "dir");

    /// <summary>The deepest elements that reach past the screen's edges, named for a failure message.</summary>
    public static Task<string> WiderThanTheScreenAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const w = document.documentElement.clientWidth;
          const out = [...document.querySelectorAll('body *')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && !e.closest('.mud-popover:not(.mud-popover-open)') && (r.right > w + 1 || r.left < -1) && ![...e.children].some(c => { const q = c.getBoundingClientRect(); return q.right > w + 1 || q.left < -1; });
          });
          return out.slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} [${e.getAttribute('data-testid') ?? ''}] ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}`).join('; ');
        }
        """);

    /// <summary>True when the page is wider than the viewport (a horizontal scroll bar).</summary>
    public Task<bool> ScrollsSidewaysAsync() => page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
}
