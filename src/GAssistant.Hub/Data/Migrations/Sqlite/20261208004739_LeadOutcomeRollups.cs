using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "lead_daily_meta_campaigns",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    campaign = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    meta_campaign_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    leads = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_daily_meta_campaigns", x => new { x.day, x.source, x.campaign, x.meta_campaign_id });
                });

            migrationBuilder.CreateTable(
                name: "lead_daily_outcomes",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    grouped_by = table.Column<int>(type: "INTEGER", nullable: false),
                    grouping = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    stage_id = table.Column<long>(type: "INTEGER", nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    is_won = table.Column<bool>(type: "INTEGER", nullable: false),
                    won_days = table.Column<int>(type: "INTEGER", nullable: false),
                    leads = table.Column<int>(type: "INTEGER", nullable: false),
                    revenue = table.Column<double>(type: "REAL", precision: 28, scale: 2, nullable: false)
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
                CREATE TRIGGER lead_daily_outcomes_insert AFTER INSERT ON leads WHEN NEW.deleted = 0 AND NEW.is_test = 0 BEGIN INSERT INTO lead_daily_outcomes (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days, leads, revenue) VALUES (COALESCE(date(NEW.create_date), '1900-01-01'), 0, COALESCE(NEW.source, ''), COALESCE(NEW.stage_id, 0), COALESCE(NEW.stage_name, ''), COALESCE(NEW.type, ''), NEW.is_won, CASE WHEN NEW.is_won AND NEW.create_date IS NOT NULL AND NEW.date_closed IS NOT NULL THEN MIN(366, MAX(0, (CAST(strftime('%s', NEW.date_closed) AS INTEGER) - CAST(strftime('%s', NEW.create_date) AS INTEGER) + 86399) / 86400)) ELSE -1 END, 1, NEW.expected_revenue) ON CONFLICT (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days) DO UPDATE SET leads = leads + 1, revenue = revenue + excluded.revenue; INSERT INTO lead_daily_outcomes (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days, leads, revenue) VALUES (COALESCE(date(NEW.create_date), '1900-01-01'), 1, COALESCE(NEW.campaign, ''), COALESCE(NEW.stage_id, 0), COALESCE(NEW.stage_name, ''), COALESCE(NEW.type, ''), NEW.is_won, CASE WHEN NEW.is_won AND NEW.create_date IS NOT NULL AND NEW.date_closed IS NOT NULL THEN MIN(366, MAX(0, (CAST(strftime('%s', NEW.date_closed) AS INTEGER) - CAST(strftime('%s', NEW.create_date) AS INTEGER) + 86399) / 86400)) ELSE -1 END, 1, NEW.expected_revenue) ON CONFLICT (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days) DO UPDATE SET leads = leads + 1, revenue = revenue + excluded.revenue; INSERT INTO lead_daily_meta_campaigns (day, source, campaign, meta_campaign_id, leads) VALUES (COALESCE(date(NEW.create_date), '1900-01-01'), COALESCE(NEW.source, ''), COALESCE(NEW.campaign, ''), COALESCE(NEW.meta_campaign_id, ''), 1) ON CONFLICT (day, source, campaign, meta_campaign_id) DO UPDATE SET leads = leads + 1; END;
                CREATE TRIGGER lead_daily_outcomes_delete AFTER DELETE ON leads WHEN OLD.deleted = 0 AND OLD.is_test = 0 BEGIN UPDATE lead_daily_outcomes SET leads = leads - 1, revenue = revenue - OLD.expected_revenue WHERE (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days) = (COALESCE(date(OLD.create_date), '1900-01-01'), 0, COALESCE(OLD.source, ''), COALESCE(OLD.stage_id, 0), COALESCE(OLD.stage_name, ''), COALESCE(OLD.type, ''), OLD.is_won, CASE WHEN OLD.is_won AND OLD.create_date IS NOT NULL AND OLD.date_closed IS NOT NULL THEN MIN(366, MAX(0, (CAST(strftime('%s', OLD.date_closed) AS INTEGER) - CAST(strftime('%s', OLD.create_date) AS INTEGER) + 86399) / 86400)) ELSE -1 END); UPDATE lead_daily_outcomes SET leads = leads - 1, revenue = revenue - OLD.expected_revenue WHERE (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days) = (COALESCE(date(OLD.create_date), '1900-01-01'), 1, COALESCE(OLD.campaign, ''), COALESCE(OLD.stage_id, 0), COALESCE(OLD.stage_name, ''), COALESCE(OLD.type, ''), OLD.is_won, CASE WHEN OLD.is_won AND OLD.create_date IS NOT NULL AND OLD.date_closed IS NOT NULL THEN MIN(366, MAX(0, (CAST(strftime('%s', OLD.date_closed) AS INTEGER) - CAST(strftime('%s', OLD.create_date) AS INTEGER) + 86399) / 86400)) ELSE -1 END); UPDATE lead_daily_meta_campaigns SET leads = leads - 1 WHERE (day, source, campaign, meta_campaign_id) = (COALESCE(date(OLD.create_date), '1900-01-01'), COALESCE(OLD.source, ''), COALESCE(OLD.campaign, ''), COALESCE(OLD.meta_campaign_id, '')); END;
                CREATE TRIGGER lead_daily_outcomes_update_old AFTER UPDATE OF create_date, stage_id, stage_name, source, campaign, type, is_won, expected_revenue, date_closed, deleted, is_test, meta_campaign_id ON leads WHEN OLD.deleted = 0 AND OLD.is_test = 0 BEGIN UPDATE lead_daily_outcomes SET leads = leads - 1, revenue = revenue - OLD.expected_revenue WHERE (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days) = (COALESCE(date(OLD.create_date), '1900-01-01'), 0, COALESCE(OLD.source, ''), COALESCE(OLD.stage_id, 0), COALESCE(OLD.stage_name, ''), COALESCE(OLD.type, ''), OLD.is_won, CASE WHEN OLD.is_won AND OLD.create_date IS NOT NULL AND OLD.date_closed IS NOT NULL THEN MIN(366, MAX(0, (CAST(strftime('%s', OLD.date_closed) AS INTEGER) - CAST(strftime('%s', OLD.create_date) AS INTEGER) + 86399) / 86400)) ELSE -1 END); UPDATE lead_daily_outcomes SET leads = leads - 1, revenue = revenue - OLD.expected_revenue WHERE (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days) = (COALESCE(date(OLD.create_date), '1900-01-01'), 1, COALESCE(OLD.campaign, ''), COALESCE(OLD.stage_id, 0), COALESCE(OLD.stage_name, ''), COALESCE(OLD.type, ''), OLD.is_won, CASE WHEN OLD.is_won AND OLD.create_date IS NOT NULL AND OLD.date_closed IS NOT NULL THEN MIN(366, MAX(0, (CAST(strftime('%s', OLD.date_closed) AS INTEGER) - CAST(strftime('%s', OLD.create_date) AS INTEGER) + 86399) / 86400)) ELSE -1 END); UPDATE lead_daily_meta_campaigns SET leads = leads - 1 WHERE (day, source, campaign, meta_campaign_id) = (COALESCE(date(OLD.create_date), '1900-01-01'), COALESCE(OLD.source, ''), COALESCE(OLD.campaign, ''), COALESCE(OLD.meta_campaign_id, '')); END;
                CREATE TRIGGER lead_daily_outcomes_update_new AFTER UPDATE OF create_date, stage_id, stage_name, source, campaign, type, is_won, expected_revenue, date_closed, deleted, is_test, meta_campaign_id ON leads WHEN NEW.deleted = 0 AND NEW.is_test = 0 BEGIN INSERT INTO lead_daily_outcomes (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days, leads, revenue) VALUES (COALESCE(date(NEW.create_date), '1900-01-01'), 0, COALESCE(NEW.source, ''), COALESCE(NEW.stage_id, 0), COALESCE(NEW.stage_name, ''), COALESCE(NEW.type, ''), NEW.is_won, CASE WHEN NEW.is_won AND NEW.create_date IS NOT NULL AND NEW.date_closed IS NOT NULL THEN MIN(366, MAX(0, (CAST(strftime('%s', NEW.date_closed) AS INTEGER) - CAST(strftime('%s', NEW.create_date) AS INTEGER) + 86399) / 86400)) ELSE -1 END, 1, NEW.expected_revenue) ON CONFLICT (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days) DO UPDATE SET leads = leads + 1, revenue = revenue + excluded.revenue; INSERT INTO lead_daily_outcomes (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days, leads, revenue) VALUES (COALESCE(date(NEW.create_date), '1900-01-01'), 1, COALESCE(NEW.campaign, ''), COALESCE(NEW.stage_id, 0), COALESCE(NEW.stage_name, ''), COALESCE(NEW.type, ''), NEW.is_won, CASE WHEN NEW.is_won AND NEW.create_date IS NOT NULL AND NEW.date_closed IS NOT NULL THEN MIN(366, MAX(0, (CAST(strftime('%s', NEW.date_closed) AS INTEGER) - CAST(strftime('%s', NEW.create_date) AS INTEGER) + 86399) / 86400)) ELSE -1 END, 1, NEW.expected_revenue) ON CONFLICT (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days) DO UPDATE SET leads = leads + 1, revenue = revenue + excluded.revenue; INSERT INTO lead_daily_meta_campaigns (day, source, campaign, meta_campaign_id, leads) VALUES (COALESCE(date(NEW.create_date), '1900-01-01'), COALESCE(NEW.source, ''), COALESCE(NEW.campaign, ''), COALESCE(NEW.meta_campaign_id, ''), 1) ON CONFLICT (day, source, campaign, meta_campaign_id) DO UPDATE SET leads = leads + 1; END;
                INSERT INTO lead_daily_outcomes (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days, leads, revenue) SELECT COALESCE(date(leads.create_date), '1900-01-01'), 0, COALESCE(leads.source, ''), COALESCE(leads.stage_id, 0), COALESCE(leads.stage_name, ''), COALESCE(leads.type, ''), leads.is_won, CASE WHEN leads.is_won AND leads.create_date IS NOT NULL AND leads.date_closed IS NOT NULL THEN MIN(366, MAX(0, (CAST(strftime('%s', leads.date_closed) AS INTEGER) - CAST(strftime('%s', leads.create_date) AS INTEGER) + 86399) / 86400)) ELSE -1 END, COUNT(*), SUM(leads.expected_revenue) FROM leads WHERE leads.deleted = 0 AND leads.is_test = 0 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
                INSERT INTO lead_daily_outcomes (day, grouped_by, grouping, stage_id, stage, type, is_won, won_days, leads, revenue) SELECT COALESCE(date(leads.create_date), '1900-01-01'), 1, COALESCE(leads.campaign, ''), COALESCE(leads.stage_id, 0), COALESCE(leads.stage_name, ''), COALESCE(leads.type, ''), leads.is_won, CASE WHEN leads.is_won AND leads.create_date IS NOT NULL AND leads.date_closed IS NOT NULL THEN MIN(366, MAX(0, (CAST(strftime('%s', leads.date_closed) AS INTEGER) - CAST(strftime('%s', leads.create_date) AS INTEGER) + 86399) / 86400)) ELSE -1 END, COUNT(*), SUM(leads.expected_revenue) FROM leads WHERE leads.deleted = 0 AND leads.is_test = 0 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
                INSERT INTO lead_daily_meta_campaigns (day, source, campaign, meta_campaign_id, leads) SELECT COALESCE(date(leads.create_date), '1900-01-01'), COALESCE(leads.source, ''), COALESCE(leads.campaign, ''), COALESCE(leads.meta_campaign_id, ''), COUNT(*) FROM leads WHERE leads.deleted = 0 AND leads.is_test = 0 GROUP BY 1, 2, 3, 4;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS lead_daily_outcomes_insert;
                DROP TRIGGER IF EXISTS lead_daily_outcomes_delete;
                DROP TRIGGER IF EXISTS lead_daily_outcomes_update_old;
                DROP TRIGGER IF EXISTS lead_daily_outcomes_update_new;
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
