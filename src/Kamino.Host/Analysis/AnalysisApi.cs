using System.ComponentModel;
using System.Globalization;
using Kamino.Analysis;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Analysis;

/// <summary>HTTP API of the analyses: <c>/api/workspaces/{workspace}/analysis/…</c>.</summary>
public static class AnalysisApi
{
    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/analysis").WithTags("Analysis").RequireExpensiveLimit();
        group.MapGet("/pareto", GetParetoAsync)
            .WithName("GetPareto")
            .WithSummary("Pareto analysis: the customers that make 80% of revenue, ABC classes and concentration")
            .WithDescription("The same report as `kamino accounts pareto --format json`. Default period: the 12 months up to the latest sale.")
            .RequirePermission(Permission.View);
        group.MapGet("/compare", GetCompareAsync)
            .WithName("GetComparison")
            .WithSummary("Two periods compared: ABC class migrations, each customer's revenue change, new and lost customers, concentration in both")
            .WithDescription("The same report as `kamino accounts compare --format json`. Default: the 12 months up to the latest sale against the 12 months before.")
            .RequirePermission(Permission.View);
        group.MapGet("/whatif", GetWhatIfAsync)
            .WithName("GetWhatIf")
            .WithSummary("What if we lose a customer: total revenue, Pareto set and HHI without it, and the share of revenue at risk")
            .WithDescription("The same report as `kamino accounts whatif --without CUSTOMER --format json`.")
            .RequirePermission(Permission.View);
        group.MapGet("/series", GetSeriesAsync)
            .WithName("GetRevenueSeries")
            .WithSummary("One customer's revenue per month over the period, zeros included")
            .WithDescription("The same report as `kamino accounts series CUSTOMER --format json`. Default period: the 12 months up to the workspace's latest sale.")
            .RequirePermission(Permission.View);
        return app;
    }

    internal static async Task<Results<Ok<ComparisonReport>, ProblemHttpResult, ValidationProblem>> GetCompareAsync(
        [Description("Workspace slug")] string workspace,
        [Description("First sale date of the current period, yyyy-mm-dd (default: 12 months up to the latest sale)")] string? from,
        [Description("Last sale date of the current period, yyyy-mm-dd")] string? to,
        [Description("First sale date of the period compared with, yyyy-mm-dd (default: the 12 months before)")] string? vsFrom,
        [Description("Last sale date of the period compared with, yyyy-mm-dd")] string? vsTo,
        [Description("How many customers to list: a whole number (default 100) or `all` for every one; the summary always covers them all")] string? customers,
        CurrentMember member,
        ReadDb read,
        CancellationToken ct)
    {
        var errors = new List<ParameterError>();
        var request = CompareParameters.Validate(from, to, vsFrom, vsTo, p => p == "vs-from" ? "vsFrom" : p == "vs-to" ? "vsTo" : p, errors);
        var first = FirstCustomers(customers, errors);
        if (request is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(ParetoParameters.ToDictionary(errors), title: "The comparison parameters are not valid.");
        }

        var report = await AnalysisQueries.CompareAsync(read.Db, member.WorkspaceId, request, ct);
        return report is null ? WorkspaceNotFound(workspace) : TypedResults.Ok(report.FirstCustomers(first));
    }

    internal static async Task<Results<Ok<WhatIfReport>, ProblemHttpResult, ValidationProblem>> GetWhatIfAsync(
        [Description("Workspace slug")] string workspace,
        [Description("Key of the customer to leave out (its tax id, else its customer id)")] string? without,
        [Description("First sale date of the period, yyyy-mm-dd (inclusive)")] string? from,
        [Description("Last sale date of the period, yyyy-mm-dd (inclusive)")] string? to,
        [Description("true to analyse all sales, whatever their date; not with from or to")] string? all,
        [Description("Revenue share the Pareto set reaches, a decimal in (0, 1]; default 0.80")] string? threshold,
        [Description("How many customers each list of keys gives: a whole number (default 100) or `all`; the totals count them all")] string? customers,
        CurrentMember member,
        ReadDb read,
        CancellationToken ct)
    {
        var errors = new List<ParameterError>();
        var first = FirstCustomers(customers, errors);
        return await CustomerReportAsync(workspace, "without", without, from, to, all, threshold, "what-if", errors,
            async (key, request) => await AnalysisQueries.WhatIfAsync(read.Db, member.WorkspaceId, key, request, ct) is var r && r.Report is { } report
                ? r with { Report = report.FirstCustomers(first) }
                : r);
    }

    internal static async Task<Results<Ok<SeriesReport>, ProblemHttpResult, ValidationProblem>> GetSeriesAsync(
        [Description("Workspace slug")] string workspace,
        [Description("Customer key (its tax id, else its customer id)")] string? customer,
        [Description("First sale date of the period, yyyy-mm-dd (inclusive)")] string? from,
        [Description("Last sale date of the period, yyyy-mm-dd (inclusive)")] string? to,
        [Description("true for all sales, whatever their date; not with from or to")] string? all,
        CurrentMember member,
        ReadDb read,
        CancellationToken ct)
    {
        return await CustomerReportAsync(workspace, "customer", customer, from, to, all, null, "series", [],
            (key, request) => AnalysisQueries.SeriesAsync(read.Db, member.WorkspaceId, key, request, ct));
    }

    /// <summary>
    /// The what-if and the series: the period parameters and the customer key (query parameter
    /// <paramref name="keyParameter"/>) are checked together, then <paramref name="query"/> runs for the trimmed key.
    /// </summary>
    private static async Task<Results<Ok<T>, ProblemHttpResult, ValidationProblem>> CustomerReportAsync<T>(
        string workspace,
        string keyParameter,
        string? key,
        string? from,
        string? to,
        string? all,
        string? threshold,
        string reportName,
        List<ParameterError> errors,
        Func<string, ParetoRequest, Task<Lookup<T>>> query)
        where T : class
    {
        var request = ParetoParameters.Parse(from, to, all, threshold, errors);
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.Add(new ParameterError(keyParameter, ParameterProblem.NotACustomer, $"{keyParameter}: give the key of a customer"));
        }

        if (request is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(ParetoParameters.ToDictionary(errors), title: $"The {reportName} parameters are not valid.");
        }

        var result = await query(key!.Trim(), request);
        return result.Status switch
        {
            LookupStatus.Found => TypedResults.Ok(result.Report!),
            LookupStatus.NoCustomer => CustomerNotFound(key.Trim()),
            _ => WorkspaceNotFound(workspace),
        };
    }

    // A problem result rather than NotFound<ProblemDetails>, which would be sent as application/json instead of
    // application/problem+json (RFC 9457).
    private static ProblemHttpResult WorkspaceNotFound(string workspace) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Workspace not found", detail: $"There is no workspace '{workspace}'.");

    private static ProblemHttpResult CustomerNotFound(string key) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not found", detail: $"There is no customer '{key}' in this workspace.");

    // Query values are taken as text so that a malformed one is a validation problem, not a binding failure.
    internal static async Task<Results<Ok<ParetoReport>, ProblemHttpResult, ValidationProblem>> GetParetoAsync(
        [Description("Workspace slug")] string workspace,
        [Description("First sale date of the period, yyyy-mm-dd (inclusive)")] string? from,
        [Description("Last sale date of the period, yyyy-mm-dd (inclusive)")] string? to,
        [Description("true to analyse all sales, whatever their date; not with from or to")] string? all,
        [Description("Revenue share the Pareto set reaches, a decimal in (0, 1]; default 0.80")] string? threshold,
        [Description("How many customers to list: a whole number (default 100) or `all` for every one; the summary always covers them all")] string? customers,
        CurrentMember member,
        ReadDb read,
        CancellationToken ct)
    {
        var errors = new List<ParameterError>();
        var request = ParetoParameters.Parse(from, to, all, threshold, errors);
        var first = FirstCustomers(customers, errors);
        if (request is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(ParetoParameters.ToDictionary(errors), title: "The analysis parameters are not valid.");
        }

        var report = await ParetoQuery.RunAsync(read.Db, member.WorkspaceId, request, ct);
        return report is null ? WorkspaceNotFound(workspace) : TypedResults.Ok(report.FirstCustomers(first));
    }

    /// <summary>Customers listed by default: the answer stays small however many customers the workspace has.</summary>
    public const int DefaultCustomers = 100;

    /// <summary>
    /// The <c>customers</c> parameter: a whole number 0 or more (default <see cref="DefaultCustomers"/>), or <c>all</c>
    /// (null: every customer, written while the list is enumerated).
    /// </summary>
    internal static int? FirstCustomers(string? raw, List<ParameterError> errors)
    {
        if (raw is null)
        {
            return DefaultCustomers;
        }

        if (raw.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        errors.Add(new ParameterError("customers", ParameterProblem.NotANumber, $"customers: '{raw}' is not a whole number of customers or 'all'"));
        return DefaultCustomers;
    }
}
