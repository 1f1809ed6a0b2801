CREATE TRIGGER lead_daily_stats_change AFTER INSERT OR DELETE OR UPDATE OF create_date, stage_name, source, campaign, currency, is_won, is_lost, active, expected_revenue, probability, deleted ON public.leads FOR EACH ROW EXECUTE FUNCTION lead_daily_stats_apply()

CREATE OR REPLACE FUNCTION public.lead_daily_stats_apply()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND NOT OLD.deleted THEN
        UPDATE lead_daily_stats SET leads = leads - 1, revenue = revenue - OLD.expected_revenue, revenue_times_probability = revenue_times_probability - OLD.expected_revenue * OLD.probability::numeric, probability_sum = probability_sum - OLD.probability WHERE (day, stage, source, currency, is_won, is_open) = (COALESCE((OLD.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), COALESCE(OLD.stage_name, ''), COALESCE(OLD.source, ''), COALESCE(OLD.currency, ''), OLD.is_won, OLD.active AND NOT OLD.is_won AND NOT OLD.is_lost);
        UPDATE lead_daily_campaign_stats SET leads = leads - 1, revenue = revenue - OLD.expected_revenue WHERE (day, campaign, is_won, is_open) = (COALESCE((OLD.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), COALESCE(OLD.campaign, ''), OLD.is_won, OLD.active AND NOT OLD.is_won AND NOT OLD.is_lost);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NOT NEW.deleted THEN
        INSERT INTO lead_daily_stats (day, stage, source, currency, is_won, is_open, leads, revenue, revenue_times_probability, probability_sum) VALUES (COALESCE((NEW.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), COALESCE(NEW.stage_name, ''), COALESCE(NEW.source, ''), COALESCE(NEW.currency, ''), NEW.is_won, NEW.active AND NOT NEW.is_won AND NOT NEW.is_lost, 1, NEW.expected_revenue, NEW.expected_revenue * NEW.probability::numeric, NEW.probability) ON CONFLICT (day, stage, source, currency, is_won, is_open) DO UPDATE SET leads = lead_daily_stats.leads + 1, revenue = lead_daily_stats.revenue + excluded.revenue, revenue_times_probability = lead_daily_stats.revenue_times_probability + excluded.revenue_times_probability, probability_sum = lead_daily_stats.probability_sum + excluded.probability_sum;
        INSERT INTO lead_daily_campaign_stats (day, campaign, is_won, is_open, leads, revenue) VALUES (COALESCE((NEW.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), COALESCE(NEW.campaign, ''), NEW.is_won, NEW.active AND NOT NEW.is_won AND NOT NEW.is_lost, 1, NEW.expected_revenue) ON CONFLICT (day, campaign, is_won, is_open) DO UPDATE SET leads = lead_daily_campaign_stats.leads + 1, revenue = lead_daily_campaign_stats.revenue + excluded.revenue;
    END IF;
    RETURN NULL;
END
$function$
