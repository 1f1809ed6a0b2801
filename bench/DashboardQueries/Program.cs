using System.Diagnostics;
using System.Globalization;
using GAssistant.Bench.DashboardQueries;
using GAssistant.Hub.Analytics;
using GAssistant.Hub.Components.Pages.Campaigns;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

// Times the figures of /crm and /campaigns on a database with many leads, next to a plain GROUP BY over the raw
// leads table in the same run. Usage: GAssistant.Hub.Benchmarks [sqlite|postgres|both] [leads=1000000] [runs=30]
args = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Concat(args.Where(a => a.StartsWith("--", StringComparison.Ordinal))).ToArray();
var providers = (args.ElementAtOrDefault(0) ?? "both") switch
{
    "sqlite" => new[] { "sqlite" },
    "postgres" => ["postgres"],
    _ => ["sqlite", "postgres"],
};
var leadCount = int.Parse(args.ElementAtOrDefault(1) ?? "1000000", CultureInfo.InvariantCulture);
var runs = int.Parse(args.ElementAtOrDefault(2) ?? "30", CultureInfo.InvariantCulture);
var today = DateTime.UtcNow.Date;
var now = DateTime.UtcNow;

foreach (var provider in providers)
{
    var folder = Directory.CreateTempSubdirectory("gah-dash-").FullName;
    var connection = provider == "postgres" ? await PostgresServer.CreateDatabaseAsync() + ";Command Timeout=0" : $"Data Source={Path.Combine(folder, "hub.db")};Pooling=true";
    HubDbContext NewDb() => provider == "postgres"
        ? new PostgresHubDbContext(new DbContextOptionsBuilder<PostgresHubDbContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention().Options)
        : new SqliteHubDbContext(new DbContextOptionsBuilder<SqliteHubDbContext>().UseSqlite(connection).UseSnakeCaseNamingConvention().Options);

    var load = Stopwatch.StartNew();
    await using (var db = NewDb())
    {
        await db.Database.MigrateAsync();
        if (provider == "sqlite")
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        if (provider == "postgres")
        {
            // Row triggers keep the rollups during normal writes; a bulk load fills them once afterwards, as the migration does.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE leads DISABLE TRIGGER USER");
            await BulkInsert.RunAsync(db, SyntheticData.Leads(leadCount, today));
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE leads ENABLE TRIGGER USER");
            await db.Database.ExecuteSqlRawAsync(LeadDailyStatsSql.PostgresBackfill);
        }
        else
        {
            await BulkInsert.RunAsync(db, SyntheticData.Leads(leadCount, today));
        }
        await BulkInsert.RunAsync(db, SyntheticData.Orders(SyntheticData.Leads(leadCount, today)));
        await BulkInsert.RunAsync(db, SyntheticData.Campaigns(today));
        await BulkInsert.RunAsync(db, SyntheticData.Insights(today));
        db.MetaAdAccounts.Add(new MetaAdAccount { Id = "act_1", Name = "Bench", Currency = "SAR", SyncedAt = today });
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync(provider == "postgres" ? "VACUUM ANALYZE" : "ANALYZE");
    }

    Console.WriteLine($"{provider}: {leadCount:N0} leads, 100 campaigns x 365 days of insights loaded in {load.Elapsed.TotalSeconds:N0} s");

    var last30 = new LeadFilter { From = today.AddDays(-29), To = today.AddDays(1) };
    var before30 = last30 with { From = today.AddDays(-59), To = today.AddDays(-29) };
    var from = DateOnly.FromDateTime(today.AddDays(-29));
    var to = DateOnly.FromDateTime(today);
    var baseline = await TimeAsync(runs, NewDb, async db =>
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT stage_name, COUNT(*), SUM(expected_revenue) FROM leads GROUP BY stage_name";
        await db.Database.OpenConnectionAsync();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    });
    var results = new List<(string Name, double P50, double P95)>
    {
        ("plain GROUP BY stage over all leads (baseline)", baseline.P50, baseline.P95),
        Named("/crm figures, last 30 days (page default)", await TimeAsync(runs, NewDb, db => CrmDashboard.LoadAsync(db, last30, before30, now, CancellationToken.None))),
        Named("/crm figures, all time", await TimeAsync(runs, NewDb, db => CrmDashboard.LoadAsync(db, new LeadFilter(), null, now, CancellationToken.None))),
        Named("/crm filter lists (stages, sources, campaigns)", await TimeAsync(runs, NewDb, db => LeadFilterLists.LoadAsync(db, CancellationToken.None))),
        Named("/api/crm/summary, last 30 days", await TimeAsync(runs, NewDb, db => CrmSummary.ComputeAsync(db, last30, CancellationToken.None))),
        Named("/crm leads table, first page of last 30 days", await TimeAsync(runs, NewDb, db => LeadsTablePageAsync(db, last30))),
        Named("/crm leads table, first page of all time", await TimeAsync(runs, NewDb, db => LeadsTablePageAsync(db, new LeadFilter()))),
        Named("/campaigns figures, last 30 days (page default)", await TimeAsync(runs, NewDb, db =>
            CampaignFigures.LoadAsync(db, new AttributionService(db), from, to, 3m, CancellationToken.None))),
    };
    if (args.Contains("--sql"))
    {
        // One campaign report with each SQL command and its time, to see where the time goes.
        var options = provider == "postgres"
            ? new DbContextOptionsBuilder<PostgresHubDbContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention()
                .LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]).Options
            : (DbContextOptions)new DbContextOptionsBuilder<SqliteHubDbContext>().UseSqlite(connection).UseSnakeCaseNamingConvention()
                .LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]).Options;
        await using var logged = provider == "postgres" ? new PostgresHubDbContext((DbContextOptions<PostgresHubDbContext>)options) : (HubDbContext)new SqliteHubDbContext((DbContextOptions<SqliteHubDbContext>)options);
        await CampaignFigures.LoadAsync(logged, new AttributionService(logged), from, to, 3m, CancellationToken.None);
    }

    if (args.Contains("--parts"))
    {
        results.Add(Named("  part: lead slices + days, last 30 days", await TimeAsync(runs, NewDb, db => LeadSlices.LoadAsync(db, last30, CancellationToken.None))));
        results.Add(Named("  part: stale leads per stage, last 30 days", await TimeAsync(runs, NewDb, async db => await CrmInsights.StageAgesAsync(db, last30, await LeadSlices.SlicesAsync(db, last30, CancellationToken.None), now, CancellationToken.None))));
        results.Add(Named("  part: lead slices + days + campaigns, all time", await TimeAsync(runs, NewDb, db => LeadSlices.LoadAsync(db, new LeadFilter(), CancellationToken.None))));
        results.Add(Named("  part: stale leads per stage, all time", await TimeAsync(runs, NewDb, async db => await CrmInsights.StageAgesAsync(db, new LeadFilter(), await LeadSlices.SlicesAsync(db, new LeadFilter(), CancellationToken.None), now, CancellationToken.None))));
        var start = today.AddDays(-29);
        var end = today.AddDays(1);
        results.Add(Named("  part: attribution's lead read, last 30 days", await TimeAsync(runs, NewDb, db => db.Leads.AsNoTracking()
            .Where(l => !l.Deleted && l.CreateDate >= start && l.CreateDate < end)
            .Select(l => new Lead { OdooId = l.OdooId, Campaign = l.Campaign, IsWon = l.IsWon, Type = l.Type, CreateDate = l.CreateDate, DateClosed = l.DateClosed })
            .ToListAsync())));
        results.Add(Named("  part: attribution (all leads, as /api/analytics/attribution), last 30 days", await TimeAsync(runs, NewDb, db => new AttributionService(db).BuildAsync(from, to, AttributionLevel.Campaign, CancellationToken.None))));
        results.Add(Named("  part: campaign report, last 30 days", await TimeAsync(runs, NewDb, db => GAssistant.Hub.Meta.CampaignReport.BuildAsync(db, new AttributionService(db), from, to, CancellationToken.None))));
    }

    Console.WriteLine($"| {provider} | p50 ms | p95 ms | p50 / baseline p50 |");
    Console.WriteLine("| --- | ---: | ---: | ---: |");
    foreach (var (name, p50, p95) in results)
    {
        Console.WriteLine($"| {name} | {p50:N1} | {p95:N1} | {p50 / baseline.P50:N2} |");
    }

    Console.WriteLine();
}

// The leads table as /crm loads it: its total as the page counts it, and the newest 25 leads.
static async Task LeadsTablePageAsync(HubDbContext db, LeadFilter filter)
{
    await LeadSlices.CountAsync(db, filter, CancellationToken.None);
    await db.Leads.AsNoTracking().Filtered(filter).Sorted(null, true).Take(25).ToListAsync();
}

static (string, double, double) Named(string name, (double P50, double P95) t) => (name, t.P50, t.P95);

// A fresh DbContext per run, as each page render gets one; two warm-up runs first.
static async Task<(double P50, double P95)> TimeAsync(int runs, Func<HubDbContext> newDb, Func<HubDbContext, Task> work)
{
    var times = new List<double>();
    for (var i = -2; i < runs; i++)
    {
        await using var db = newDb();
        var watch = Stopwatch.StartNew();
        await work(db);
        if (i >= 0)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    times.Sort();
    return (Percentile(times, 0.50), Percentile(times, 0.95));
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
