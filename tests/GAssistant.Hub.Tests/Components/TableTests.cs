using Bunit;
using GAssistant.Hub.Components.Pages.Campaigns;
using GAssistant.Hub.Components.Pages.Crm;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using GAssistant.Hub.Meta;

namespace GAssistant.Hub.Tests.Components;

public sealed class TableTests : ComponentTest
{
    private static Lead Lead(long id, string name, decimal revenue) => new()
    {
        OdooId = id, Name = name, PartnerName = "<script>alert(2)</script>", StageName = "New", Source = "Website", ExpectedRevenue = revenue,
        Currency = "SAR", Probability = 25, CreateDate = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), Score = 81.5,
    };

    [Fact]
    public void The_leads_table_asks_for_a_page_and_shows_its_rows_as_text()
    {
        LeadTable.Request? asked = null;
        var table = Render<LeadTable>(p => p.Add(c => c.Load, request =>
        {
            asked = request;
            return Task.FromResult(new LeadPage([Lead(1, "<img src=x onerror=alert(1)>", 1234.5m), Lead(2, "استفسار", 10m)], 42));
        }));

        table.WaitForAssertion(() => Assert.Equal(2, table.FindAll("[data-testid=lead-name]").Count));
        Assert.Equal(new LeadTable.Request(0, 25, "create_date", true, asked!.Cancellation), asked);
        Assert.Equal("<img src=x onerror=alert(1)>", table.FindAll("[data-testid=lead-name]")[0].TextContent);
        Assert.Empty(table.FindAll("table img"));
        Assert.Empty(table.FindAll("table script"));
        Assert.Contains("1,234.50 SAR", table.Markup, StringComparison.Ordinal);
        Assert.Equal("81.5", table.FindAll("[data-testid=lead-score]")[0].TextContent);
        Assert.Equal("42", table.Find("[data-testid=leads-total]").GetAttribute("data-value"));
    }

    [Fact]
    public void The_campaign_table_shows_every_column_and_dashes_for_undefined_ratios()
    {
        CampaignRow[] rows =
        [
            new("c1", "Ramadan Offer", "ACTIVE", "ACTIVE", "LEADS", 2940m, 300000, 4500, 1.5m, 90, 32.67m, 2, 20000m, 6.8m, "SAR"),
            new("c2", "<b>New</b>", "PAUSED", "PAUSED", "LEADS", 0m, 0, 0, null, 0, null, 0, 0m, null, "SAR"),
        ];
        var table = Render<CampaignTable>(p => p.Add(c => c.Rows, rows));

        var first = table.FindAll("tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        // Meta's status in the reader's words; spend and revenue without cents so the eleven columns fit at 1440 px.
        Assert.Equal(["Ramadan Offer", "Active", "2,940 SAR", "300,000", "4,500", "1.5%", "90", "32.67 SAR", "2", "20,000 SAR", "6.80"], first);
        var second = table.FindAll("tbody tr")[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal("<b>New</b>", second[0]);
        Assert.Equal(["—", "—", "—"], new[] { second[5], second[7], second[10] });
        Assert.Empty(table.FindAll("tbody b"));
    }
}
