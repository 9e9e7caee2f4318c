using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KeyAccountScore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "alpha",
                table: "workspace",
                type: "TEXT",
                precision: 5,
                scale: 4,
                nullable: false,
                defaultValue: 0.70m);

            migrationBuilder.AddColumn<decimal>(
                name: "suggest_threshold",
                table: "workspace",
                type: "TEXT",
                precision: 5,
                scale: 4,
                nullable: false,
                defaultValue: 0.60m);

            migrationBuilder.AddColumn<string>(
                name: "from_tier",
                table: "designation",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "to_tier",
                table: "designation",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "tier_id",
                table: "customer",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "criterion",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    weight = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_criterion", x => new { x.workspace_id, x.key });
                    table.ForeignKey(
                        name: "FK_criterion_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "referral",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    referred_by_customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_referral", x => new { x.workspace_id, x.customer_id });
                    table.ForeignKey(
                        name: "FK_referral_customer_workspace_id_customer_id",
                        columns: x => new { x.workspace_id, x.customer_id },
                        principalTable: "customer",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_referral_customer_workspace_id_referred_by_customer_id",
                        columns: x => new { x.workspace_id, x.referred_by_customer_id },
                        principalTable: "customer",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tier",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    rank = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tier", x => new { x.workspace_id, x.id });
                    table.ForeignKey(
                        name: "FK_tier_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspace",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rating",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    criterion_key = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    value = table.Column<int>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    user_id = table.Column<string>(type: "TEXT", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rating", x => new { x.workspace_id, x.id });
                    table.ForeignKey(
                        name: "FK_rating_criterion_workspace_id_criterion_key",
                        columns: x => new { x.workspace_id, x.criterion_key },
                        principalTable: "criterion",
                        principalColumns: new[] { "workspace_id", "key" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_rating_customer_workspace_id_customer_id",
                        columns: x => new { x.workspace_id, x.customer_id },
                        principalTable: "customer",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_rating_workspace_id_customer_id",
                table: "rating",
                columns: new[] { "workspace_id", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "IX_referral_workspace_id_referred_by_customer_id",
                table: "referral",
                columns: new[] { "workspace_id", "referred_by_customer_id" });

            migrationBuilder.AddForeignKey(
                name: "FK_customer_tier_workspace_id_tier_id",
                table: "customer",
                columns: new[] { "workspace_id", "tier_id" },
                principalTable: "tier",
                principalColumns: new[] { "workspace_id", "id" },
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_customer_tier_workspace_id_tier_id",
                table: "customer");

            migrationBuilder.DropTable(
                name: "rating");

            migrationBuilder.DropTable(
                name: "referral");

            migrationBuilder.DropTable(
                name: "tier");

            migrationBuilder.DropTable(
                name: "criterion");

            migrationBuilder.DropColumn(
                name: "alpha",
                table: "workspace");

            migrationBuilder.DropColumn(
                name: "suggest_threshold",
                table: "workspace");

            migrationBuilder.DropColumn(
                name: "from_tier",
                table: "designation");

            migrationBuilder.DropColumn(
                name: "to_tier",
                table: "designation");

            migrationBuilder.DropColumn(
                name: "tier_id",
                table: "customer");
        }
    }
}
