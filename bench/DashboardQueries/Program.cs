using System.Diagnostics;
using System.Globalization;
using GAssistant.Bench.DashboardQueries;
using GAssistant.Hub.Analytics;
using GAssistant.Hub.Components.Pages.Campaigns;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

// Times the figures of /crm (with its funnel and cohorts), /campaigns (with its drill-down) and
// /api/analytics/attribution on a database with many leads, each next to a plain GROUP BY over the raw tables in the
// same run. Usage: GAssistant.Hub.Benchmarks [sqlite|postgres|both] [leads=1000000] [runs=30]
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
            await db.Database.ExecuteSqlRawAsync(LeadDailyStatsSql.PostgresOutcomesBackfill);
        }
        else
        {
            await BulkInsert.RunAsync(db, SyntheticData.Leads(leadCount, today));
        }
        var leadsLoaded = load.Elapsed;
        await BulkInsert.RunAsync(db, SyntheticData.Orders(SyntheticData.Leads(leadCount, today)));
        await BulkInsert.RunAsync(db, SyntheticData.Links(SyntheticData.Leads(leadCount, today)));
        // The hub's interceptor gives a lead its Meta campaign when either arrives; a bulk load does it once, triggers on.
        await db.Database.ExecuteSqlRawAsync(LeadDailyStatsSql.MetaCampaignFill);
        await BulkInsert.RunAsync(db, SyntheticData.Campaigns(today));
        await BulkInsert.RunAsync(db, SyntheticData.Insights(today));
        await BulkInsert.RunAsync(db, SyntheticData.AdInsights(today));
        db.MetaAdAccounts.Add(new MetaAdAccount { Id = "act_1", Name = "Bench", Currency = "SAR", SyncedAt = today });
        await db.SaveChangesAsync();
        var restLoaded = load.Elapsed;
        await db.Database.ExecuteSqlRawAsync(provider == "postgres" ? "VACUUM ANALYZE" : "ANALYZE");
        Console.WriteLine($"{provider}: leads (with rollups) {leadsLoaded.TotalSeconds:N0} s, orders + links + campaigns + insights {(restLoaded - leadsLoaded).TotalSeconds:N0} s, " +
            $"{(provider == "postgres" ? "VACUUM ANALYZE" : "ANALYZE")} {(load.Elapsed - restLoaded).TotalSeconds:N0} s");
    }

    Console.WriteLine($"{provider}: {leadCount:N0} leads ({await CountAsync("meta_lead_links"):N0} with a Meta lead link), 100 campaigns x 365 days of insights " +
        $"({await CountAsync("meta_ad_daily_insights"):N0} ad-level rows) loaded in {load.Elapsed.TotalSeconds:N0} s");

    var last30 = new LeadFilter { From = today.AddDays(-29), To = today.AddDays(1) };
    var before30 = last30 with { From = today.AddDays(-59), To = today.AddDays(-29) };
    var from = DateOnly.FromDateTime(today.AddDays(-29));
    var to = DateOnly.FromDateTime(today);
    var last60 = last30 with { From = today.AddDays(-59) };
    var start30 = today.AddDays(-29);
    var end30 = today.AddDays(1);

    // The drill-down's campaign: the one with the most linked leads in the month, and its busiest ad set.
    string campaignId, adsetId;
    await using (var db = NewDb())
    {
        var linked = db.MetaLeadLinks.AsNoTracking().Where(k => k.CampaignId != null && k.CreatedTime >= start30 && k.CreatedTime < end30);
        campaignId = await linked.GroupBy(k => k.CampaignId!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync();
        adsetId = await linked.Where(k => k.CampaignId == campaignId && k.AdsetId != null)
            .GroupBy(k => k.AdsetId!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync();
    }

    // Plain GROUP BYs over the raw tables, each next to the figures it compares with (parameters: @d = not deleted,
    // @from/@to the month's instants, @from60 the two months', @fromWeeks the cohorts' 12 weeks, @day0/@day1 its days).
    var week = provider == "postgres" ? "date_trunc('week', create_date)" : "strftime('%Y-%W', create_date)";
    var cohortStart = LeadCohorts.StartOf(DateOnly.FromDateTime(now), CohortPeriod.Week).AddDays(-7 * (LeadCohorts.DefaultPeriods - 1))
        .ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    var parameters = new Dictionary<string, object>
    {
        ["d"] = false, ["from"] = start30, ["to"] = end30, ["from60"] = today.AddDays(-59), ["fromWeeks"] = cohortStart,
        ["day0"] = from, ["day1"] = to, ["c"] = campaignId, ["s"] = adsetId,
    };
    Task<(double P50, double P95)> Plain(params string[] sql) => TimeAsync(runs, NewDb, db => SqlAsync(db, parameters, sql));
    var baseline = await Plain("SELECT stage_name, COUNT(*), SUM(expected_revenue) FROM leads GROUP BY stage_name");
    var stagesOf60 = await Plain("SELECT stage_name, COUNT(*), SUM(expected_revenue) FROM leads WHERE deleted = @d AND create_date >= @from60 AND create_date < @to GROUP BY stage_name");
    var byCampaign = await Plain("SELECT source, campaign, is_won, COUNT(*) FROM leads WHERE deleted = @d AND create_date >= @from AND create_date < @to GROUP BY source, campaign, is_won");
    var weeks30 = await Plain($"SELECT {week}, is_won, COUNT(*), SUM(expected_revenue) FROM leads WHERE deleted = @d AND create_date >= @from AND create_date < @to GROUP BY 1, is_won");
    var weeks12 = await Plain($"SELECT {week}, is_won, COUNT(*), SUM(expected_revenue) FROM leads WHERE deleted = @d AND create_date >= @fromWeeks GROUP BY 1, is_won");
    const string linkedLeads = "FROM meta_lead_links k JOIN leads l ON l.odoo_id = k.odoo_lead_id WHERE k.campaign_id = @c AND l.deleted = @d AND l.create_date >= @from AND l.create_date < @to";
    var byAdset = await Plain(
        $"SELECT k.adset_id, COUNT(*), SUM(CASE WHEN l.is_won THEN 1 ELSE 0 END) {linkedLeads} GROUP BY k.adset_id",
        "SELECT adset_id, SUM(spend), SUM(leads) FROM meta_ad_daily_insights WHERE campaign_id = @c AND date >= @day0 AND date <= @day1 GROUP BY adset_id");
    var byAd = await Plain(
        $"SELECT k.ad_id, COUNT(*), SUM(CASE WHEN l.is_won THEN 1 ELSE 0 END) {linkedLeads} AND k.adset_id = @s GROUP BY k.ad_id",
        "SELECT ad_id, SUM(spend), SUM(leads) FROM meta_ad_daily_insights WHERE campaign_id = @c AND adset_id = @s AND date >= @day0 AND date <= @day1 GROUP BY ad_id");
    const string monthLeads = "FROM leads l LEFT JOIN meta_lead_links k ON k.odoo_lead_id = l.odoo_id WHERE l.deleted = @d AND l.create_date >= @from AND l.create_date < @to";
    var attributionCampaign = await Plain(
        $"SELECT COALESCE(k.campaign_id, l.campaign), COUNT(*), SUM(CASE WHEN l.is_won THEN 1 ELSE 0 END) {monthLeads} GROUP BY COALESCE(k.campaign_id, l.campaign)",
        "SELECT campaign_id, SUM(spend), SUM(leads) FROM meta_daily_insights WHERE date >= @day0 AND date <= @day1 GROUP BY campaign_id");
    var attributionAd = await Plain(
        $"SELECT COALESCE(k.campaign_id, l.campaign), k.adset_id, k.ad_id, COUNT(*), SUM(CASE WHEN l.is_won THEN 1 ELSE 0 END) {monthLeads} GROUP BY COALESCE(k.campaign_id, l.campaign), k.adset_id, k.ad_id",
        "SELECT campaign_id, adset_id, ad_id, SUM(spend), SUM(leads) FROM meta_ad_daily_insights WHERE date >= @day0 AND date <= @day1 GROUP BY campaign_id, adset_id, ad_id");

    var results = new List<Row>
    {
        new("plain GROUP BY stage over all leads (baseline)", baseline, baseline.P50),
        new("/crm figures, last 30 days", await TimeAsync(runs, NewDb, db => CrmDashboard.LoadAsync(db, last30, before30, now, CancellationToken.None)), baseline.P50),
        new("  baseline: GROUP BY stage, leads of the last 60 days", stagesOf60, stagesOf60.P50),
        new("/crm figures + previous period (page default)", await TimeAsync(runs, NewDb, db => CrmDashboard.LoadAsync(db, last30, before30, now, CancellationToken.None, before30)), stagesOf60.P50),
        new("/crm figures, all time", await TimeAsync(runs, NewDb, db => CrmDashboard.LoadAsync(db, new LeadFilter(), null, now, CancellationToken.None)), baseline.P50),
        new("/crm filter lists (stages, sources, campaigns)", await TimeAsync(runs, NewDb, db => LeadFilterLists.LoadAsync(db, CancellationToken.None)), baseline.P50),
        new("/api/crm/summary, last 30 days", await TimeAsync(runs, NewDb, db => CrmSummary.ComputeAsync(db, last30, CancellationToken.None)), baseline.P50),
        new("/crm leads table, first page of last 30 days", await TimeAsync(runs, NewDb, db => LeadsTablePageAsync(db, last30)), baseline.P50),
        new("/crm leads table, first page of all time", await TimeAsync(runs, NewDb, db => LeadsTablePageAsync(db, new LeadFilter())), baseline.P50),
        new("  baseline: GROUP BY source, campaign, won, last 30 days", byCampaign, byCampaign.P50),
        new("/crm funnel, last 30 days", await TimeAsync(runs, NewDb, db => LeadFunnel.LoadAsync(db, last30, new FunnelOptions(), CancellationToken.None)), byCampaign.P50),
        new("  baseline: GROUP BY created week, won, last 30 days", weeks30, weeks30.P50),
        new("/crm cohorts by week, last 30 days", await TimeAsync(runs, NewDb, db => LeadCohorts.LoadAsync(db, last30, CohortPeriod.Week, now, CancellationToken.None)), weeks30.P50),
        new("  baseline: GROUP BY created week, won, last 12 weeks", weeks12, weeks12.P50),
        new("/crm cohorts by week, default 12 weeks (all time)", await TimeAsync(runs, NewDb, db => LeadCohorts.LoadAsync(db, new LeadFilter(), CohortPeriod.Week, now, CancellationToken.None)), weeks12.P50),
        new("/campaigns figures, last 30 days (page default)", await TimeAsync(runs, NewDb, db =>
            CampaignFigures.LoadAsync(db, new AttributionService(db), from, to, 3m, CancellationToken.None)), baseline.P50),
        new("  baseline: linked leads + ad insights of the campaign by ad set, last 30 days", byAdset, byAdset.P50),
        new("/campaigns drill-down, campaign level (its ad sets), last 30 days", await TimeAsync(runs, NewDb, db =>
            CampaignDrill.LoadAsync(db, new AttributionService(db), campaignId, null, null, from, to, CancellationToken.None)), byAdset.P50),
        new("  baseline: linked leads + ad insights of the ad set by ad, last 30 days", byAd, byAd.P50),
        new("/campaigns drill-down, ad-set level (its ads), last 30 days", await TimeAsync(runs, NewDb, db =>
            CampaignDrill.LoadAsync(db, new AttributionService(db), campaignId, adsetId, null, from, to, CancellationToken.None)), byAd.P50),
        new("  baseline: month's leads + links by campaign, insights by campaign", attributionCampaign, attributionCampaign.P50),
        new("/api/analytics/attribution, level campaign, last 30 days", await TimeAsync(runs, NewDb, db =>
            new AttributionService(db).BuildAsync(from, to, AttributionLevel.Campaign, CancellationToken.None)), attributionCampaign.P50),
        new("  baseline: month's leads + links by ad, ad insights by ad", attributionAd, attributionAd.P50),
        new("/api/analytics/attribution, level ad, last 30 days", await TimeAsync(runs, NewDb, db =>
            new AttributionService(db).BuildAsync(from, to, AttributionLevel.Ad, CancellationToken.None)), attributionAd.P50),
    };
    if (args.Contains("--sql"))
    {
        // One campaign report, attribution, funnel and cohort triangle with each SQL command and its time, to see where the time goes.
        var options = provider == "postgres"
            ? new DbContextOptionsBuilder<PostgresHubDbContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention()
                .LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]).Options
            : (DbContextOptions)new DbContextOptionsBuilder<SqliteHubDbContext>().UseSqlite(connection).UseSnakeCaseNamingConvention()
                .LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]).Options;
        await using var logged = provider == "postgres" ? new PostgresHubDbContext((DbContextOptions<PostgresHubDbContext>)options) : (HubDbContext)new SqliteHubDbContext((DbContextOptions<SqliteHubDbContext>)options);
        await CampaignFigures.LoadAsync(logged, new AttributionService(logged), from, to, 3m, CancellationToken.None);
        Console.WriteLine("-- the attribution at level campaign (GET /api/analytics/attribution, and the drill-down's first read):");
        await new AttributionService(logged).BuildAsync(from, to, AttributionLevel.Campaign, CancellationToken.None);
        Console.WriteLine("-- the attribution at level ad (GET /api/analytics/attribution?level=ad; the drill-down's ad sets and ads read the same):");
        await new AttributionService(logged).BuildAsync(from, to, AttributionLevel.Ad, CancellationToken.None);
        Console.WriteLine("-- the funnel, last 30 days:");
        await LeadFunnel.LoadAsync(logged, last30, new FunnelOptions(), CancellationToken.None);
        Console.WriteLine("-- the cohorts by week, default 12 weeks:");
        await LeadCohorts.LoadAsync(logged, new LeadFilter(), CohortPeriod.Week, now, CancellationToken.None);
    }

    if (args.Contains("--parts"))
    {
        results.Add(new Row("  part: lead slices + days, last 30 days", await TimeAsync(runs, NewDb, db => LeadSlices.LoadAsync(db, last30, CancellationToken.None)), baseline.P50));
        results.Add(new Row("  part: stale leads per stage, last 30 days", await TimeAsync(runs, NewDb, async db => await CrmInsights.StageAgesAsync(db, last30, await LeadSlices.SlicesAsync(db, last30, CancellationToken.None), now, CancellationToken.None)), baseline.P50));
        results.Add(new Row("  part: lead slices + days + campaigns, all time", await TimeAsync(runs, NewDb, db => LeadSlices.LoadAsync(db, new LeadFilter(), CancellationToken.None)), baseline.P50));
        results.Add(new Row("  part: stale leads per stage, all time", await TimeAsync(runs, NewDb, async db => await CrmInsights.StageAgesAsync(db, new LeadFilter(), await LeadSlices.SlicesAsync(db, new LeadFilter(), CancellationToken.None), now, CancellationToken.None)), baseline.P50));
        var start = today.AddDays(-29);
        var end = today.AddDays(1);
        results.Add(new Row("  part: attribution's lead read, last 30 days", await TimeAsync(runs, NewDb, db => db.Leads.AsNoTracking()
            .Where(l => !l.Deleted && l.CreateDate >= start && l.CreateDate < end)
            .Select(l => new Lead { OdooId = l.OdooId, Campaign = l.Campaign, IsWon = l.IsWon, Type = l.Type, CreateDate = l.CreateDate, DateClosed = l.DateClosed })
            .ToListAsync()), baseline.P50));
        results.Add(new Row("  part: campaign report, last 30 days", await TimeAsync(runs, NewDb, db => GAssistant.Hub.Meta.CampaignReport.BuildAsync(db, new AttributionService(db), from, to, CancellationToken.None)), baseline.P50));
    }

    // Each line's ratio is to the baseline above it: the GROUP BY over all leads, or the one indented just before it.
    Console.WriteLine($"| {provider} | p50 ms | p95 ms | baseline p50 ms | p50 / baseline p50 |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
    foreach (var row in results)
    {
        Console.WriteLine($"| {row.Name} | {row.Time.P50:N1} | {row.Time.P95:N1} | {row.Baseline:N1} | {row.Time.P50 / row.Baseline:N2} |");
    }

    Console.WriteLine();

    async Task<long> CountAsync(string table)
    {
        await using var db = NewDb();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        await db.Database.OpenConnectionAsync();
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

// Plain SQL over the raw tables, every row read; the parameters each command names.
static async Task SqlAsync(HubDbContext db, Dictionary<string, object> parameters, string[] commands)
{
    await db.Database.OpenConnectionAsync();
    foreach (var sql in commands)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters.Where(p => System.Text.RegularExpressions.Regex.IsMatch(sql, $@"@{p.Key}\b")))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }
}

// The leads table as /crm loads it: its total as the page counts it, and the newest 25 leads.
static async Task LeadsTablePageAsync(HubDbContext db, LeadFilter filter)
{
    await LeadSlices.CountAsync(db, filter, CancellationToken.None);
    await db.Leads.AsNoTracking().Filtered(filter).Sorted(null, true).Take(25).ToListAsync();
}


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

/// <summary>A timed figure and the p50 of the plain GROUP BY its ratio is taken to.</summary>
internal sealed record Row(string Name, (double P50, double P95) Time, double Baseline);
