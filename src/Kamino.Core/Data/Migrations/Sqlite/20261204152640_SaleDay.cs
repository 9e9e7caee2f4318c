using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Sqlite
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

            // The table is written by hand: EF cannot declare WITHOUT ROWID (see SaleDayTriggers).
            migrationBuilder.Sql(SaleDayTriggers.SqliteCreate);
            migrationBuilder.Sql(SaleDayTriggers.Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SaleDayTriggers.SqliteDrop);

            migrationBuilder.CreateIndex(
                name: "ix_sale_line_customer_date",
                table: "sale_line",
                columns: new[] { "workspace_id", "customer_id", "date", "net_cents" });
        }
    }
}
