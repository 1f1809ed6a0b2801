namespace GAssistant.Hub.BrowserTests.PageObjects;

/// <summary>/crm: the CRM cards, filters, the leads table and its CSV export, the Odoo sync.</summary>
public sealed class CrmDashboard(IPage page) : DashboardPage(page)
{
    public static readonly string[] Cards = ["total-leads", "expected-revenue", "weighted-revenue", "avg-probability", "active-campaigns", "won", "conversion-rate"];

    public Task OpenAsync() => OpenAsync("/crm");

    public async Task<int> TableTotalAsync() => int.Parse((await Page.GetAttributeAsync("[data-testid=leads-total]", "data-value"))!, System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<string>> LeadNamesAsync() =>
        await Page.Locator("[data-testid=lead-name]").AllInnerTextsAsync();

    public Task ChoosePresetAsync(string text) => SelectAsync("filter-preset", text);

    public Task ChooseSourceAsync(string text) => SelectAsync("filter-source", text);

    public async Task SearchAsync(string text)
    {
        // MudTextField puts data-testid on the input itself.
        await Page.FillAsync("[data-testid=filter-search]", text);
    }

    /// <summary>Waits until the total-leads card shows <paramref name="expected"/>.</summary>
    public Task WaitForTotalAsync(int expected) =>
        Page.WaitForSelectorAsync($"[data-testid=total-leads][data-value='{expected}']");

    public async Task<IDownload> ExportAsync() => await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync("[data-testid=export-csv]"));
}
