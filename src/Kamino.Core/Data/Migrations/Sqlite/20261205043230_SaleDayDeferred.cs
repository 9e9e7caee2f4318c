using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SaleDayDeferred : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // An import's own lines may skip the row trigger and be added grouped before it commits (SaleDayTriggers).
            migrationBuilder.Sql(SaleDayTriggers.SqliteDeferredCreate);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SaleDayTriggers.SqliteDeferredDrop);
        }
    }
}
