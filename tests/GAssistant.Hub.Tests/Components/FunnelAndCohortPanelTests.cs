using Bunit;
using GAssistant.Hub.Components.Pages.Crm;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GAssistant.Hub.Tests.Components;

/// <summary>
/// The /crm funnel and cohort panels over an in-memory SQLite database, seen on 2026-12-04: three November leads of
/// campaign Ramadan, all in the week of Monday 11-02 (Meta spent 300): a lead, an opportunity, and one won after 4 days
/// (revenue 2,000).
/// </summary>
public sealed class FunnelAndCohortPanelTests : ComponentTest
{
    private static readonly LeadFilter November = new()
    {
        From = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), To = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public FunnelAndCohortPanelTests()
    {
        _connection.Open();
        var options = new DbContextOptionsBuilder<SqliteHubDbContext>().UseSqlite(_connection).UseSnakeCaseNamingConvention().Options;
        Services.AddScoped<HubDbContext>(_ => new SqliteHubDbContext(options));
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero)));
        Services.AddOptions<FunnelOptions>();
        using var db = new SqliteHubDbContext(options);
        // The migrations, as the hub applies them: the funnel and cohorts read rollups their triggers keep.
        db.Database.Migrate();
        db.MetaCampaigns.Add(new MetaCampaign { Id = "c1", AdAccountId = "act_1", Name = "Ramadan", Currency = "SAR" });
        db.MetaDailyInsights.Add(new MetaDailyInsight { CampaignId = "c1", AdAccountId = "act_1", Date = new DateOnly(2026, 11, 10), Spend = 300m, Currency = "SAR" });
        db.Leads.AddRange(
            Lead(1, "lead", new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc)),
            Lead(2, "opportunity", new DateTime(2026, 11, 3, 9, 0, 0, DateTimeKind.Utc)),
            Lead(3, "opportunity", new DateTime(2026, 11, 4, 9, 0, 0, DateTimeKind.Utc), won: true));
        db.SaveChanges();
    }

    [Fact]
    public void The_funnel_shows_each_step_with_its_count_conversion_and_cost_and_a_row_per_source()
    {
        var panel = Render<FunnelPanel>(p => p.Add(c => c.Filter, November));

        panel.WaitForElement("[data-testid=funnel-steps]");
        var steps = panel.FindAll("[data-testid=funnel-step]");
        Assert.Equal(["lead", "qualified", "won"], steps.Select(s => s.GetAttribute("data-step")));
        Assert.Equal(["3", "2", "1"], panel.FindAll("[data-testid=step-count]").Select(c => c.TextContent));
        Assert.Equal(["66.7%", "50.0%"], panel.FindAll("[data-testid=step-rate]").Select(c => c.TextContent));
        Assert.Equal(["100.00 SAR", "150.00 SAR", "300.00 SAR"], panel.FindAll("[data-testid=step-cost]").Select(c => c.TextContent));
        Assert.Equal("4.0 days", panel.Find("[data-testid=step-days]").TextContent);
        Assert.Contains("Qualified: converted to an opportunity in Odoo, or won.", panel.Markup, StringComparison.Ordinal);
        var row = Assert.Single(panel.FindAll("[data-testid=funnel-row]"));
        Assert.Equal("Meta", row.GetAttribute("data-group"));

        panel.Find("[data-testid=funnel-by]").Change("campaign");
        Assert.Equal("Ramadan", panel.Find("[data-testid=funnel-row]").GetAttribute("data-group"));
        Assert.Equal("300.00 SAR", panel.Find("[data-testid=row-cpw]").TextContent);
    }

    [Fact]
    public void Without_leads_both_panels_say_there_is_no_data_in_arabic()
    {
        UseCulture("ar");
        var october = new LeadFilter { From = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), To = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) };

        var funnel = Render<FunnelPanel>(p => p.Add(c => c.Filter, october));
        var cohorts = Render<CohortPanel>(p => p.Add(c => c.Filter, october));

        Assert.Equal("لا توجد بيانات لهذه الفترة.", funnel.WaitForElement("[data-testid=funnel-none]").TextContent);
        Assert.Equal("لا توجد بيانات لهذه الفترة.", cohorts.WaitForElement("[data-testid=cohorts-none]").TextContent);
        Assert.Contains("مسار التحويل", funnel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Cohorts_show_the_share_and_revenue_won_and_leave_too_young_cells_empty_by_week_or_month()
    {
        var panel = Render<CohortPanel>(p => p.Add(c => c.Filter, November));

        panel.WaitForElement("[data-testid=cohort-table]");
        // All three in the week of Monday 11-02; 1 of 3 won within 7 days (and so within 14 and 30).
        var row = Assert.Single(panel.FindAll("[data-testid=cohort-row]"));
        Assert.Equal("2026-11-02", row.GetAttribute("data-start"));
        Assert.Equal("Week of 2026-11-02", row.QuerySelector("td")!.TextContent);
        var cells = row.QuerySelectorAll("[data-testid=cohort-cell]");
        Assert.Equal(["33.3%", "33.3%", "33.3%"], cells.Take(3).Select(c => c.QuerySelector("[data-testid=cohort-share]")!.TextContent));
        Assert.Equal("2,000 SAR", cells[0].QuerySelector("[data-testid=cohort-revenue]")!.TextContent);
        // 11-02 + 60 days is 2027-01-01: too young, empty.
        Assert.Equal(["true", "true"], cells.Skip(3).Select(c => c.GetAttribute("data-young")));
        Assert.All(cells.Skip(3), c => Assert.Equal("", c.TextContent.Trim()));

        panel.Find("[data-testid=cohort-by]").Change("month");
        panel.WaitForAssertion(() => Assert.Equal("November 2026", panel.Find("[data-testid=cohort-row] td").TextContent));
        Assert.Equal("3", panel.Find("[data-testid=cohort-leads]").TextContent);
    }

    private static Lead Lead(long id, string type, DateTime created, bool won = false) => new()
    {
        OdooId = id, Name = $"lead {id}", Type = type, Source = "Meta", Campaign = "Ramadan", CreateDate = created, Currency = "SAR",
        IsWon = won, DateClosed = won ? created.AddDays(4) : null, ExpectedRevenue = won ? 2000m : 500m,
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _connection.Dispose();
        }

        base.Dispose(disposing);
    }
}
