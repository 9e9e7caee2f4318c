using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DistributionKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_invitation_token_hash",
                table: "invitation");

            migrationBuilder.DropIndex(
                name: "IX_calendar_feed_token_hash",
                table: "calendar_feed");

            migrationBuilder.CreateIndex(
                name: "ix_invitation_token",
                table: "invitation",
                column: "token_hash");

            migrationBuilder.CreateIndex(
                name: "IX_invitation_workspace_id_token_hash",
                table: "invitation",
                columns: new[] { "workspace_id", "token_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_calendar_feed_token",
                table: "calendar_feed",
                column: "token_hash");

            migrationBuilder.CreateIndex(
                name: "IX_calendar_feed_workspace_id_token_hash",
                table: "calendar_feed",
                columns: new[] { "workspace_id", "token_hash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_invitation_token",
                table: "invitation");

            migrationBuilder.DropIndex(
                name: "IX_invitation_workspace_id_token_hash",
                table: "invitation");

            migrationBuilder.DropIndex(
                name: "ix_calendar_feed_token",
                table: "calendar_feed");

            migrationBuilder.DropIndex(
                name: "IX_calendar_feed_workspace_id_token_hash",
                table: "calendar_feed");

            migrationBuilder.CreateIndex(
                name: "IX_invitation_token_hash",
                table: "invitation",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_calendar_feed_token_hash",
                table: "calendar_feed",
                column: "token_hash",
                unique: true);
        }
    }
}
