using Bunit;
using GAssistant.Hub.Components.Shared;
using GAssistant.Hub.Insights;

namespace GAssistant.Hub.Tests.Components;

public sealed class CardAndInsightTests : ComponentTest
{
    [Fact]
    public void A_card_shows_its_label_and_figure_and_carries_the_raw_number()
    {
        var card = Render<StatCard>(p => p.Add(c => c.Label, "Total leads").Add(c => c.Value, "1,234").Add(c => c.Raw, "1234").Add(c => c.TestId, "total-leads"));

        Assert.Equal("Total leads", card.Find(".stat-label").TextContent);
        Assert.Equal("1,234", card.Find(".stat-value").TextContent);
        Assert.Equal("1234", card.Find("[data-testid=total-leads]").GetAttribute("data-value"));
    }

    [Fact]
    public void A_month_of_days_labels_only_every_fifth_day_so_the_labels_do_not_overlap()
    {
        var days = Enumerable.Range(0, 30).Select(d => (new DateOnly(2026, 10, 26).AddDays(d).ToString("dd/MM", System.Globalization.CultureInfo.InvariantCulture), (double)d)).ToList();
        var chart = Render<LineChart>(p => p.Add(c => c.Points, days).Add(c => c.Series, "Leads"));

        var labels = chart.FindAll("text").Select(t => t.TextContent.Trim()).Where(t => t.Contains('/', StringComparison.Ordinal)).ToList();
        Assert.Equal(["26/10", "31/10", "05/11", "10/11", "15/11", "20/11"], labels);
    }

    [Fact]
    public void An_insight_says_why_in_english_with_its_numbers()
    {
        var panel = Render<InsightPanel>(p => p.Add(c => c.Items, [new Insight("StaleLeads", InsightLevel.Warning, "Qualified", ["Qualified", 4, 6, 66.7, 14, 48000m])]));

        Assert.Equal("4 leads going stale in Qualified", panel.Find("[data-testid=insight] strong").TextContent);
        Assert.Contains("4 of 6 open leads in Qualified (66.7%) have not changed for 14 days or more, worth 48,000", panel.Find(".why").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_insight_in_arabic_uses_arabic_words_and_the_hubs_digits()
    {
        UseCulture("ar");
        var panel = Render<InsightPanel>(p => p.Add(c => c.Items, [new Insight("StaleLeads", InsightLevel.Warning, "مؤهل", ["مؤهل", 4, 6, 66.7, 14, 48000m])]));

        Assert.Equal("4 عملاء محتملون راكدون في مرحلة مؤهل", panel.Find("[data-testid=insight] strong").TextContent);
        Assert.Contains("66.7", panel.Find(".why").TextContent, StringComparison.Ordinal);
        Assert.Contains("48,000", panel.Find(".why").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subject_that_looks_like_markup_stays_text()
    {
        var panel = Render<InsightPanel>(p => p.Add(c => c.Items, [new Insight("FallingConversion", InsightLevel.Warning, "<b>x</b>", ["<b>x</b>", 50.0, 10.0, 5, 10, 1, 10])]));

        Assert.Empty(panel.FindAll("[data-testid=insight] b"));
        Assert.Equal("Conversion from <b>x</b> is falling", panel.Find("[data-testid=insight] strong").TextContent);
    }

    [Fact]
    public void No_insight_reads_as_nothing_to_do()
    {
        var panel = Render<InsightPanel>(p => p.Add(c => c.Items, []));
        Assert.Equal("Nothing needs attention in these figures.", panel.Find("[data-testid=no-insights]").TextContent);
    }

    [Fact]
    public void A_breakdown_row_shows_conversion_of_its_leads()
    {
        var table = Render<BreakdownTable>(p => p.Add(c => c.Rows, [new BreakdownRow("Facebook", 16, 2, 200000m), new BreakdownRow("(none)", 0, 0, 0m)]).Add(c => c.Currency, "SAR"));

        var cells = table.FindAll("[data-testid=breakdown-row]")[0].QuerySelectorAll("td").Select(td => td.TextContent).ToArray();
        Assert.Equal(["Facebook", "16", "2", "12.5%", "200,000 SAR"], cells); // whole money: the table keeps its columns on a phone
        Assert.Equal("(none)", table.FindAll("[data-testid=breakdown-row]")[1].QuerySelector("td")!.TextContent);
    }
}
