using Bunit;
using GAssistant.Hub.Components.Pages.Campaigns;
using GAssistant.Hub.Crm;

namespace GAssistant.Hub.Tests.Components;

public sealed class LeadQualityTableTests : ComponentTest
{
    private static readonly LeadQualityRow[] Rows = [new("<b>Ramadan</b>", 8, 2, 6, 1), new("", 1, 0, 0, 1)];

    [Fact]
    public void The_lead_quality_table_shows_repeats_existing_customers_and_phones_to_check_per_campaign()
    {
        var table = Render<LeadQualityTable>(p => p.Add(c => c.Rows, Rows));

        var first = table.FindAll("tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["<b>Ramadan</b>", "8", "2", "6", "75.0%", "1"], first);
        Assert.Empty(table.FindAll("tbody b"));
        Assert.Equal("No campaign (organic)", table.FindAll("[data-testid=quality-campaign]")[1].TextContent);
        Assert.Contains("Repeat submissions", table.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void In_arabic_the_headers_and_the_organic_row_are_arabic()
    {
        UseCulture("ar");

        var table = Render<LeadQualityTable>(p => p.Add(c => c.Rows, Rows));

        Assert.Contains("تقديمات مكررة", table.Markup, StringComparison.Ordinal);
        Assert.Contains("هواتف للتحقق", table.Markup, StringComparison.Ordinal);
        Assert.Equal("بدون حملة (عضوي)", table.FindAll("[data-testid=quality-campaign]")[1].TextContent);
    }

    [Fact]
    public void Without_meta_leads_the_table_says_so() =>
        Assert.Contains("No Meta lead came in these dates.", Render<LeadQualityTable>(p => p.Add(c => c.Rows, [])).Markup, StringComparison.Ordinal);
}
