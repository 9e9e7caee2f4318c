using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "tier",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Any");

            migrationBuilder.AddColumn<int>(
                name: "checkin_days",
                table: "tier",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "discount_max_pct",
                table: "tier",
                type: "numeric(5,2)",
                precision: 5,
                scale: 2,
                nullable: false,
                defaultValue: 5m);

            migrationBuilder.AddColumn<decimal>(
                name: "discount_min_pct",
                table: "tier",
                type: "numeric(5,2)",
                precision: 5,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "order_priority",
                table: "tier",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "promised_hours",
                table: "tier",
                type: "integer",
                nullable: false,
                defaultValue: 72);

            // PRODUCT.md §3, Tier policy: the top tier checks in every 30 days, discounts 5–15 %, priority 1, 24 h;
            // every other tier takes the lowest tier's values (the column defaults above).
            migrationBuilder.Sql("UPDATE tier SET checkin_days = 30, discount_min_pct = 5, discount_max_pct = 15, order_priority = 1, promised_hours = 24 WHERE rank = 1;");

            migrationBuilder.CreateTable(
                name: "calendar_feed",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_feed", x => new { x.workspace_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_calendar_feed_membership_workspace_id_user_id",
                        columns: x => new { x.workspace_id, x.user_id },
                        principalTable: "membership",
                        principalColumns: new[] { "workspace_id", "user_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contact",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "integer", nullable: false),
                    id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    influence = table.Column<int>(type: "integer", nullable: true),
                    strength = table.Column<int>(type: "integer", nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    is_primary = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contact", x => new { x.workspace_id, x.id });
                    table.ForeignKey(
                        name: "FK_contact_customer_workspace_id_customer_id",
                        columns: x => new { x.workspace_id, x.customer_id },
                        principalTable: "customer",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "activity",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "integer", nullable: false),
                    id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    logged_by_user_id = table.Column<string>(type: "text", nullable: true),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    is_checkin = table.Column<bool>(type: "boolean", nullable: false),
                    csat = table.Column<int>(type: "integer", nullable: true),
                    nps = table.Column<int>(type: "integer", nullable: true),
                    nps_contact_id = table.Column<long>(type: "bigint", nullable: true),
                    next_checkin_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_activity", x => new { x.workspace_id, x.id });
                    table.ForeignKey(
                        name: "FK_activity_app_user_logged_by_user_id",
                        column: x => x.logged_by_user_id,
                        principalTable: "app_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_activity_contact_workspace_id_nps_contact_id",
                        columns: x => new { x.workspace_id, x.nps_contact_id },
                        principalTable: "contact",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_activity_customer_workspace_id_customer_id",
                        columns: x => new { x.workspace_id, x.customer_id },
                        principalTable: "customer",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contact_member",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "integer", nullable: false),
                    contact_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contact_member", x => new { x.workspace_id, x.contact_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_contact_member_contact_workspace_id_contact_id",
                        columns: x => new { x.workspace_id, x.contact_id },
                        principalTable: "contact",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_contact_member_membership_workspace_id_user_id",
                        columns: x => new { x.workspace_id, x.user_id },
                        principalTable: "membership",
                        principalColumns: new[] { "workspace_id", "user_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "activity_contact",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "integer", nullable: false),
                    activity_id = table.Column<long>(type: "bigint", nullable: false),
                    contact_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_activity_contact", x => new { x.workspace_id, x.activity_id, x.contact_id });
                    table.ForeignKey(
                        name: "FK_activity_contact_activity_workspace_id_activity_id",
                        columns: x => new { x.workspace_id, x.activity_id },
                        principalTable: "activity",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_activity_contact_contact_workspace_id_contact_id",
                        columns: x => new { x.workspace_id, x.contact_id },
                        principalTable: "contact",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "activity_member",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "integer", nullable: false),
                    activity_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_activity_member", x => new { x.workspace_id, x.activity_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_activity_member_activity_workspace_id_activity_id",
                        columns: x => new { x.workspace_id, x.activity_id },
                        principalTable: "activity",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_activity_member_membership_workspace_id_user_id",
                        columns: x => new { x.workspace_id, x.user_id },
                        principalTable: "membership",
                        principalColumns: new[] { "workspace_id", "user_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_activity_workspace_id_customer_id_at",
                table: "activity",
                columns: new[] { "workspace_id", "customer_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_activity_contact_workspace_id_contact_id",
                table: "activity_contact",
                columns: new[] { "workspace_id", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_feed_token_hash",
                table: "calendar_feed",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_contact_primary",
                table: "contact",
                columns: new[] { "workspace_id", "customer_id" },
                unique: true,
                filter: "is_primary = TRUE");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "activity_contact");

            migrationBuilder.DropTable(
                name: "activity_member");

            migrationBuilder.DropTable(
                name: "calendar_feed");

            migrationBuilder.DropTable(
                name: "contact_member");

            migrationBuilder.DropTable(
                name: "activity");

            migrationBuilder.DropTable(
                name: "contact");

            migrationBuilder.DropColumn(
                name: "channel",
                table: "tier");

            migrationBuilder.DropColumn(
                name: "checkin_days",
                table: "tier");

            migrationBuilder.DropColumn(
                name: "discount_max_pct",
                table: "tier");

            migrationBuilder.DropColumn(
                name: "discount_min_pct",
                table: "tier");

            migrationBuilder.DropColumn(
                name: "order_priority",
                table: "tier");

            migrationBuilder.DropColumn(
                name: "promised_hours",
                table: "tier");
        }
    }
}
