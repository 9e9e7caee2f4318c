using System.ComponentModel;
using System.Globalization;
using Kamino.Activities;
using Kamino.Customers;
using Kamino.Data;
using Kamino.Exports;
using Kamino.Health;
using Kamino.Host.Accounts;
using Kamino.Host.Activities;
using Kamino.Host.Analysis;
using Kamino.Host.Customers;
using Kamino.Host.Orders;
using Kamino.Host.Web;
using Kamino.Orders;
using Kamino.People;
using Kamino.WorkTasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Exports;

/// <summary>
/// Downloads over HTTP (docs/exports.md): <c>GET …/exports/{what}.{csv|xlsx}</c> for the five lists and
/// <c>GET …/reports/portfolio.pdf</c>. Each list is read by the query of its list endpoint, with that endpoint's scope.
/// </summary>
public static class ExportsApi
{
    /// <summary>The lists by the name their address uses.</summary>
    public static readonly IReadOnlyDictionary<string, ExportKind> Names = new Dictionary<string, ExportKind>(StringComparer.Ordinal)
    {
        ["customers"] = ExportKind.Customers,
        ["key-accounts"] = ExportKind.KeyAccounts,
        ["tasks"] = ExportKind.Tasks,
        ["activities"] = ExportKind.Activities,
        ["orders"] = ExportKind.Orders,
    };

    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var exports = app.MapWorkspaceApi("/exports").WithTags("Exports");
        exports.MapGet("/{what}.{format}", ExportAsync)
            .RequireExpensiveLimit()
            .WithSummary("Download a list as CSV or Excel: customers, key-accounts, tasks, activities or orders (format csv or xlsx)")
            .WithDescription("The same rows as the list's endpoint, for the same member: customers as `…/customers` (all of them, rank order; `from`, `to`, `all`, `key`, `class`, `suggested`), "
                + "key-accounts as `…/health` (`scope` mine, team or workspace), tasks as `…/tasks/team` (or `scope=mine`: `…/tasks/mine`), activities of one `customer` as "
                + "`…/customers/{customer}/activities`, orders as `…/orders` (every page; `status`, `customer`). Text that looks like a formula is neutralised (docs/exports.md).")
            .RequirePermission(Permission.View);
        var reports = app.MapWorkspaceApi("/reports").WithTags("Exports");
        reports.MapGet("/portfolio.pdf", PortfolioAsync)
            .RequireExpensiveLimit()
            .WithSummary("The portfolio report as PDF: Pareto chart, ABC classes, concentration, key accounts with owner, health and next check-in")
            .WithDescription("Default period: the 12 months up to the latest sale; `from`, `to` and `all` as for the Pareto analysis. In the caller's language (Spanish or English).")
            .RequirePermission(Permission.View);
        app.MapExportAllApi();
        return app;
    }

    /// <summary>The address of a download.</summary>
    public static string Link(string slug, string what, ExportFormat format, string? query = null) =>
        $"/api/workspaces/{Uri.EscapeDataString(slug)}/exports/{what}.{Extension(format)}{(string.IsNullOrEmpty(query) ? "" : "?" + query)}";

    /// <summary>The address of the portfolio report, over <paramref name="period"/> when given.</summary>
    public static string ReportLink(string slug, Kamino.Analysis.ParetoRequest? period = null)
    {
        var query = period is null ? "" : period.All ? "?all=true"
            : string.Join('&', new[] { ("from", period.From), ("to", period.To) }.Where(p => p.Item2 is not null)
                .Select(p => $"{p.Item1}={p.Item2!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")) is { Length: > 0 } q ? "?" + q : "";
        return $"/api/workspaces/{Uri.EscapeDataString(slug)}/reports/portfolio.pdf{query}";
    }

    /// <summary>The exports page.</summary>
    public static string Page(string slug) => $"/w/{Uri.EscapeDataString(slug)}/exports";

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> ExportAsync(
        [Description("customers, key-accounts, tasks, activities or orders")] string what,
        [Description("csv or xlsx")] string format,
        [Description("customers: first sale date of the period, yyyy-mm-dd")] string? from,
        [Description("customers: last sale date of the period, yyyy-mm-dd")] string? to,
        [Description("customers: true to score over all sales")] string? all,
        [Description("customers: true for key accounts only")] string? key,
        [Description("customers: only this ABC class, A, B or C")] [FromQuery(Name = "class")] string? abc,
        [Description("customers: true for suggested customers only")] string? suggested,
        [Description("key-accounts: mine, team or workspace (default); tasks: mine or team (default)")] string? scope,
        [Description("activities: the customer's key (required); orders: only this customer's")] string? customer,
        [Description("orders: received, inProgress, fulfilled or cancelled")] string? status,
        CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var kind = Names.TryGetValue(what, out var k) ? k : (ExportKind?)null;
        var file = format switch { "csv" => ExportFormat.Csv, "xlsx" => ExportFormat.Xlsx, _ => (ExportFormat?)null };
        if (kind is null)
        {
            return ChangeResults.NotFound($"There is no list '{what}' to download: {string.Join(", ", Names.Keys)}.");
        }

        if (file is null)
        {
            return ChangeResults.NotFound($"There is no '{format}' download: csv or xlsx.");
        }

        var today = m.Today(clock);
        ExportTable? table = null;
        switch (kind.Value)
        {
            case ExportKind.Customers:
                var periodErrors = new List<ParameterError>();
                var period = ParetoParameters.Parse(from, to, all, null, periodErrors);
                foreach (var (parameter, messages) in ParetoParameters.ToDictionary(periodErrors))
                {
                    errors[parameter] = messages;
                }

                var filter = new AccountFilter(KeyAccountsApi.Flag(errors, "key", key), KeyAccountsApi.Class(errors, abc), KeyAccountsApi.Flag(errors, "suggested", suggested));
                if (period is not null && errors.Count == 0)
                {
                    table = await ExportLists.CustomersAsync(db, m.WorkspaceId, period, filter, today, ct);
                }

                break;
            case ExportKind.KeyAccounts:
                if (CheckinsApi.ParseScope(scope) is { } accountScope)
                {
                    table = ExportLists.KeyAccounts(await AccountHealth.ListAsync(db, m.WorkspaceId, accountScope, m.UserId, today, ct));
                }
                else
                {
                    errors["scope"] = ["scope is mine, team or workspace"];
                }

                break;
            case ExportKind.Tasks:
                if (scope is null or "team" or "mine")
                {
                    var actor = (await Tasks.ActorAsync(db, m.WorkspaceId, m.UserId, ct))!;
                    var tasks = scope == "mine" ? db.Tasks.AsNoTracking().Mine(m.WorkspaceId, m.UserId) : db.Tasks.AsNoTracking().Team(db, m.WorkspaceId, actor);
                    table = ExportLists.Tasks(await tasks.InListOrder(today).ToRowsAsync(db, today, ct));
                }
                else
                {
                    errors["scope"] = ["scope is mine or team"];
                }

                break;
            case ExportKind.Activities:
                if (string.IsNullOrWhiteSpace(customer))
                {
                    errors["customer"] = ["Say whose activities: customer=KEY."];
                    break;
                }

                var found = await db.Customers.AsNoTracking().Where(c => c.WorkspaceId == m.WorkspaceId && c.Key == customer).Select(c => new { c.Id, c.Key, c.Name }).FirstOrDefaultAsync(ct);
                if (found is null)
                {
                    return ChangeResults.NotFound($"No customer '{customer}' in this workspace.");
                }

                table = ExportLists.Activities(found.Key, found.Name, await ActivityLog.ListAsync(db, m.WorkspaceId, found.Id, ct: ct));
                break;
            case ExportKind.Orders:
                OrderStatus? wanted = null;
                if (status is not null && (wanted = OrdersApi.ParseStatus(status)) is null)
                {
                    errors["status"] = ["status is received, inProgress, fulfilled or cancelled."];
                    break;
                }

                long? customerId = null;
                if (customer is not null && (customerId = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct)) is null)
                {
                    return ChangeResults.NotFound($"No customer '{customer}' in this workspace.");
                }

                table = await ExportLists.OrdersAsync(db, m.WorkspaceId, new OrderFilter(wanted, customerId), ct);
                break;
        }

        if (errors.Count > 0 || table is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The download parameters are not valid.");
        }

        // Headers in the request's language (people read the file); values as they are.
        table = ExportWords.For(table, CultureInfo.CurrentUICulture);
        var name = $"{m.Slug}-{what}-{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{format}";
        return file == ExportFormat.Csv
            ? TypedResults.File(CsvExport.Bytes(table), "text/csv; charset=utf-8", name)
            : TypedResults.File(XlsxExport.Bytes(table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> PortfolioAsync(
        [Description("First sale date of the period, yyyy-mm-dd (inclusive)")] string? from,
        [Description("Last sale date of the period, yyyy-mm-dd (inclusive)")] string? to,
        [Description("true to analyse all sales, whatever their date; not with from or to")] string? all,
        CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<ParameterError>();
        var period = ParetoParameters.Parse(from, to, all, null, errors);
        if (period is null)
        {
            return TypedResults.ValidationProblem(ParetoParameters.ToDictionary(errors), title: "The period parameters are not valid.");
        }

        var today = m.Today(clock);
        var report = (await PortfolioReport.LoadAsync(db, m.WorkspaceId, period, today, ct))!;
        var pdf = PortfolioPdf.Render(report, PortfolioPdfLabels.For(CultureInfo.CurrentUICulture.Name));
        return TypedResults.File(pdf, "application/pdf", $"{m.Slug}-portfolio-{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.pdf");
    }

    private static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "csv",
        ExportFormat.Xlsx => "xlsx",
    };
}
