using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Backups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "backup_run",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    file = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    started_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    rows = table.Column<long>(type: "INTEGER", nullable: false),
                    schema_version = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    result = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_backup_run", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_backup_run_finished_ms",
                table: "backup_run",
                column: "finished_ms");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "backup_run");
        }
    }
}
