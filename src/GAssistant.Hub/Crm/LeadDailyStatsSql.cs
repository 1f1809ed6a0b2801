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
}
