using System.Globalization;
using System.Text.Json;
using GAssistant.Hub.Data;
using GAssistant.Hub.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Reads each ad account's currency (<c>GET /act_{id}?fields=currency</c>), campaigns (<c>/act_{id}/campaigns</c>)
/// and daily campaign insights (https://developers.facebook.com/docs/marketing-api/insights). The stored days of
/// the range are replaced, because Meta restates recent days (and omits days without delivery). Long ranges use an
/// async report run (https://developers.facebook.com/docs/marketing-api/insights/best-practices#asynchronous).
/// </summary>
public sealed partial class MetaCampaignSync(HubDbContext db, GraphClient graph, IOptionsMonitor<MetaOptions> options, TimeProvider clock, ILogger<MetaCampaignSync> logger)
{
    public const string JobKind = "meta.sync_campaigns";

    /// <summary>The default range: the last <see cref="MetaOptions.RestatementDays"/> days up to today.</summary>
    public (DateOnly From, DateOnly To) DefaultRange()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return (today.AddDays(-options.CurrentValue.RestatementDays), today);
    }

    public async Task<string> RunAsync(DateOnly from, DateOnly to, JobProgress progress, CancellationToken cancellationToken)
    {
        var accounts = options.CurrentValue.AdAccounts.ToList();
        if (accounts.Count == 0)
        {
            return "No Meta:AdAccountIds configured; nothing to read.";
        }

        int campaigns = 0, rows = 0;
        for (var i = 0; i < accounts.Count; i++)
        {
            var currency = await ReadAccountAsync(accounts[i], cancellationToken);
            campaigns += await ReadCampaignsAsync(accounts[i], currency, cancellationToken);
            rows += await ReadInsightsAsync(accounts[i], currency, from, to, cancellationToken);
            await progress.ReportAsync((i + 1) * 100 / accounts.Count, $"Read {campaigns} campaigns and {rows} campaign days.");
        }

        Log.Done(logger, accounts.Count, campaigns, rows, from, to);
        return $"Read {accounts.Count} ad accounts: {campaigns} campaigns, {rows} campaign days from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}.";
    }

    private async Task<string> ReadAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var json = await graph.GetAsync(accountId, new Dictionary<string, string> { ["fields"] = "currency,name" }, cancellationToken);
        var account = await db.MetaAdAccounts.FindAsync([accountId], cancellationToken);
        if (account is null)
        {
            account = new MetaAdAccount { Id = accountId };
            db.MetaAdAccounts.Add(account);
        }

        account.Currency = MetaNotification.Id(json, "currency") ?? account.Currency;
        account.Name = MetaNotification.Id(json, "name") ?? account.Name;
        account.SyncedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return account.Currency;
    }

    private async Task<int> ReadCampaignsAsync(string accountId, string currency, CancellationToken cancellationToken)
    {
        var query = new Dictionary<string, string>
        {
            ["fields"] = "id,name,status,effective_status,objective,daily_budget,lifetime_budget", ["limit"] = "200",
        };
        var count = 0;
        await foreach (var item in graph.GetAllAsync($"{accountId}/campaigns", query, cancellationToken))
        {
            var id = MetaNotification.Id(item, "id") ?? throw new JsonException("A campaign without an id.");
            var campaign = await db.MetaCampaigns.FindAsync([id], cancellationToken);
            if (campaign is null)
            {
                campaign = new MetaCampaign { Id = id };
                db.MetaCampaigns.Add(campaign);
            }

            campaign.AdAccountId = accountId;
            campaign.Name = MetaNotification.Id(item, "name") ?? campaign.Name;
            campaign.Status = MetaNotification.Id(item, "status");
            campaign.EffectiveStatus = MetaNotification.Id(item, "effective_status");
            campaign.Objective = MetaNotification.Id(item, "objective");
            campaign.DailyBudget = Budget(item, "daily_budget");
            campaign.LifetimeBudget = Budget(item, "lifetime_budget");
            campaign.Currency = currency;
            campaign.SyncedAt = clock.GetUtcNow().UtcDateTime;
            count++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return count;
    }

    private async Task<int> ReadInsightsAsync(string accountId, string currency, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var query = new Dictionary<string, string>
        {
            ["level"] = "campaign", ["time_increment"] = "1", ["fields"] = MetaInsightRow.Fields, ["limit"] = "500",
            ["time_range"] = $$"""{"since":"{{from:yyyy-MM-dd}}","until":"{{to:yyyy-MM-dd}}"}""",
        };
        var edge = to.DayNumber - from.DayNumber + 1 > o.AsyncReportDays
            ? $"{await RunReportAsync(accountId, query, cancellationToken)}/insights"
            : $"{accountId}/insights";
        var rows = new List<MetaInsightRow>();
        await foreach (var item in graph.GetAllAsync(edge, edge.StartsWith(accountId, StringComparison.Ordinal) ? query : new Dictionary<string, string> { ["limit"] = "500" }, cancellationToken))
        {
            rows.Add(MetaInsightRow.Parse(item));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.MetaDailyInsights.Where(i => i.AdAccountId == accountId && i.Date >= from && i.Date <= to).ExecuteDeleteAsync(cancellationToken);
        foreach (var row in rows.GroupBy(r => (r.CampaignId, r.Date)).Select(g => g.Last()))
        {
            db.MetaDailyInsights.Add(new MetaDailyInsight
            {
                CampaignId = row.CampaignId, Date = row.Date, AdAccountId = accountId, CampaignName = row.CampaignName, Spend = row.Spend,
                Impressions = row.Impressions, Clicks = row.Clicks, Reach = row.Reach, Leads = row.Leads, LeadValue = row.LeadValue,
                Currency = currency, SyncedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>POST the query as a report run, poll <c>async_status</c> until "Job Completed", return the run id.</summary>
    private async Task<string> RunReportAsync(string accountId, Dictionary<string, string> query, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var started = await graph.PostAsync($"{accountId}/insights", query, cancellationToken);
        var runId = MetaNotification.Id(started, "report_run_id") ?? throw new JsonException("The report run answered no report_run_id.");
        var deadline = clock.GetUtcNow() + TimeSpan.FromHours(1);
        while (true)
        {
            var run = await graph.GetAsync(runId, new Dictionary<string, string> { ["fields"] = "async_status,async_percent_completion" }, cancellationToken);
            var status = MetaNotification.Id(run, "async_status");
            if (status == "Job Completed")
            {
                return runId;
            }

            if (status is "Job Failed" or "Job Skipped" || clock.GetUtcNow() > deadline)
            {
                throw new InvalidOperationException($"Meta's insights report run {runId} ended as '{status}'.");
            }

            await Task.Delay(o.ReportPollInterval, clock, cancellationToken);
        }
    }

    private static long? Budget(JsonElement item, string property) =>
        MetaNotification.Id(item, property) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Meta campaign sync: {Accounts} accounts, {Campaigns} campaigns, {Rows} campaign days ({From} to {To})")]
        public static partial void Done(ILogger logger, int accounts, int campaigns, int rows, DateOnly from, DateOnly to);
    }
}
