using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kamino.Data.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    node = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    file = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    started_ms = table.Column<long>(type: "bigint", nullable: false),
                    finished_ms = table.Column<long>(type: "bigint", nullable: false),
                    succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    rows = table.Column<long>(type: "bigint", nullable: false),
                    schema_version = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    result = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
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
