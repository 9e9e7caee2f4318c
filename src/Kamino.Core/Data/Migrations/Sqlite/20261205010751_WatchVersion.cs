using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WatchVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "watch_version",
                table: "workspace",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "watch_version",
                table: "workspace");
        }
    }
}
