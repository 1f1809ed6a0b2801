namespace GAssistant.Hub.Crm;

/// <summary>
/// The rollups' backfill (<see cref="Data.LeadDailyStat"/>, <see cref="Data.LeadDailyCampaignStat"/>) from the leads already
/// there, for a bulk load that runs with the triggers off (bench/DashboardQueries). A copy of what migration
/// <c>LeadDailyStats</c> runs after creating the triggers; the migration keeps its own frozen text, so this copy may
/// change with the rollups without changing what an old migration does.
/// </summary>
public static class LeadDailyStatsSql
{
    public const string PostgresBackfill = """
        INSERT INTO lead_daily_stats (day, stage, source, currency, is_won, is_open, leads, revenue, revenue_times_probability, probability_sum) SELECT COALESCE((leads.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), COALESCE(leads.stage_name, ''), COALESCE(leads.source, ''), COALESCE(leads.currency, ''), leads.is_won, leads.active AND NOT leads.is_won AND NOT leads.is_lost, COUNT(*), SUM(leads.expected_revenue), SUM(leads.expected_revenue * leads.probability::numeric), SUM(leads.probability) FROM leads WHERE NOT leads.deleted GROUP BY 1, 2, 3, 4, 5, 6;
        INSERT INTO lead_daily_campaign_stats (day, campaign, is_won, is_open, leads, revenue) SELECT COALESCE((leads.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), COALESCE(leads.campaign, ''), leads.is_won, leads.active AND NOT leads.is_won AND NOT leads.is_lost, COUNT(*), SUM(leads.expected_revenue) FROM leads WHERE NOT leads.deleted GROUP BY 1, 2, 3, 4;
        """;

    /// <summary>
    /// The backfill of <see cref="Data.LeadDailyOutcome"/> and <see cref="Data.LeadDailyMetaCampaign"/> (PostgreSQL), as
    /// migration <c>LeadOutcomeRollups</c> runs it after creating its triggers.
    /// </summary>
    public const string PostgresOutcomesBackfill = """
        INSERT INTO lead_daily_outcomes (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days, leads, revenue) SELECT COALESCE((leads.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), 0, COALESCE(leads.source, ''), COALESCE(leads.stage_id, 0), COALESCE(leads.stage_name, ''), COALESCE(leads.type, ''), leads.is_won, CASE WHEN leads.is_won AND leads.create_date IS NOT NULL AND leads.date_closed IS NOT NULL THEN LEAST(366, GREATEST(0, CEIL((FLOOR(EXTRACT(EPOCH FROM leads.date_closed)) - FLOOR(EXTRACT(EPOCH FROM leads.create_date))) / 86400)))::int ELSE -1 END, COUNT(*), SUM(leads.expected_revenue) FROM leads WHERE NOT leads.deleted AND NOT leads.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
        INSERT INTO lead_daily_outcomes (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days, leads, revenue) SELECT COALESCE((leads.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), 1, COALESCE(leads.campaign, ''), COALESCE(leads.stage_id, 0), COALESCE(leads.stage_name, ''), COALESCE(leads.type, ''), leads.is_won, CASE WHEN leads.is_won AND leads.create_date IS NOT NULL AND leads.date_closed IS NOT NULL THEN LEAST(366, GREATEST(0, CEIL((FLOOR(EXTRACT(EPOCH FROM leads.date_closed)) - FLOOR(EXTRACT(EPOCH FROM leads.create_date))) / 86400)))::int ELSE -1 END, COUNT(*), SUM(leads.expected_revenue) FROM leads WHERE NOT leads.deleted AND NOT leads.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
        INSERT INTO lead_daily_meta_campaigns (day, source, campaign, meta_campaign_id, leads) SELECT COALESCE((leads.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), COALESCE(leads.source, ''), COALESCE(leads.campaign, ''), COALESCE(leads.meta_campaign_id, ''), COUNT(*) FROM leads WHERE NOT leads.deleted AND NOT leads.is_test GROUP BY 1, 2, 3, 4;
        """;

    /// <summary>
    /// Each lead's <see cref="Data.Lead.MetaCampaignId"/> from its first Meta lead link, for leads bulk-loaded before their
    /// links (either database; with the triggers on, they move the leads' rollup rows).
    /// </summary>
    public const string MetaCampaignFill = """
        UPDATE leads SET meta_campaign_id = (SELECT k.campaign_id FROM meta_lead_links AS k WHERE k.odoo_lead_id = leads.odoo_id AND k.campaign_id IS NOT NULL ORDER BY k.linked_at, k.leadgen_id LIMIT 1) WHERE meta_campaign_id IS NULL AND EXISTS (SELECT 1 FROM meta_lead_links AS k WHERE k.odoo_lead_id = leads.odoo_id AND k.campaign_id IS NOT NULL);
        """;
}
