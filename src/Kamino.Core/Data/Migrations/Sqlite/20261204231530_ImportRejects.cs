using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportRejects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "lines_rejected",
                table: "import",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "rejects_file",
                table: "import",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "lines_rejected",
                table: "import");

            migrationBuilder.DropColumn(
                name: "rejects_file",
                table: "import");
        }
    }
}
