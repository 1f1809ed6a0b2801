using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_dashboard",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_write_date",
                table: "leads");

            migrationBuilder.CreateIndex(
                name: "ix_leads_dashboard",
                table: "leads",
                columns: new[] { "deleted", "create_date", "active", "is_won", "is_lost", "stage_name", "write_date", "expected_revenue", "campaign", "type", "date_closed", "odoo_id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_recent_writes",
                table: "leads",
                columns: new[] { "write_date", "deleted", "active", "is_won", "is_lost", "stage_name", "create_date", "expected_revenue", "source", "campaign" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_daily_campaign_stats_by_campaign",
                table: "lead_daily_campaign_stats",
                columns: new[] { "campaign", "is_won", "is_open", "day", "leads", "revenue" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_dashboard",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_recent_writes",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_lead_daily_campaign_stats_by_campaign",
                table: "lead_daily_campaign_stats");

            migrationBuilder.CreateIndex(
                name: "ix_leads_dashboard",
                table: "leads",
                columns: new[] { "deleted", "create_date", "active", "is_won", "is_lost", "stage_name", "write_date", "expected_revenue", "campaign", "type", "date_closed" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_write_date",
                table: "leads",
                column: "write_date");
        }
    }
}
