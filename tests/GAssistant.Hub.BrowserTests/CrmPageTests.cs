using Microsoft.EntityFrameworkCore;
using System.Globalization;
using System.Text;
using GAssistant.Hub.Components.Shared;
using GAssistant.Hub.Localization;

namespace GAssistant.Hub.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CrmPageTests(BrowserHub hub)
{
    private static long _toastLeadId = 777100;

    private static string Last30Days => $"from={Seed.Today.AddDays(-29):yyyy-MM-dd}&to={Seed.Today:yyyy-MM-dd}";

    private async Task<JsonElement> ApiAsync(string url) => await hub.ApiClient().GetFromJsonAsync<JsonElement>(url);

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Crm_cards_show_the_api_figures_in_the_readers_language(string language)
    {
        var crm = new CrmDashboard(await hub.SignedInPageAsync(language));
        await crm.OpenAsync();

        var api = await ApiAsync($"/api/crm/summary?{Last30Days}");
        var culture = HubCultures.For(language); // Latin digits in both languages (docs/localization.md)
        Assert.Equal(api.GetProperty("total_leads").GetInt32(), await crm.CardValueAsync("total-leads"));
        Assert.Equal(api.GetProperty("expected_revenue").GetDecimal(), await crm.CardValueAsync("expected-revenue"));
        Assert.Equal(api.GetProperty("weighted_revenue").GetDecimal(), await crm.CardValueAsync("weighted-revenue"));
        Assert.Equal(api.GetProperty("avg_probability").GetDecimal(), await crm.CardValueAsync("avg-probability"));
        Assert.Equal(api.GetProperty("active_campaigns").GetInt32(), await crm.CardValueAsync("active-campaigns"));
        Assert.Equal(api.GetProperty("won").GetInt32(), await crm.CardValueAsync("won"));
        Assert.Equal(api.GetProperty("conversion_rate").GetDecimal(), await crm.CardValueAsync("conversion-rate"));
        Assert.Equal(Fmt.Number(api.GetProperty("total_leads").GetInt32(), culture), await crm.CardTextAsync("total-leads"));
        Assert.Equal(Fmt.Money(api.GetProperty("expected_revenue").GetDecimal(), "SAR", culture), await crm.CardTextAsync("expected-revenue"));
        Assert.Equal(language == "ar" ? "rtl" : "ltr", await crm.DirAsync());
        Assert.Equal(language, await crm.Page.GetAttributeAsync("html", "lang"));

        // The pipeline is drawn in Odoo's stage order, as the API lists it, not by size.
        var stages = api.GetProperty("by_stage").EnumerateArray().Select(s => s.GetProperty("stage").GetString()!).ToList();
        Assert.Equal(["New", "Qualified", "Proposition", "Won"], stages);
        var drawn = await crm.Page.Locator("[data-testid=pipeline] svg text").AllTextContentsAsync();
        Assert.Equal(stages, drawn.Select(t => t.Trim()).Where(stages.Contains));
        await crm.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Insights_say_which_stage_goes_stale_and_which_source_converts_less()
    {
        var crm = new CrmDashboard(await hub.SignedInPageAsync());
        await crm.OpenAsync();

        var codes = await crm.InsightCodesAsync();
        Assert.Contains("StaleLeads", codes);
        Assert.Contains("FallingConversion", codes);
        var text = await crm.Page.InnerTextAsync("[data-testid=insights]");
        Assert.Contains("4 of 6 open leads in Qualified", text, StringComparison.Ordinal);
        Assert.Contains("Facebook converted 12.5% of its leads in this period (2 of 16) against 50% in the previous period", text, StringComparison.Ordinal);
        await crm.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Filters_change_the_table_and_the_totals_like_the_api()
    {
        var crm = new CrmDashboard(await hub.SignedInPageAsync());
        await crm.OpenAsync();

        await crm.ChooseSourceAsync("Referral");
        var api = await ApiAsync($"/api/crm/summary?{Last30Days}&source=Referral");
        await crm.WaitForTotalAsync(api.GetProperty("total_leads").GetInt32());
        Assert.Equal(5, api.GetProperty("total_leads").GetInt32());
        Assert.Equal(api.GetProperty("expected_revenue").GetDecimal(), await crm.CardValueAsync("expected-revenue"));
        await crm.Page.WaitForSelectorAsync("[data-testid=leads-total][data-value='5']");
        Assert.All(await crm.LeadNamesAsync(), name => Assert.StartsWith("Referral", name, StringComparison.Ordinal));

        await crm.ChoosePresetAsync("All time");
        var all = await ApiAsync("/api/crm/summary?source=Referral");
        await crm.WaitForTotalAsync(all.GetProperty("total_leads").GetInt32());
        await crm.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_filters_stay_in_the_address_so_a_reload_or_a_shared_link_shows_the_same_leads()
    {
        var crm = new CrmDashboard(await hub.SignedInPageAsync());
        await crm.OpenAsync();
        await crm.ChoosePresetAsync("All time");
        await crm.ChooseSourceAsync("Referral");
        var api = await ApiAsync("/api/crm/summary?source=Referral");
        await crm.WaitForTotalAsync(api.GetProperty("total_leads").GetInt32());
        await crm.Page.WaitForURLAsync(url => url.Contains("period=all", StringComparison.Ordinal) && url.Contains("source=Referral", StringComparison.Ordinal));

        await crm.Page.ReloadAsync();
        await crm.Page.WaitForSelectorAsync("[data-testid=insights]");
        await crm.WaitForTotalAsync(api.GetProperty("total_leads").GetInt32());
        Assert.Contains("Referral", await crm.Page.InnerTextAsync("[data-testid=filter-source]"), StringComparison.Ordinal);
        Assert.Contains("All time", await crm.Page.InnerTextAsync("[data-testid=filter-preset]"), StringComparison.Ordinal);

        // A colleague opens a link with a search in Arabic.
        var link = $"/crm?period=all&q={Uri.EscapeDataString("مؤهل")}";
        await crm.OpenAsync(link);
        var linked = await ApiAsync($"/api/crm/summary?q={Uri.EscapeDataString("مؤهل")}");
        await crm.WaitForTotalAsync(linked.GetProperty("total_leads").GetInt32());
        Assert.Equal(6, linked.GetProperty("total_leads").GetInt32());
        Assert.All(await crm.LeadNamesAsync(), name => Assert.Contains("مؤهل", name, StringComparison.Ordinal));
        Assert.Equal("مؤهل", await crm.Page.InputValueAsync("[data-testid=filter-search]"));
        await crm.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Csv_export_downloads_the_leads_the_filters_show()
    {
        var crm = new CrmDashboard(await hub.SignedInPageAsync());
        await crm.OpenAsync();
        await crm.ChooseSourceAsync("Referral");
        await crm.Page.WaitForSelectorAsync("[data-testid=leads-total][data-value='5']");

        var download = await crm.ExportAsync();
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,name,", rows[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        var names = rows.Skip(1).Select(r => r.Split(',')[1]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal((await crm.LeadNamesAsync()).Order(StringComparer.Ordinal).ToArray(), names);
        Assert.Equal(5, names.Length);
        await crm.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_lead_named_like_markup_is_shown_as_text_and_runs_nothing()
    {
        var before = hub.DialogsOpened;
        var crm = new CrmDashboard(await hub.SignedInPageAsync());
        await crm.OpenAsync();
        await crm.SearchAsync("onerror");
        await crm.Page.WaitForSelectorAsync("[data-testid=leads-total][data-value='1']");

        Assert.Equal([Seed.HostileName], await crm.LeadNamesAsync());
        Assert.Equal(0, await crm.Page.Locator("[data-testid=leads-table] img").CountAsync());
        Assert.Contains(Seed.HostilePartner, await crm.Page.InnerTextAsync("[data-testid=leads-table]"), StringComparison.Ordinal);
        await crm.Page.WaitForTimeoutAsync(300);
        Assert.Equal(before, hub.DialogsOpened);
        await crm.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_lead_sent_by_odoo_appears_on_the_open_page_without_a_reload()
    {
        var crm = new CrmDashboard(await hub.SignedInPageAsync());
        await crm.OpenAsync();
        var total = (int)await crm.CardValueAsync("total-leads");
        await crm.Page.EvaluateAsync("() => window.__sameDocument = true");

        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var body = $$"""
            {"event": "lead_created", "timestamp": "{{now}}",
             "data": {"id": 777001, "name": "Live lead from Odoo", "partner_name": "Live Co", "stage_name": "New",
                      "expected_revenue": 4321, "probability": 15, "source_id": "Website", "create_date": "{{now}}", "write_date": "{{now}}"} }
            """;
        using var client = new HttpClient { BaseAddress = hub.Address };
        var response = await new OdooWebhookSender(client, TimeProvider.System).SendAsync(body);
        Assert.True(response.IsSuccessStatusCode, $"webhook answered {(int)response.StatusCode}");

        await crm.WaitForTotalAsync(total + 1);
        await crm.Page.GetByText("Live lead from Odoo").WaitForAsync();
        Assert.True(await crm.Page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        await crm.Page.Context.CloseAsync();
    }

    /// <summary>Issue 21 item 5: a person on /crm or /campaigns is told of each new lead without a reload, in their language; the name is text.</summary>
    [Theory]
    [InlineData("en", "/crm")]
    [InlineData("ar", "/crm")]
    [InlineData("ar", "/campaigns")]
    public async Task A_new_lead_shows_a_toast_in_the_readers_language_on_the_dashboards(string language, string path)
    {
        // Odoo's ids only grow: each case's lead is newer than every lead the shared hub holds, whatever ran before.
        var newest = await hub.Hub.WithDbAsync(db => db.Leads.MaxAsync(l => (long?)l.OdooId)) ?? 0;
        var id = Math.Max(newest, Interlocked.Read(ref _toastLeadId)) + 1;
        Interlocked.Exchange(ref _toastLeadId, id);
        var page = await hub.SignedInPageAsync(language);
        var dashboard = new CrmDashboard(page);
        await dashboard.OpenAsync(path);
        if (path == "/crm")
        {
            // The response-time panel is there, in the reader's language.
            Assert.Contains(Strings.Get("Crm.ResponseTimes", language), await page.InnerTextAsync("[data-testid=response-times]"), StringComparison.Ordinal);
        }

        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var body = $$"""
            {"event": "lead_created", "timestamp": "{{now}}",
             "data": {"id": {{id}}, "name": "<b>Toast</b> ليلى", "stage_name": "New", "expected_revenue": 0, "probability": 10,
                      "source_id": "Website", "create_date": "{{now}}", "write_date": "{{now}}"} }
            """;
        using var client = new HttpClient { BaseAddress = hub.Address };
        var response = await new OdooWebhookSender(client, TimeProvider.System).SendAsync(body);
        Assert.True(response.IsSuccessStatusCode, $"webhook answered {(int)response.StatusCode}");

        var toast = page.Locator(".mud-snackbar").Filter(new() { HasText = Strings.Get("Toast.NewLead", language, "<b>Toast</b> ليلى", "Website") });
        try
        {
            await Artifacts.OrExplainAsync(page, $"toast-{language}", () => toast.WaitForAsync());
        }
        catch (TimeoutException e)
        {
            // What the hub held, for whoever reads the failure.
            var stored = await hub.Hub.WithDbAsync(db => db.Leads.Where(l => l.OdooId == id).Select(l => new { l.IsTest, l.Deleted }).SingleOrDefaultAsync());
            var max = await hub.Hub.WithDbAsync(db => db.Leads.MaxAsync(l => (long?)l.OdooId));
            throw new TimeoutException($"No toast for lead {id} (newest before {newest}, now {max}; stored {stored?.ToString() ?? "no"}).", e);
        }
        Assert.Equal(0, await page.Locator(".mud-snackbar b").CountAsync());

        // The live update redraws the page in the reader's language still.
        Assert.Equal(Strings.Get(path == "/crm" ? "Crm.Title" : "Campaigns.Title", language), (await page.InnerTextAsync("#page-title")).Trim());
        await Artifacts.ScreenshotAsync(page, $"toast-{language}");
        await page.Context.CloseAsync();
    }
}
