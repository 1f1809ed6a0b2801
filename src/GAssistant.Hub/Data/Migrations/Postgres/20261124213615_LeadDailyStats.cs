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

            // The rollups are kept by triggers on leads and filled from the leads already there.
            migrationBuilder.Sql(GAssistant.Hub.Crm.LeadDailyStatsSql.PostgresCreate);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(GAssistant.Hub.Crm.LeadDailyStatsSql.PostgresDrop);
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
