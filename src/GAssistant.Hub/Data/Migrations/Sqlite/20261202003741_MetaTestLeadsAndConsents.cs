using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MetaTestLeadsAndConsents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_dashboard",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_recent_writes",
                table: "leads");

            migrationBuilder.AddColumn<string>(
                name: "consents",
                table: "meta_lead_links",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "test_status",
                table: "meta_lead_links",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "is_test",
                table: "meta_lead_forms",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "is_test",
                table: "leads",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_meta_lead_links_form_id",
                table: "meta_lead_links",
                column: "form_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_dashboard",
                table: "leads",
                columns: new[] { "deleted", "create_date", "active", "is_won", "is_lost", "stage_name", "write_date", "expected_revenue", "campaign", "type", "date_closed", "odoo_id", "is_test" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_recent_writes",
                table: "leads",
                columns: new[] { "write_date", "deleted", "active", "is_won", "is_lost", "stage_name", "create_date", "expected_revenue", "source", "campaign", "is_test" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_test",
                table: "leads",
                column: "is_test",
                filter: "is_test");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_meta_lead_links_form_id",
                table: "meta_lead_links");

            migrationBuilder.DropIndex(
                name: "ix_leads_dashboard",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_recent_writes",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_test",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "consents",
                table: "meta_lead_links");

            migrationBuilder.DropColumn(
                name: "test_status",
                table: "meta_lead_links");

            migrationBuilder.DropColumn(
                name: "is_test",
                table: "meta_lead_forms");

            migrationBuilder.DropColumn(
                name: "is_test",
                table: "leads");

            migrationBuilder.CreateIndex(
                name: "ix_leads_dashboard",
                table: "leads",
                columns: new[] { "deleted", "create_date", "active", "is_won", "is_lost", "stage_name", "write_date", "expected_revenue", "campaign", "type", "date_closed", "odoo_id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_recent_writes",
                table: "leads",
                columns: new[] { "write_date", "deleted", "active", "is_won", "is_lost", "stage_name", "create_date", "expected_revenue", "source", "campaign" });
        }
    }
}
