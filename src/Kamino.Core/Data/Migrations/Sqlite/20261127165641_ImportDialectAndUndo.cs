using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dialect",
                table: "import",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "encoding",
                table: "import",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "undone_at",
                table: "import",
                type: "TEXT",
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
