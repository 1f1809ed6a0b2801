using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MetaPlacementInsights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meta_placement_daily_insights",
                columns: table => new
                {
                    campaign_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    publisher_platform = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    platform_position = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ad_account_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    campaign_name = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    spend = table.Column<double>(type: "REAL", nullable: false),
                    impressions = table.Column<long>(type: "INTEGER", nullable: false),
                    clicks = table.Column<long>(type: "INTEGER", nullable: false),
                    leads = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    synced_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meta_placement_daily_insights", x => new { x.campaign_id, x.date, x.publisher_platform, x.platform_position });
                });

            migrationBuilder.CreateIndex(
                name: "ix_meta_placement_daily_insights_date",
                table: "meta_placement_daily_insights",
                column: "date");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meta_placement_daily_insights");
        }
    }
}
