using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeadScoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "score",
                table: "leads",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "score_model_version",
                table: "leads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "score_reasons",
                table: "leads",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "scored_at",
                table: "leads",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "scoring_model_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    trained_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    model = table.Column<byte[]>(type: "BLOB", nullable: false),
                    metrics_json = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    training_rows = table.Column<int>(type: "INTEGER", nullable: false),
                    won_rows = table.Column<int>(type: "INTEGER", nullable: false),
                    lost_rows = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scoring_model_versions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_leads_score",
                table: "leads",
                column: "score");

            migrationBuilder.CreateIndex(
                name: "ix_scoring_model_versions_trained_at",
                table: "scoring_model_versions",
                column: "trained_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scoring_model_versions");

            migrationBuilder.DropIndex(
                name: "ix_leads_score",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "score",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "score_model_version",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "score_reasons",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "scored_at",
                table: "leads");
        }
    }
}
