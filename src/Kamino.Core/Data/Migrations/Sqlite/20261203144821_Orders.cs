using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kamino.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Orders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sales_order",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    requested_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    handler_user_id = table.Column<string>(type: "TEXT", nullable: true),
                    created_by_user_id = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    fulfilled_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    cancelled_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    cancel_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    tier_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    promised_hours = table.Column<int>(type: "INTEGER", nullable: false),
                    promised_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    discount_min_pct = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    discount_max_pct = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    approval = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    decided_by_user_id = table.Column<string>(type: "TEXT", nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    decision_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sales_order", x => new { x.workspace_id, x.id });
                    table.ForeignKey(
                        name: "FK_sales_order_customer_workspace_id_customer_id",
                        columns: x => new { x.workspace_id, x.customer_id },
                        principalTable: "customer",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sales_order_line",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    order_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line = table.Column<int>(type: "INTEGER", nullable: false),
                    product_code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    unit_price_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    discount_pct = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    net_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sales_order_line", x => new { x.workspace_id, x.order_id, x.line });
                    table.ForeignKey(
                        name: "FK_sales_order_line_sales_order_workspace_id_order_id",
                        columns: x => new { x.workspace_id, x.order_id },
                        principalTable: "sales_order",
                        principalColumns: new[] { "workspace_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_workspace_id_customer_id_received_at",
                table: "sales_order",
                columns: new[] { "workspace_id", "customer_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_workspace_id_received_at",
                table: "sales_order",
                columns: new[] { "workspace_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "IX_sales_order_workspace_id_status_priority_promised_at",
                table: "sales_order",
                columns: new[] { "workspace_id", "status", "priority", "promised_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sales_order_line");

            migrationBuilder.DropTable(
                name: "sales_order");
        }
    }
}
