using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Currencies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "original_currency",
                table: "sale_line",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "original_net_cents",
                table: "sale_line",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "exchange_rate",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    rate = table.Column<decimal>(type: "TEXT", precision: 24, scale: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exchange_rate", x => new { x.workspace_id, x.currency, x.date });
                    table.ForeignKey(
                        name: "FK_exchange_rate_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exchange_rate");

            migrationBuilder.DropColumn(
                name: "original_currency",
                table: "sale_line");

            migrationBuilder.DropColumn(
                name: "original_net_cents",
                table: "sale_line");
        }
    }
}
