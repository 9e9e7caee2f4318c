using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ImportDialectAndUndo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "delimiter",
                table: "import",
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dialect",
                table: "import",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "encoding",
                table: "import",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "undone_at",
                table: "import",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "delimiter",
                table: "import");

            migrationBuilder.DropColumn(
                name: "dialect",
                table: "import");

            migrationBuilder.DropColumn(
                name: "encoding",
                table: "import");

            migrationBuilder.DropColumn(
                name: "undone_at",
                table: "import");
        }
    }
}
