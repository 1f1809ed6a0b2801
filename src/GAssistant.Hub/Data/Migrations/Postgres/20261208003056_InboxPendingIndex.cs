using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InboxPendingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_inbox_events_pending",
                table: "inbox_events",
                column: "id",
                filter: "status = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_inbox_events_pending",
                table: "inbox_events");
        }
    }
}
