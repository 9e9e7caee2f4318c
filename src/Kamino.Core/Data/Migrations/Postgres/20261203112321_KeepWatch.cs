using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeepWatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "health_weight_freshness",
                table: "workspace",
                type: "integer",
                nullable: false,
                defaultValue: 35);

            migrationBuilder.AddColumn<int>(
                name: "health_weight_revenue",
                table: "workspace",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "health_weight_satisfaction",
                table: "workspace",
                type: "integer",
                nullable: false,
                defaultValue: 25);

            migrationBuilder.AddColumn<int>(
                name: "health_weight_tasks",
                table: "workspace",
                type: "integer",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<long>(
                name: "objective_id",
                table: "task",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "account_plan",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "integer", nullable: false),
                    id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    strengths = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    weaknesses = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    opportunities = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    threats = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by_user_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_plan", x => new { x.workspace_id, x.id });
                    table.ForeignKey(
                        name: "FK_account_plan_customer_workspace_id_customer_id",
                        columns: x => new { x.workspace_id, x.customer_id },
                        principalTable: "customer",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "alert_digest",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    week = table.Column<DateOnly>(type: "date", nullable: false),
                    alerts = table.Column<int>(type: "integer", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_digest", x => new { x.workspace_id, x.user_id, x.week });
                    table.ForeignKey(
                        name: "FK_alert_digest_membership_workspace_id_user_id",
                        columns: x => new { x.workspace_id, x.user_id },
                        principalTable: "membership",
                        principalColumns: new[] { "workspace_id", "user_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_dismissal",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    alert_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    snoozed_until = table.Column<DateOnly>(type: "date", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_dismissal", x => new { x.workspace_id, x.user_id, x.alert_key });
                    table.ForeignKey(
                        name: "FK_alert_dismissal_membership_workspace_id_user_id",
                        columns: x => new { x.workspace_id, x.user_id },
                        principalTable: "membership",
                        principalColumns: new[] { "workspace_id", "user_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_objective",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "integer", nullable: false),
                    id = table.Column<long>(type: "bigint", nullable: false),
                    plan_id = table.Column<long>(type: "bigint", nullable: false),
                    area = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    owner_user_id = table.Column<string>(type: "text", nullable: true),
                    measure = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    target = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_objective", x => new { x.workspace_id, x.id });
                    table.ForeignKey(
                        name: "FK_plan_objective_account_plan_workspace_id_plan_id",
                        columns: x => new { x.workspace_id, x.plan_id },
                        principalTable: "account_plan",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_plan_objective_membership_workspace_id_owner_user_id",
                        columns: x => new { x.workspace_id, x.owner_user_id },
                        principalTable: "membership",
                        principalColumns: new[] { "workspace_id", "user_id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_task_workspace_id_objective_id",
                table: "task",
                columns: new[] { "workspace_id", "objective_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sale_line_customer_date",
                table: "sale_line",
                columns: new[] { "workspace_id", "customer_id", "date", "net_cents" });

            migrationBuilder.CreateIndex(
                name: "IX_account_plan_workspace_id_customer_id_year",
                table: "account_plan",
                columns: new[] { "workspace_id", "customer_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_objective_workspace_id_plan_id_position",
                table: "plan_objective",
                columns: new[] { "workspace_id", "plan_id", "position" });

            migrationBuilder.AddForeignKey(
                name: "FK_task_plan_objective_workspace_id_objective_id",
                table: "task",
                columns: new[] { "workspace_id", "objective_id" },
                principalTable: "plan_objective",
                principalColumns: new[] { "workspace_id", "id" },
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_task_plan_objective_workspace_id_objective_id",
                table: "task");

            migrationBuilder.DropTable(
                name: "alert_digest");

            migrationBuilder.DropTable(
                name: "alert_dismissal");

            migrationBuilder.DropTable(
                name: "plan_objective");

            migrationBuilder.DropTable(
                name: "account_plan");

            migrationBuilder.DropIndex(
                name: "IX_task_workspace_id_objective_id",
                table: "task");

            migrationBuilder.DropIndex(
                name: "ix_sale_line_customer_date",
                table: "sale_line");

            migrationBuilder.DropColumn(
                name: "health_weight_freshness",
                table: "workspace");

            migrationBuilder.DropColumn(
                name: "health_weight_revenue",
                table: "workspace");

            migrationBuilder.DropColumn(
                name: "health_weight_satisfaction",
                table: "workspace");

            migrationBuilder.DropColumn(
                name: "health_weight_tasks",
                table: "workspace");

            migrationBuilder.DropColumn(
                name: "objective_id",
                table: "task");
        }
    }
}
