using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MetaLeadRepeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_repeat",
                table: "meta_lead_links",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "known_partner_id",
                table: "meta_lead_links",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_repeat",
                table: "meta_lead_links");

            migrationBuilder.DropColumn(
                name: "known_partner_id",
                table: "meta_lead_links");
        }
    }
}
