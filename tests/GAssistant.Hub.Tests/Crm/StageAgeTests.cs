using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using GAssistant.Hub.Insights;

namespace GAssistant.Hub.Tests.Crm;

/// <summary>
/// "Leads going stale" counts open leads from the rollups minus the open leads changed since the cut-off: the figures
/// must be those of counting the unchanged open leads one by one, for "All time", a date range and the filters that
/// read the leads themselves (a text search).
/// </summary>
public abstract class StageAgeTests(HubProvider provider) : HubTest(provider)
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private static Lead Lead(long id, int createdDaysAgo, int writtenDaysAgo, string? stage, decimal revenue, bool won = false, bool lost = false, bool archived = false) => new()
    {
        OdooId = id, Name = $"Lead {id}", StageName = stage, Source = id % 2 == 0 ? "Facebook" : "Website", ExpectedRevenue = revenue,
        IsWon = won, IsLost = lost, Active = !lost && !archived, Currency = "SAR", CreateDate = Now.AddDays(-createdDaysAgo),
        WriteDate = writtenDaysAgo < 0 ? null : Now.AddDays(-writtenDaysAgo), SourceVersion = Now, SyncedAt = Now,
    };

    private static IEnumerable<StageAge> CountedOneByOne(IEnumerable<Lead> leads, LeadFilter filter)
    {
        var cutoff = Now.AddDays(-StaleLeadsRule.StaleAfterDays);
        return leads.Where(l => !l.Deleted && l.Active && !l.IsWon && !l.IsLost)
            .Where(l => (filter.From is null || l.CreateDate >= filter.From) && (filter.To is null || l.CreateDate < filter.To))
            .Where(l => filter.Query is null || l.Name.Contains(filter.Query, StringComparison.OrdinalIgnoreCase))
            .GroupBy(l => string.IsNullOrEmpty(l.StageName) ? CrmSummary.NoStage : l.StageName)
            .Select(g => new StageAge(g.Key, g.Count(), g.Count(l => l.WriteDate < cutoff), g.Where(l => l.WriteDate < cutoff).Sum(l => l.ExpectedRevenue)));
    }

    private async Task AssertStageAgesAsync(IReadOnlyList<Lead> leads, LeadFilter filter)
    {
        var ages = await Hub.WithDbAsync(async db =>
            await CrmInsights.StageAgesAsync(db, filter, await LeadSlices.SlicesAsync(db, filter, CancellationToken.None), Now, CancellationToken.None));
        Assert.Equal(
            CountedOneByOne(leads, filter).Select(a => $"{a.Stage}|{a.OpenLeads}|{a.StaleLeads}|{a.StaleRevenue:0.00}").Order(StringComparer.Ordinal),
            ages.Select(a => $"{a.Stage}|{a.OpenLeads}|{a.StaleLeads}|{a.StaleRevenue:0.00}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Stale_leads_per_stage_are_the_open_leads_unchanged_since_the_cutoff()
    {
        var leads = new List<Lead>
        {
            Lead(1, 90, 60, "New", 1000m),                    // stale
            Lead(2, 90, 2, "New", 2000m),                     // changed this week
            Lead(3, 40, 20, "Qualified", 3000.25m),           // stale
            Lead(4, 40, 14, "Qualified", 500m),               // changed exactly at the cut-off: not stale
            Lead(5, 10, 10, "Qualified", 700m),
            Lead(6, 100, 80, "Won", 9000m, won: true),        // closed: neither open nor stale
            Lead(7, 100, 80, "New", 9000m, lost: true),
            Lead(8, 100, 80, "New", 9000m, archived: true),
            Lead(9, 200, 150, null, 400m),                    // no stage, stale
            Lead(10, 5, -1, "New", 800m),                     // no write date: open, not known to be stale
            Lead(11, 300, 250, "Proposition", 50m),
        };
        await Hub.WithDbAsync(db =>
        {
            db.Leads.AddRange(leads.Select(l => Lead(l.OdooId, (int)(Now - l.CreateDate!.Value).TotalDays,
                l.WriteDate is { } w ? (int)(Now - w).TotalDays : -1, l.StageName, l.ExpectedRevenue, l.IsWon, l.IsLost, !l.Active && !l.IsLost)));
            return db.SaveChangesAsync();
        });

        await AssertStageAgesAsync(leads, new LeadFilter());
        await AssertStageAgesAsync(leads, new LeadFilter { From = Now.Date.AddDays(-60), To = Now.Date.AddDays(1) });
        await AssertStageAgesAsync(leads, new LeadFilter { Query = "Lead 1" });

        var all = await Hub.WithDbAsync(async db =>
            await CrmInsights.StageAgesAsync(db, new LeadFilter(), await LeadSlices.SlicesAsync(db, new LeadFilter(), CancellationToken.None), Now, CancellationToken.None));
        var stageNew = Assert.Single(all, a => a.Stage == "New");
        Assert.Equal((3, 1, 1000m), (stageNew.OpenLeads, stageNew.StaleLeads, stageNew.StaleRevenue));
        Assert.Equal((1, 1, 400m), all.Where(a => a.Stage == CrmSummary.NoStage).Select(a => (a.OpenLeads, a.StaleLeads, a.StaleRevenue)).Single());
    }
}

public sealed class StageAgeTestsOnSqlite() : StageAgeTests(HubProvider.Sqlite);

public sealed class StageAgeTestsOnPostgres() : StageAgeTests(HubProvider.Postgres);
