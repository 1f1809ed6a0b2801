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

            // The rollups are kept by triggers on leads and filled from the leads already there.
            migrationBuilder.Sql(GAssistant.Hub.Crm.LeadDailyStatsSql.SqliteCreate);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(GAssistant.Hub.Crm.LeadDailyStatsSql.SqliteDrop);
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
