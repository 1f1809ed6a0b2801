using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeadDailyStats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "lead_daily_campaign_stats",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    campaign = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    is_won = table.Column<bool>(type: "boolean", nullable: false),
                    is_open = table.Column<bool>(type: "boolean", nullable: false),
                    leads = table.Column<int>(type: "integer", nullable: false),
                    revenue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_daily_campaign_stats", x => new { x.day, x.campaign, x.is_won, x.is_open });
                });

            migrationBuilder.CreateTable(
                name: "lead_daily_stats",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    stage = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    source = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    currency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    is_won = table.Column<bool>(type: "boolean", nullable: false),
                    is_open = table.Column<bool>(type: "boolean", nullable: false),
                    leads = table.Column<int>(type: "integer", nullable: false),
                    revenue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    revenue_times_probability = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    probability_sum = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_daily_stats", x => new { x.day, x.stage, x.source, x.currency, x.is_won, x.is_open });
                });

            migrationBuilder.CreateIndex(
                name: "ix_leads_dashboard",
                table: "leads",
                columns: new[] { "deleted", "create_date", "active", "is_won", "is_lost", "stage_name", "write_date", "expected_revenue", "campaign", "type", "date_closed" });

            // The rollups are kept by triggers on leads and filled from the leads already there. Frozen text, as this
            // migration has always run it (tests/GAssistant.Hub.Tests/Data/Migrations/RollupTriggerTests.cs); a change to the
            // rollups is a new migration.
            migrationBuilder.Sql("""
                CREATE FUNCTION lead_daily_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
                $fn$;
                CREATE TRIGGER lead_daily_stats_change AFTER INSERT OR DELETE OR UPDATE OF create_date, stage_name, source, campaign, currency, is_won, is_lost, active, expected_revenue, probability, deleted ON leads
                    FOR EACH ROW EXECUTE FUNCTION lead_daily_stats_apply();
                INSERT INTO lead_daily_stats (day, stage, source, currency, is_won, is_open, leads, revenue, revenue_times_probability, probability_sum) SELECT COALESCE((leads.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), COALESCE(leads.stage_name, ''), COALESCE(leads.source, ''), COALESCE(leads.currency, ''), leads.is_won, leads.active AND NOT leads.is_won AND NOT leads.is_lost, COUNT(*), SUM(leads.expected_revenue), SUM(leads.expected_revenue * leads.probability::numeric), SUM(leads.probability) FROM leads WHERE NOT leads.deleted GROUP BY 1, 2, 3, 4, 5, 6;INSERT INTO lead_daily_campaign_stats (day, campaign, is_won, is_open, leads, revenue) SELECT COALESCE((leads.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), COALESCE(leads.campaign, ''), leads.is_won, leads.active AND NOT leads.is_won AND NOT leads.is_lost, COUNT(*), SUM(leads.expected_revenue) FROM leads WHERE NOT leads.deleted GROUP BY 1, 2, 3, 4;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS lead_daily_stats_change ON leads;
                DROP FUNCTION IF EXISTS lead_daily_stats_apply();
                """);
            migrationBuilder.DropTable(
                name: "lead_daily_campaign_stats");

            migrationBuilder.DropTable(
                name: "lead_daily_stats");

            migrationBuilder.DropIndex(
                name: "ix_leads_dashboard",
                table: "leads");
        }
    }
}
