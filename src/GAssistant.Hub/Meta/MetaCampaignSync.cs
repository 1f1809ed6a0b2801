using System.Globalization;
using System.Text.Json;
using GAssistant.Hub.Data;
using GAssistant.Hub.Jobs;
using GAssistant.Hub.Odoo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Reads each ad account's currency (<c>GET /act_{id}?fields=currency</c>), campaigns (<c>/act_{id}/campaigns</c>)
/// and daily insights at campaign and at ad level, and at campaign level by placement
/// (https://developers.facebook.com/docs/marketing-api/insights, …/insights/breakdowns) through
/// <see cref="MetaInsightsReader"/>. The stored days of the range are replaced, because Meta restates recent days (and
/// omits days without delivery).
/// </summary>
public sealed partial class MetaCampaignSync(HubDbContext db, GraphClient graph, MetaInsightsReader insights, IOptionsMonitor<MetaOptions> options, TimeProvider clock, ILogger<MetaCampaignSync> logger)
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

        int campaigns = 0, rows = 0, adRows = 0, placementRows = 0;
        var skipped = new List<string>();
        for (var i = 0; i < accounts.Count; i++)
        {
            try
            {
                var currency = await ReadAccountAsync(accounts[i], cancellationToken);
                campaigns += await ReadCampaignsAsync(accounts[i], currency, cancellationToken);
                var (campaignDays, adDays, placementDays) = await ReadInsightsAsync(accounts[i], currency, from, to, cancellationToken);
                rows += campaignDays;
                adRows += adDays;
                placementRows += placementDays;
            }
            catch (GraphApiException ex) when (ex.Kind is GraphErrorKind.RateLimited or GraphErrorKind.PermissionMissing)
            {
                // Meta limits and permits per ad account: the other accounts are read; this one at the next sync.
                skipped.Add($"{accounts[i]}: {ex.Message}");
                Log.AccountSkipped(logger, accounts[i], ex.Kind, ex);
            }

            await progress.ReportAsync((i + 1) * 100 / accounts.Count, $"Read {campaigns} campaigns, {rows} campaign days, {adRows} ad days and {placementRows} placement days.");
        }

        if (skipped.Count == accounts.Count)
        {
            throw new InvalidOperationException($"No ad account could be read now: {string.Join(" ", skipped)}");
        }

        Log.Done(logger, accounts.Count, campaigns, rows, adRows, placementRows, from, to);
        return $"Read {accounts.Count - skipped.Count} ad accounts: {campaigns} campaigns, {rows} campaign days, {adRows} ad days and {placementRows} placement days from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}."
            + (skipped.Count > 0 ? $" Not read now (read again at the next sync): {string.Join(" ", skipped)}" : "");
    }

    private async Task<string> ReadAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var json = await graph.GetAsync(accountId, new Dictionary<string, string> { ["fields"] = "currency,name,business_country_code" }, GraphScope.AdObjects(accountId), cancellationToken);
        var account = await db.MetaAdAccounts.FindAsync([accountId], cancellationToken);
        if (account is null)
        {
            account = new MetaAdAccount { Id = accountId };
            db.MetaAdAccounts.Add(account);
        }

        account.Currency = MetaNotification.Id(json, "currency") ?? account.Currency;
        account.Name = MetaNotification.Id(json, "name") ?? account.Name;
        account.CountryCode = PhoneNumbering.CountryOf(MetaNotification.Id(json, "business_country_code")) ?? account.CountryCode;
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
        await foreach (var item in graph.GetAllAsync($"{accountId}/campaigns", query, GraphScope.AdObjects(accountId), cancellationToken))
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

    /// <summary>
    /// Replaces the range's campaign days, ad days and placement days of the account, in one transaction. Both levels are
    /// kept: ad sets and ads get their spend from the ad rows, while a campaign's spend stays the campaign row's, because
    /// <c>/act_{id}/insights?level=ad</c> leaves out deleted ads whose spend the campaign row still counts
    /// (https://developers.facebook.com/docs/marketing-api/best-practices/manage-your-ad-object-status). The placement
    /// days are the campaign rows again, split by platform and position: a third paged call per account and range, so
    /// a day Meta restates or stops reporting in a placement is replaced like the others.
    /// </summary>
    private async Task<(int CampaignDays, int AdDays, int PlacementDays)> ReadInsightsAsync(string accountId, string currency, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var campaignRows = (await insights.ReadDailyAsync(accountId, "campaign", MetaInsightRow.Fields, from, to, cancellationToken))
            .Select(MetaInsightRow.Parse).ToList();
        var adRows = (await insights.ReadDailyAsync(accountId, "ad", MetaAdInsightRow.Fields, from, to, cancellationToken))
            .Select(MetaAdInsightRow.Parse).ToList();
        var placementRows = (await insights.ReadDailyAsync(accountId, "campaign", MetaPlacementInsightRow.Fields, MetaPlacementInsightRow.Breakdowns, from, to, cancellationToken))
            .Select(MetaPlacementInsightRow.Parse).ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.MetaDailyInsights.Where(i => i.AdAccountId == accountId && i.Date >= from && i.Date <= to).ExecuteDeleteAsync(cancellationToken);
        await db.MetaAdDailyInsights.Where(i => i.AdAccountId == accountId && i.Date >= from && i.Date <= to).ExecuteDeleteAsync(cancellationToken);
        await db.MetaPlacementDailyInsights.Where(i => i.AdAccountId == accountId && i.Date >= from && i.Date <= to).ExecuteDeleteAsync(cancellationToken);
        foreach (var row in campaignRows.GroupBy(r => (r.CampaignId, r.Date)).Select(g => g.Last()))
        {
            db.MetaDailyInsights.Add(new MetaDailyInsight
            {
                CampaignId = row.CampaignId, Date = row.Date, AdAccountId = accountId, CampaignName = row.CampaignName, Spend = row.Spend,
                Impressions = row.Impressions, Clicks = row.Clicks, Reach = row.Reach, Leads = row.Leads, LeadValue = row.LeadValue,
                WebsiteLeads = row.WebsiteLeads, Currency = currency, SyncedAt = now,
            });
        }

        foreach (var ad in adRows.GroupBy(r => (r.AdId, r.Delivery.Date)).Select(g => g.Last()))
        {
            var row = ad.Delivery;
            db.MetaAdDailyInsights.Add(new MetaAdDailyInsight
            {
                AdAccountId = accountId, AdId = ad.AdId, Date = row.Date, AdName = ad.AdName, AdsetId = ad.AdsetId, AdsetName = ad.AdsetName,
                CampaignId = row.CampaignId, CampaignName = row.CampaignName, Spend = row.Spend, Impressions = row.Impressions,
                Clicks = row.Clicks, Reach = row.Reach, Leads = row.Leads, LeadValue = row.LeadValue, WebsiteLeads = row.WebsiteLeads,
                Currency = currency, SyncedAt = now,
            });
        }

        foreach (var placement in placementRows.GroupBy(r => (r.Delivery.CampaignId, r.Delivery.Date, r.PublisherPlatform, r.PlatformPosition)).Select(g => g.Last()))
        {
            var row = placement.Delivery;
            db.MetaPlacementDailyInsights.Add(new MetaPlacementDailyInsight
            {
                CampaignId = row.CampaignId, Date = row.Date, PublisherPlatform = placement.PublisherPlatform, PlatformPosition = placement.PlatformPosition,
                AdAccountId = accountId, CampaignName = row.CampaignName, Spend = row.Spend, Impressions = row.Impressions, Clicks = row.Clicks,
                Leads = row.Leads, Currency = currency, SyncedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (campaignRows.Count, adRows.Count, placementRows.Count);
    }

    private static long? Budget(JsonElement item, string property) =>
        MetaNotification.Id(item, property) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Meta campaign sync: {Accounts} accounts, {Campaigns} campaigns, {Rows} campaign days, {AdRows} ad days, {PlacementRows} placement days ({From} to {To})")]
        public static partial void Done(ILogger logger, int accounts, int campaigns, int rows, int adRows, int placementRows, DateOnly from, DateOnly to);

        [LoggerMessage(EventId = 2502, Level = LogLevel.Warning, Message = "Meta campaign sync skipped ad account {Account} ({Kind}); the others are read")]
        public static partial void AccountSkipped(ILogger logger, string account, GraphErrorKind kind, Exception exception);
    }
}
