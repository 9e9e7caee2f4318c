using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SaleDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sale_line_customer_date",
                table: "sale_line");

            migrationBuilder.CreateTable(
                name: "sale_day",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "integer", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    net_cents = table.Column<long>(type: "bigint", nullable: false),
                    line_count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sale_day", x => new { x.workspace_id, x.customer_id, x.date });
                });

            migrationBuilder.CreateIndex(
                name: "ix_sale_day_date",
                table: "sale_day",
                columns: new[] { "workspace_id", "date" });

            migrationBuilder.Sql(SaleDayTriggers.PostgresCreate);
            migrationBuilder.Sql(SaleDayTriggers.Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SaleDayTriggers.PostgresDrop);
            migrationBuilder.DropTable(
                name: "sale_day");

            migrationBuilder.CreateIndex(
                name: "ix_sale_line_customer_date",
                table: "sale_line",
                columns: new[] { "workspace_id", "customer_id", "date", "net_cents" });
        }
    }
}
