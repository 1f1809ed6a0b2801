using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeadArrivalPath : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "arrival",
                table: "meta_lead_links",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_meta_lead_links_created_time",
                table: "meta_lead_links",
                column: "created_time");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_meta_lead_links_created_time",
                table: "meta_lead_links");

            migrationBuilder.DropColumn(
                name: "arrival",
                table: "meta_lead_links");
        }
    }
}
