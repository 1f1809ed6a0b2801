using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SpeedToLead : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "escalated_at",
                table: "meta_lead_links",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "first_response_at",
                table: "leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "first_response_kind",
                table: "leads",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "first_response_user_id",
                table: "leads",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "escalated_at",
                table: "meta_lead_links");

            migrationBuilder.DropColumn(
                name: "first_response_at",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "first_response_kind",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "first_response_user_id",
                table: "leads");
        }
    }
}
