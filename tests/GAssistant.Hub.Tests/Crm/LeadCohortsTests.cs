using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;

namespace GAssistant.Hub.Tests.Crm;

/// <summary>
/// /crm's cohorts with worked numbers, seen on Friday 2026-12-04 at noon (UTC). The week of Monday 10-26: A won after 6
/// days (1,000), B after 23 days (2,000), C open, and a test lead won the next day, left out. The week of 11-23: E won
/// the next day (500), F open, H won with no closing date (counted in the cohort, in no cell). The week of 11-30: G.
/// </summary>
public abstract class LeadCohortsTests(HubProvider provider) : HubTest(provider)
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Weekly_cohorts_give_the_share_and_revenue_won_within_each_age_and_null_where_the_cohort_is_too_young()
    {
        await SeedAsync();

        var cohorts = await Hub.WithDbAsync(db => LeadCohorts.LoadAsync(db, new LeadFilter { From = new DateTime(2026, 10, 26, 0, 0, 0, DateTimeKind.Utc) },
            CohortPeriod.Week, Now, CancellationToken.None));

        Assert.Equal("SAR", cohorts.Currency);
        Assert.Equal([new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30)], cohorts.Cohorts.Select(c => c.Start));
        Assert.Equal([3, 3, 1], cohorts.Cohorts.Select(c => c.Leads));
        // 10-26 + 60 days is 12-25, still to come.
        Assert.Equal(
            [Cell(7, 1, 33.33m, 1000m), Cell(14, 1, 33.33m, 1000m), Cell(30, 2, 66.67m, 3000m), Young(60), Young(90)],
            cohorts.Cohorts[0].Cells);
        // 11-23 + 7 days is 11-30, reached; + 14 is 12-07, not.
        Assert.Equal([Cell(7, 1, 33.33m, 500m), Young(14), Young(30), Young(60), Young(90)], cohorts.Cohorts[1].Cells);
        Assert.All(cohorts.Cohorts[2].Cells, c => Assert.Null(c.WonShare));
    }

    [Fact]
    public async Task Monthly_cohorts_cover_the_last_twelve_months_without_a_start_date()
    {
        await SeedAsync();
        await Hub.WithDbAsync(db =>
        {
            db.Leads.Add(Lead(20, new DateTime(2025, 12, 15, 10, 0, 0, DateTimeKind.Utc)));  // before 2026-01: outside
            db.Leads.Add(Lead(21, new DateTime(2026, 1, 2, 10, 0, 0, DateTimeKind.Utc), wonAfter: 95, revenue: 700m));
            return db.SaveChangesAsync();
        });

        var cohorts = await Hub.WithDbAsync(db => LeadCohorts.LoadAsync(db, new LeadFilter(), CohortPeriod.Month, Now, CancellationToken.None));

        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)], cohorts.Cohorts.Select(c => c.Start));
        Assert.Equal([1, 3, 3, 1], cohorts.Cohorts.Select(c => c.Leads));
        // Won after 95 days: in no cell up to 90 days, though every age is reached.
        Assert.Equal([Cell(7, 0, 0m, 0m), Cell(14, 0, 0m, 0m), Cell(30, 0, 0m, 0m), Cell(60, 0, 0m, 0m), Cell(90, 0, 0m, 0m)], cohorts.Cohorts[0].Cells);
        // 10-01 + 60 days is 11-30, reached; + 90 is 12-30, not.
        Assert.Equal(
            [Cell(7, 1, 33.33m, 1000m), Cell(14, 1, 33.33m, 1000m), Cell(30, 2, 66.67m, 3000m), Cell(60, 2, 66.67m, 3000m), Young(90)],
            cohorts.Cohorts[1].Cells);
        // 11-01 + 30 days is 12-01, reached.
        Assert.Equal([Cell(7, 1, 33.33m, 500m), Cell(14, 1, 33.33m, 500m), Cell(30, 1, 33.33m, 500m), Young(60), Young(90)], cohorts.Cohorts[2].Cells);
        Assert.All(cohorts.Cohorts[3].Cells, c => Assert.Equal((null, null, null), (c.Won, c.WonShare, c.WonRevenue)));
    }

    [Fact]
    public async Task No_leads_give_no_cohorts()
    {
        var cohorts = await Hub.WithDbAsync(db => LeadCohorts.LoadAsync(db, new LeadFilter(), CohortPeriod.Week, Now, CancellationToken.None));

        Assert.Empty(cohorts.Cohorts);
        Assert.Null(cohorts.Currency);
    }

    [Fact]
    public void A_week_starts_on_its_monday_and_a_month_on_its_first()
    {
        Assert.Equal(new DateOnly(2026, 11, 30), LeadCohorts.StartOf(new DateOnly(2026, 12, 4), CohortPeriod.Week));
        Assert.Equal(new DateOnly(2026, 11, 30), LeadCohorts.StartOf(new DateOnly(2026, 12, 6), CohortPeriod.Week));
        Assert.Equal(new DateOnly(2026, 11, 30), LeadCohorts.StartOf(new DateOnly(2026, 11, 30), CohortPeriod.Week));
        Assert.Equal(new DateOnly(2026, 12, 1), LeadCohorts.StartOf(new DateOnly(2026, 12, 31), CohortPeriod.Month));
    }

    private Task<int> SeedAsync() => Hub.WithDbAsync(db =>
    {
        db.Leads.AddRange(
            Lead(1, At(10, 26), wonAfter: 6, revenue: 1000m),
            Lead(2, At(10, 28), wonAfter: 23, revenue: 2000m),
            Lead(3, At(10, 30)),
            Lead(4, At(10, 27), wonAfter: 1, revenue: 9000m, test: true),
            Lead(5, At(11, 24), wonAfter: 1, revenue: 500m),
            Lead(6, At(11, 26)),
            Lead(7, At(11, 24), revenue: 4000m, wonUndated: true),
            Lead(8, At(12, 1)));
        return db.SaveChangesAsync();
    });

    private static CohortCell Cell(int days, int won, decimal share, decimal revenue) => new(days, won, share, revenue);

    private static CohortCell Young(int days) => new(days, null, null, null);

    private static DateTime At(int month, int day) => new(2026, month, day, 10, 0, 0, DateTimeKind.Utc);

    private static Lead Lead(long id, DateTime created, int? wonAfter = null, decimal revenue = 0m, bool test = false, bool wonUndated = false) => new()
    {
        OdooId = id, Name = $"lead {id}", Type = "opportunity", CreateDate = created, ExpectedRevenue = revenue, Currency = "SAR",
        IsWon = wonAfter is not null || wonUndated, DateClosed = wonAfter is { } days ? created.AddDays(days) : null, IsTest = test,
        SourceVersion = created, SyncedAt = created,
    };
}

public sealed class LeadCohortsTestsOnSqlite() : LeadCohortsTests(HubProvider.Sqlite);

public sealed class LeadCohortsTestsOnPostgres() : LeadCohortsTests(HubProvider.Postgres);
