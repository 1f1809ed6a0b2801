using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MetaAdDailyInsights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meta_ad_daily_insights",
                columns: table => new
                {
                    ad_account_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ad_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    ad_name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    adset_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    adset_name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    campaign_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    campaign_name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    spend = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    impressions = table.Column<long>(type: "bigint", nullable: false),
                    clicks = table.Column<long>(type: "bigint", nullable: false),
                    reach = table.Column<long>(type: "bigint", nullable: false),
                    leads = table.Column<long>(type: "bigint", nullable: false),
                    lead_value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    synced_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meta_ad_daily_insights", x => new { x.ad_account_id, x.ad_id, x.date });
                });

            migrationBuilder.CreateIndex(
                name: "ix_meta_ad_daily_insights_date",
                table: "meta_ad_daily_insights",
                column: "date");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meta_ad_daily_insights");
        }
    }
}
