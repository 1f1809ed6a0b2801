using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GAssistant.Hub.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CurrencyRates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "currency_rates",
                columns: table => new
                {
                    currency = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    rate = table.Column<double>(type: "REAL", precision: 24, scale: 12, nullable: false),
                    odoo_id = table.Column<long>(type: "INTEGER", nullable: false),
                    synced_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_currency_rates", x => new { x.currency, x.date });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "currency_rates");
        }
    }
}
