using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Analytics.BigQuery;

/// <summary>
/// The exported tables. Replica tables are append-only histories: a record changed in the hub is appended again with its
/// new <c>synced_at</c>; the current state is the latest row per key
/// (<c>QUALIFY ROW_NUMBER() OVER (PARTITION BY odoo_id ORDER BY synced_at DESC) = 1</c>).
/// Email addresses and phone numbers stay in the hub: analytics does not need them.
/// </summary>
public static class ExportTables
{
    public static IReadOnlyList<ExportTable> All { get; } = [new LeadsTable(), new SaleOrdersTable(), new CampaignsTable(), new DailyInsightsTable(), new AttributionTable()];

    private static HubDbContext Db(IServiceProvider services) => services.GetRequiredService<HubDbContext>();

    private sealed class LeadsTable : SyncedAtTable
    {
        public override BigQueryTableSpec Spec { get; } = new("leads", "Odoo crm.lead versions from G-Assistant CRM Hub.",
        [
            new("odoo_id", "INT64", true), new("name", "STRING"), new("partner_name", "STRING"), new("type", "STRING"),
            new("stage", "STRING"), new("is_won", "BOOL"), new("is_lost", "BOOL"), new("active", "BOOL"), new("deleted", "BOOL"),
            new("expected_revenue", "NUMERIC"), new("probability", "FLOAT64"), new("currency", "STRING"),
            new("source", "STRING"), new("medium", "STRING"), new("campaign", "STRING"), new("salesperson", "STRING"), new("team", "STRING"),
            new("country_code", "STRING"), new("create_date", "TIMESTAMP"), new("write_date", "TIMESTAMP"), new("date_closed", "TIMESTAMP"),
            new("synced_at", "TIMESTAMP", true, "When the hub stored this version."),
        ], "create_date", ["campaign", "source", "stage"]);

        public override async Task<IReadOnlyList<BigQueryRow>> ReadAsync(IServiceProvider services, string from, string to, CancellationToken cancellationToken)
        {
            var (after, until) = (Parse(from), Parse(to));
            var leads = await Db(services).Leads.AsNoTracking().Where(l => l.SyncedAt > after && l.SyncedAt <= until)
                .OrderBy(l => l.SyncedAt).ThenBy(l => l.OdooId).ToListAsync(cancellationToken);
            return leads.Select(l => Row($"lead:{l.OdooId}@{l.SyncedAt.Ticks}", w =>
            {
                w.WriteNumber("odoo_id", l.OdooId);
                w.WriteString("name", l.Name);
                w.WriteString("partner_name", l.PartnerName);
                w.WriteString("type", l.Type);
                w.WriteString("stage", l.StageName);
                w.WriteBoolean("is_won", l.IsWon);
                w.WriteBoolean("is_lost", l.IsLost);
                w.WriteBoolean("active", l.Active);
                w.WriteBoolean("deleted", l.Deleted);
                w.WriteNumber("expected_revenue", l.ExpectedRevenue);
                w.WriteNumber("probability", l.Probability);
                w.WriteString("currency", l.Currency);
                w.WriteString("source", l.Source);
                w.WriteString("medium", l.Medium);
                w.WriteString("campaign", l.Campaign);
                w.WriteString("salesperson", l.UserName);
                w.WriteString("team", l.TeamName);
                w.WriteString("country_code", l.CountryCode);
                w.WriteString("create_date", Timestamp(l.CreateDate));
                w.WriteString("write_date", Timestamp(l.WriteDate));
                w.WriteString("date_closed", Timestamp(l.DateClosed));
                w.WriteString("synced_at", Timestamp(l.SyncedAt));
            })).ToList();
        }
    }

    private sealed class SaleOrdersTable : SyncedAtTable
    {
        public override BigQueryTableSpec Spec { get; } = new("sale_orders", "Odoo sale.order versions from G-Assistant CRM Hub.",
        [
            new("odoo_id", "INT64", true), new("name", "STRING"), new("partner_name", "STRING"), new("state", "STRING"),
            new("amount_untaxed", "NUMERIC"), new("amount_tax", "NUMERIC"), new("amount_total", "NUMERIC"), new("currency", "STRING"),
            new("opportunity_id", "INT64"), new("date_order", "TIMESTAMP"), new("create_date", "TIMESTAMP"), new("write_date", "TIMESTAMP"),
            new("deleted", "BOOL"), new("synced_at", "TIMESTAMP", true),
        ], "date_order", ["state", "opportunity_id"]);

