using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Sqlite
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
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    campaign = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    is_won = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_open = table.Column<bool>(type: "INTEGER", nullable: false),
                    leads = table.Column<int>(type: "INTEGER", nullable: false),
                    revenue = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_daily_campaign_stats", x => new { x.day, x.campaign, x.is_won, x.is_open });
                });

            migrationBuilder.CreateTable(
                name: "lead_daily_stats",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    is_won = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_open = table.Column<bool>(type: "INTEGER", nullable: false),
                    leads = table.Column<int>(type: "INTEGER", nullable: false),
                    revenue = table.Column<double>(type: "REAL", nullable: false),
                    revenue_times_probability = table.Column<double>(type: "REAL", nullable: false),
                    probability_sum = table.Column<double>(type: "REAL", nullable: false)
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
                CREATE TRIGGER lead_daily_stats_insert AFTER INSERT ON leads WHEN NEW.deleted = 0 BEGIN INSERT INTO lead_daily_stats (day, stage, source, currency, is_won, is_open, leads, revenue, revenue_times_probability, probability_sum) VALUES (COALESCE(date(NEW.create_date), '1900-01-01'), COALESCE(NEW.stage_name, ''), COALESCE(NEW.source, ''), COALESCE(NEW.currency, ''), NEW.is_won, NEW.active AND NOT NEW.is_won AND NOT NEW.is_lost, 1, NEW.expected_revenue, NEW.expected_revenue * NEW.probability, NEW.probability) ON CONFLICT (day, stage, source, currency, is_won, is_open) DO UPDATE SET leads = leads + 1, revenue = revenue + excluded.revenue, revenue_times_probability = revenue_times_probability + excluded.revenue_times_probability, probability_sum = probability_sum + excluded.probability_sum;INSERT INTO lead_daily_campaign_stats (day, campaign, is_won, is_open, leads, revenue) VALUES (COALESCE(date(NEW.create_date), '1900-01-01'), COALESCE(NEW.campaign, ''), NEW.is_won, NEW.active AND NOT NEW.is_won AND NOT NEW.is_lost, 1, NEW.expected_revenue) ON CONFLICT (day, campaign, is_won, is_open) DO UPDATE SET leads = leads + 1, revenue = revenue + excluded.revenue; END;
                CREATE TRIGGER lead_daily_stats_delete AFTER DELETE ON leads WHEN OLD.deleted = 0 BEGIN UPDATE lead_daily_stats SET leads = leads - 1, revenue = revenue - OLD.expected_revenue, revenue_times_probability = revenue_times_probability - OLD.expected_revenue * OLD.probability, probability_sum = probability_sum - OLD.probability WHERE (day, stage, source, currency, is_won, is_open) = (COALESCE(date(OLD.create_date), '1900-01-01'), COALESCE(OLD.stage_name, ''), COALESCE(OLD.source, ''), COALESCE(OLD.currency, ''), OLD.is_won, OLD.active AND NOT OLD.is_won AND NOT OLD.is_lost);UPDATE lead_daily_campaign_stats SET leads = leads - 1, revenue = revenue - OLD.expected_revenue WHERE (day, campaign, is_won, is_open) = (COALESCE(date(OLD.create_date), '1900-01-01'), COALESCE(OLD.campaign, ''), OLD.is_won, OLD.active AND NOT OLD.is_won AND NOT OLD.is_lost); END;
                CREATE TRIGGER lead_daily_stats_update_old AFTER UPDATE OF create_date, stage_name, source, campaign, currency, is_won, is_lost, active, expected_revenue, probability, deleted ON leads WHEN OLD.deleted = 0 BEGIN UPDATE lead_daily_stats SET leads = leads - 1, revenue = revenue - OLD.expected_revenue, revenue_times_probability = revenue_times_probability - OLD.expected_revenue * OLD.probability, probability_sum = probability_sum - OLD.probability WHERE (day, stage, source, currency, is_won, is_open) = (COALESCE(date(OLD.create_date), '1900-01-01'), COALESCE(OLD.stage_name, ''), COALESCE(OLD.source, ''), COALESCE(OLD.currency, ''), OLD.is_won, OLD.active AND NOT OLD.is_won AND NOT OLD.is_lost);UPDATE lead_daily_campaign_stats SET leads = leads - 1, revenue = revenue - OLD.expected_revenue WHERE (day, campaign, is_won, is_open) = (COALESCE(date(OLD.create_date), '1900-01-01'), COALESCE(OLD.campaign, ''), OLD.is_won, OLD.active AND NOT OLD.is_won AND NOT OLD.is_lost); END;
                CREATE TRIGGER lead_daily_stats_update_new AFTER UPDATE OF create_date, stage_name, source, campaign, currency, is_won, is_lost, active, expected_revenue, probability, deleted ON leads WHEN NEW.deleted = 0 BEGIN INSERT INTO lead_daily_stats (day, stage, source, currency, is_won, is_open, leads, revenue, revenue_times_probability, probability_sum) VALUES (COALESCE(date(NEW.create_date), '1900-01-01'), COALESCE(NEW.stage_name, ''), COALESCE(NEW.source, ''), COALESCE(NEW.currency, ''), NEW.is_won, NEW.active AND NOT NEW.is_won AND NOT NEW.is_lost, 1, NEW.expected_revenue, NEW.expected_revenue * NEW.probability, NEW.probability) ON CONFLICT (day, stage, source, currency, is_won, is_open) DO UPDATE SET leads = leads + 1, revenue = revenue + excluded.revenue, revenue_times_probability = revenue_times_probability + excluded.revenue_times_probability, probability_sum = probability_sum + excluded.probability_sum;INSERT INTO lead_daily_campaign_stats (day, campaign, is_won, is_open, leads, revenue) VALUES (COALESCE(date(NEW.create_date), '1900-01-01'), COALESCE(NEW.campaign, ''), NEW.is_won, NEW.active AND NOT NEW.is_won AND NOT NEW.is_lost, 1, NEW.expected_revenue) ON CONFLICT (day, campaign, is_won, is_open) DO UPDATE SET leads = leads + 1, revenue = revenue + excluded.revenue; END;
                INSERT INTO lead_daily_stats (day, stage, source, currency, is_won, is_open, leads, revenue, revenue_times_probability, probability_sum) SELECT COALESCE(date(leads.create_date), '1900-01-01'), COALESCE(leads.stage_name, ''), COALESCE(leads.source, ''), COALESCE(leads.currency, ''), leads.is_won, leads.active AND NOT leads.is_won AND NOT leads.is_lost, COUNT(*), SUM(leads.expected_revenue), SUM(leads.expected_revenue * leads.probability), SUM(leads.probability) FROM leads WHERE leads.deleted = 0 GROUP BY 1, 2, 3, 4, 5, 6;INSERT INTO lead_daily_campaign_stats (day, campaign, is_won, is_open, leads, revenue) SELECT COALESCE(date(leads.create_date), '1900-01-01'), COALESCE(leads.campaign, ''), leads.is_won, leads.active AND NOT leads.is_won AND NOT leads.is_lost, COUNT(*), SUM(leads.expected_revenue) FROM leads WHERE leads.deleted = 0 GROUP BY 1, 2, 3, 4;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS lead_daily_stats_insert;
                DROP TRIGGER IF EXISTS lead_daily_stats_delete;
                DROP TRIGGER IF EXISTS lead_daily_stats_update_old;
                DROP TRIGGER IF EXISTS lead_daily_stats_update_new;
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
