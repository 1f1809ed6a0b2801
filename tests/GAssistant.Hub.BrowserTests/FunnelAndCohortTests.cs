using System.Globalization;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Components.Shared;
using GAssistant.Hub.Localization;

namespace GAssistant.Hub.BrowserTests;

/// <summary>Issue 22 items 2 and 3 in a real browser: /crm's funnel and cohort triangle, in both languages, at desktop and phone width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FunnelAndCohortTests(BrowserHub hub)
{
    [Theory]
    [InlineData("en", 1280)]
    [InlineData("ar", 1280)]
    [InlineData("ar", 360)]
    [InlineData("en", 360)]
    public async Task The_funnel_and_the_cohorts_show_the_leads_of_the_period_in_the_readers_language(string language, int width)
    {
        var crm = new PageObjects.CrmDashboard(await hub.SignedInPageAsync(language, width: width, height: width < 600 ? 740 : 900));
        await crm.OpenAsync();
        var filter = new LeadFilter { From = Seed.Today.AddDays(-29), To = Seed.Today.AddDays(1) };
        var funnel = await hub.Hub.WithDbAsync(db => LeadFunnel.LoadAsync(db, filter, new FunnelOptions(), CancellationToken.None));
        var culture = HubCultures.For(language);

        await crm.Page.WaitForSelectorAsync("[data-testid=funnel-steps]");
        var counts = await crm.Page.Locator("[data-testid=funnel-step] [data-testid=step-count]").AllInnerTextsAsync();
        Assert.Equal([Fmt.Number(funnel.Overall.Leads, culture), Fmt.Number(funnel.Overall.Qualified, culture), Fmt.Number(funnel.Overall.Won, culture)],
            counts.Select(c => c.Trim()));
        Assert.True(funnel.Overall.Leads > funnel.Overall.Won && funnel.Overall.Won > 0, "the seed has leads that were and were not won");
        Assert.Equal(funnel.BySource.Count, await crm.Page.Locator("[data-testid=funnel-row]").CountAsync());

        await crm.Page.WaitForSelectorAsync("[data-testid=cohort-table]");
        var rows = crm.Page.Locator("[data-testid=cohort-row]");
        Assert.True(await rows.CountAsync() >= 4, "a month of leads spans at least four weeks");
        // The newest week is younger than 7 days: its cells are empty, not 0 %.
        var newest = rows.Last;
        Assert.Equal("", (await newest.Locator("td").Nth(2).InnerTextAsync()).Trim());
        var heading = await crm.Page.InnerTextAsync("[data-testid=cohorts]");
        Assert.Contains(language == "ar" ? "الأفواج" : "Cohorts", heading, StringComparison.Ordinal);
        Assert.False(await crm.ScrollsSidewaysAsync(), await DashboardPage.WiderThanTheScreenAsync(crm.Page));
        await Artifacts.PanelAsync(crm.Page, "funnel", $"funnel-{language}-{width}");
        await Artifacts.PanelAsync(crm.Page, "cohorts", $"cohorts-{language}-{width}");
        await crm.Page.Context.CloseAsync();
    }
}