        public override async Task<IReadOnlyList<BigQueryRow>> ReadAsync(IServiceProvider services, string from, string to, CancellationToken cancellationToken)
        {
            var (after, until) = (Parse(from), Parse(to));
            var orders = await Db(services).SaleOrders.AsNoTracking().Where(o => o.SyncedAt > after && o.SyncedAt <= until)
                .OrderBy(o => o.SyncedAt).ThenBy(o => o.OdooId).ToListAsync(cancellationToken);
            return orders.Select(o => Row($"sale_order:{o.OdooId}@{o.SyncedAt.Ticks}", w =>
            {
                w.WriteNumber("odoo_id", o.OdooId);
                w.WriteString("name", o.Name);
                w.WriteString("partner_name", o.PartnerName);
                w.WriteString("state", o.State);
                w.WriteNumber("amount_untaxed", o.AmountUntaxed);
                w.WriteNumber("amount_tax", o.AmountTax);
                w.WriteNumber("amount_total", o.AmountTotal);
                w.WriteString("currency", o.Currency);
                if (o.OpportunityId is { } opportunity)
                {
                    w.WriteNumber("opportunity_id", opportunity);
                }

                w.WriteString("date_order", Timestamp(o.DateOrder));
                w.WriteString("create_date", Timestamp(o.CreateDate));
                w.WriteString("write_date", Timestamp(o.WriteDate));
                w.WriteBoolean("deleted", o.Deleted);
                w.WriteString("synced_at", Timestamp(o.SyncedAt));
            })).ToList();
        }
    }

    private sealed class CampaignsTable : SyncedAtTable
    {
        public override BigQueryTableSpec Spec { get; } = new("campaigns", "Meta campaign versions from G-Assistant CRM Hub.",
        [
            new("id", "STRING", true), new("ad_account_id", "STRING"), new("name", "STRING"), new("status", "STRING"),
            new("effective_status", "STRING"), new("objective", "STRING"),
            new("daily_budget", "INT64", Description: "Minor units (cents) of the account currency."), new("lifetime_budget", "INT64"),
            new("currency", "STRING"), new("synced_at", "TIMESTAMP", true),
        ], "synced_at", ["ad_account_id", "id"]);

        public override async Task<IReadOnlyList<BigQueryRow>> ReadAsync(IServiceProvider services, string from, string to, CancellationToken cancellationToken)
        {
            var (after, until) = (Parse(from), Parse(to));
            var campaigns = await Db(services).MetaCampaigns.AsNoTracking().Where(c => c.SyncedAt > after && c.SyncedAt <= until)
                .OrderBy(c => c.SyncedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
            return campaigns.Select(c => Row($"campaign:{c.Id}@{c.SyncedAt.Ticks}", w =>
            {
                w.WriteString("id", c.Id);
                w.WriteString("ad_account_id", c.AdAccountId);
                w.WriteString("name", c.Name);
                w.WriteString("status", c.Status);
                w.WriteString("effective_status", c.EffectiveStatus);
                w.WriteString("objective", c.Objective);
                if (c.DailyBudget is { } daily)
                {
                    w.WriteNumber("daily_budget", daily);
                }

                if (c.LifetimeBudget is { } lifetime)
                {
                    w.WriteNumber("lifetime_budget", lifetime);
                }

                w.WriteString("currency", c.Currency);
                w.WriteString("synced_at", Timestamp(c.SyncedAt));
            })).ToList();
        }
    }

    private sealed class DailyInsightsTable : SyncedAtTable
    {
        public override BigQueryTableSpec Spec { get; } = new("daily_insights", "Meta daily campaign delivery; a restated day appears again with a newer synced_at.",
        [
            new("campaign_id", "STRING", true), new("date", "DATE", true), new("ad_account_id", "STRING"), new("campaign_name", "STRING"),
            new("spend", "NUMERIC"), new("impressions", "INT64"), new("clicks", "INT64"), new("reach", "INT64"), new("leads", "INT64"),
            new("lead_value", "NUMERIC"), new("currency", "STRING"), new("synced_at", "TIMESTAMP", true),
        ], "date", ["campaign_id"]);

        public override async Task<IReadOnlyList<BigQueryRow>> ReadAsync(IServiceProvider services, string from, string to, CancellationToken cancellationToken)
        {
            var (after, until) = (Parse(from), Parse(to));
            var days = await Db(services).MetaDailyInsights.AsNoTracking().Where(i => i.SyncedAt > after && i.SyncedAt <= until)
                .OrderBy(i => i.SyncedAt).ThenBy(i => i.CampaignId).ThenBy(i => i.Date).ToListAsync(cancellationToken);
            return days.Select(i => Row($"insight:{i.CampaignId}:{Day(i.Date)}@{i.SyncedAt.Ticks}", w =>
            {
                w.WriteString("campaign_id", i.CampaignId);
                w.WriteString("date", Day(i.Date));
                w.WriteString("ad_account_id", i.AdAccountId);
                w.WriteString("campaign_name", i.CampaignName);
                w.WriteNumber("spend", i.Spend);
                w.WriteNumber("impressions", i.Impressions);
                w.WriteNumber("clicks", i.Clicks);
                w.WriteNumber("reach", i.Reach);
                w.WriteNumber("leads", i.Leads);
                w.WriteNumber("lead_value", i.LeadValue);
                w.WriteString("currency", i.Currency);
                w.WriteString("synced_at", Timestamp(i.SyncedAt));
            })).ToList();
        }
    }
}
