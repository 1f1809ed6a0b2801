using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MetaLeadsAndCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meta_ad_accounts",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    currency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    synced_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meta_ad_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "meta_campaigns",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ad_account_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    effective_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    objective = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    daily_budget = table.Column<long>(type: "bigint", nullable: true),
                    lifetime_budget = table.Column<long>(type: "bigint", nullable: true),
                    currency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    synced_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meta_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "meta_daily_insights",
                columns: table => new
                {
                    campaign_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    ad_account_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
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
                    table.PrimaryKey("pk_meta_daily_insights", x => new { x.campaign_id, x.date });
                });

            migrationBuilder.CreateTable(
                name: "meta_lead_forms",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    page_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    leads_read_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    synced_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meta_lead_forms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "meta_lead_links",
                columns: table => new
                {
                    leadgen_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    odoo_lead_id = table.Column<long>(type: "bigint", nullable: false),
                    page_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    form_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ad_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ad_name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    adset_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    adset_name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    campaign_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    campaign_name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    platform = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    is_organic = table.Column<bool>(type: "boolean", nullable: false),
                    created_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    linked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meta_lead_links", x => x.leadgen_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_meta_campaigns_name",
                table: "meta_campaigns",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_meta_daily_insights_date",
                table: "meta_daily_insights",
                column: "date");

            migrationBuilder.CreateIndex(
                name: "ix_meta_lead_links_campaign_id",
                table: "meta_lead_links",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_meta_lead_links_odoo_lead_id",
                table: "meta_lead_links",
                column: "odoo_lead_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meta_ad_accounts");

            migrationBuilder.DropTable(
                name: "meta_campaigns");

            migrationBuilder.DropTable(
                name: "meta_daily_insights");

            migrationBuilder.DropTable(
                name: "meta_lead_forms");

            migrationBuilder.DropTable(
                name: "meta_lead_links");
        }
    }
}
