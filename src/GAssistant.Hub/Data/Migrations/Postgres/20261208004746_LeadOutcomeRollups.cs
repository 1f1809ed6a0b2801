using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeadOutcomeRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "meta_campaign_id",
                table: "leads",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "lead_daily_meta_campaigns",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    source = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    campaign = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    meta_campaign_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    leads = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_daily_meta_campaigns", x => new { x.day, x.source, x.campaign, x.meta_campaign_id });
                });

            migrationBuilder.CreateTable(
                name: "lead_daily_outcomes",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    grouped_by = table.Column<int>(type: "integer", nullable: false),
                    grouping = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    stage_id = table.Column<long>(type: "bigint", nullable: false),
                    stage = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    is_won = table.Column<bool>(type: "boolean", nullable: false),
                    won_days = table.Column<int>(type: "integer", nullable: false),
                    leads = table.Column<int>(type: "integer", nullable: false),
                    revenue = table.Column<decimal>(type: "numeric(28,2)", precision: 28, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_daily_outcomes", x => new { x.day, x.grouped_by, x.grouping, x.stage_id, x.stage, x.type, x.is_won, x.won_days });
                });

            migrationBuilder.CreateIndex(
                name: "ix_lead_daily_outcomes_by_grouping",
                table: "lead_daily_outcomes",
                columns: new[] { "grouped_by", "grouping", "day" });

            // Each lead's Meta campaign from its first link, then the rollups' triggers on leads and the rollups filled from
            // the leads already there. Frozen text, as this migration has always run it; a change to the rollups is a new
            // migration (tests/GAssistant.Hub.Tests/Crm/LeadOutcomeRollupTests.cs checks them against the leads).
            migrationBuilder.Sql("""
                UPDATE leads SET meta_campaign_id = (SELECT k.campaign_id FROM meta_lead_links AS k WHERE k.odoo_lead_id = leads.odoo_id AND k.campaign_id IS NOT NULL ORDER BY k.linked_at, k.leadgen_id LIMIT 1) WHERE meta_campaign_id IS NULL AND EXISTS (SELECT 1 FROM meta_lead_links AS k WHERE k.odoo_lead_id = leads.odoo_id AND k.campaign_id IS NOT NULL);
                CREATE FUNCTION lead_daily_outcomes_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') AND NOT OLD.deleted AND NOT OLD.is_test THEN
                        UPDATE lead_daily_outcomes SET leads = leads - 1, revenue = revenue - OLD.expected_revenue WHERE (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days) = (COALESCE((OLD.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), 0, COALESCE(OLD.source, ''), COALESCE(OLD.stage_id, 0), COALESCE(OLD.stage_name, ''), COALESCE(OLD.type, ''), OLD.is_won, CASE WHEN OLD.is_won AND OLD.create_date IS NOT NULL AND OLD.date_closed IS NOT NULL THEN LEAST(366, GREATEST(0, CEIL((FLOOR(EXTRACT(EPOCH FROM OLD.date_closed)) - FLOOR(EXTRACT(EPOCH FROM OLD.create_date))) / 86400)))::int ELSE -1 END);
                        UPDATE lead_daily_outcomes SET leads = leads - 1, revenue = revenue - OLD.expected_revenue WHERE (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days) = (COALESCE((OLD.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), 1, COALESCE(OLD.campaign, ''), COALESCE(OLD.stage_id, 0), COALESCE(OLD.stage_name, ''), COALESCE(OLD.type, ''), OLD.is_won, CASE WHEN OLD.is_won AND OLD.create_date IS NOT NULL AND OLD.date_closed IS NOT NULL THEN LEAST(366, GREATEST(0, CEIL((FLOOR(EXTRACT(EPOCH FROM OLD.date_closed)) - FLOOR(EXTRACT(EPOCH FROM OLD.create_date))) / 86400)))::int ELSE -1 END);
                        UPDATE lead_daily_meta_campaigns SET leads = leads - 1 WHERE (day, source, campaign, meta_campaign_id) = (COALESCE((OLD.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), COALESCE(OLD.source, ''), COALESCE(OLD.campaign, ''), COALESCE(OLD.meta_campaign_id, ''));
                    END IF;
                    IF TG_OP IN ('UPDATE', 'INSERT') AND NOT NEW.deleted AND NOT NEW.is_test THEN
                        INSERT INTO lead_daily_outcomes (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days, leads, revenue) VALUES (COALESCE((NEW.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), 0, COALESCE(NEW.source, ''), COALESCE(NEW.stage_id, 0), COALESCE(NEW.stage_name, ''), COALESCE(NEW.type, ''), NEW.is_won, CASE WHEN NEW.is_won AND NEW.create_date IS NOT NULL AND NEW.date_closed IS NOT NULL THEN LEAST(366, GREATEST(0, CEIL((FLOOR(EXTRACT(EPOCH FROM NEW.date_closed)) - FLOOR(EXTRACT(EPOCH FROM NEW.create_date))) / 86400)))::int ELSE -1 END, 1, NEW.expected_revenue) ON CONFLICT (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days) DO UPDATE SET leads = lead_daily_outcomes.leads + 1, revenue = lead_daily_outcomes.revenue + excluded.revenue;
                        INSERT INTO lead_daily_outcomes (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days, leads, revenue) VALUES (COALESCE((NEW.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), 1, COALESCE(NEW.campaign, ''), COALESCE(NEW.stage_id, 0), COALESCE(NEW.stage_name, ''), COALESCE(NEW.type, ''), NEW.is_won, CASE WHEN NEW.is_won AND NEW.create_date IS NOT NULL AND NEW.date_closed IS NOT NULL THEN LEAST(366, GREATEST(0, CEIL((FLOOR(EXTRACT(EPOCH FROM NEW.date_closed)) - FLOOR(EXTRACT(EPOCH FROM NEW.create_date))) / 86400)))::int ELSE -1 END, 1, NEW.expected_revenue) ON CONFLICT (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days) DO UPDATE SET leads = lead_daily_outcomes.leads + 1, revenue = lead_daily_outcomes.revenue + excluded.revenue;
                        INSERT INTO lead_daily_meta_campaigns (day, source, campaign, meta_campaign_id, leads) VALUES (COALESCE((NEW.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), COALESCE(NEW.source, ''), COALESCE(NEW.campaign, ''), COALESCE(NEW.meta_campaign_id, ''), 1) ON CONFLICT (day, source, campaign, meta_campaign_id) DO UPDATE SET leads = lead_daily_meta_campaigns.leads + 1;
                    END IF;
                    RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER lead_daily_outcomes_change AFTER INSERT OR DELETE OR UPDATE OF create_date, stage_id, stage_name, source, campaign, type, is_won, expected_revenue, date_closed, deleted, is_test, meta_campaign_id ON leads
                    FOR EACH ROW EXECUTE FUNCTION lead_daily_outcomes_apply();
                INSERT INTO lead_daily_outcomes (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days, leads, revenue) SELECT COALESCE((leads.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), 0, COALESCE(leads.source, ''), COALESCE(leads.stage_id, 0), COALESCE(leads.stage_name, ''), COALESCE(leads.type, ''), leads.is_won, CASE WHEN leads.is_won AND leads.create_date IS NOT NULL AND leads.date_closed IS NOT NULL THEN LEAST(366, GREATEST(0, CEIL((FLOOR(EXTRACT(EPOCH FROM leads.date_closed)) - FLOOR(EXTRACT(EPOCH FROM leads.create_date))) / 86400)))::int ELSE -1 END, COUNT(*), SUM(leads.expected_revenue) FROM leads WHERE NOT leads.deleted AND NOT leads.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
                INSERT INTO lead_daily_outcomes (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days, leads, revenue) SELECT COALESCE((leads.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), 1, COALESCE(leads.campaign, ''), COALESCE(leads.stage_id, 0), COALESCE(leads.stage_name, ''), COALESCE(leads.type, ''), leads.is_won, CASE WHEN leads.is_won AND leads.create_date IS NOT NULL AND leads.date_closed IS NOT NULL THEN LEAST(366, GREATEST(0, CEIL((FLOOR(EXTRACT(EPOCH FROM leads.date_closed)) - FLOOR(EXTRACT(EPOCH FROM leads.create_date))) / 86400)))::int ELSE -1 END, COUNT(*), SUM(leads.expected_revenue) FROM leads WHERE NOT leads.deleted AND NOT leads.is_test GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
                INSERT INTO lead_daily_meta_campaigns (day, source, campaign, meta_campaign_id, leads) SELECT COALESCE((leads.create_date AT TIME ZONE 'UTC')::date, DATE '1900-01-01'), COALESCE(leads.source, ''), COALESCE(leads.campaign, ''), COALESCE(leads.meta_campaign_id, ''), COUNT(*) FROM leads WHERE NOT leads.deleted AND NOT leads.is_test GROUP BY 1, 2, 3, 4;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS lead_daily_outcomes_change ON leads;
                DROP FUNCTION IF EXISTS lead_daily_outcomes_apply();
                """);

            migrationBuilder.DropTable(
                name: "lead_daily_meta_campaigns");

            migrationBuilder.DropTable(
                name: "lead_daily_outcomes");

            migrationBuilder.DropColumn(
                name: "meta_campaign_id",
                table: "leads");
        }
    }
}
