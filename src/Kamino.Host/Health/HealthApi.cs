using System.Globalization;
using System.Text.Json;
using Kamino.Data;
using Kamino.Health;
using Kamino.Host.Accounts;
using Kamino.Host.Activities;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Health;

/// <summary>
/// Health scores over HTTP: <c>GET …/health</c> (key accounts worst first), <c>GET …/customers/{customer}/health</c>,
/// and the health weights of the key-account settings, <c>GET|PUT …/settings/key-accounts/health-weights</c>.
/// </summary>
public static class HealthApi
{
    /// <summary>A change of the health weights, whole numbers 0–100 summing to 100; a weight left null stays.</summary>
    public sealed record HealthWeightsRequest(int? Freshness, int? Satisfaction, int? Revenue, int? Tasks);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapWorkspaceApi("/health").WithTags("Health");
        health.MapGet("/", ListAsync)
            .WithSummary("Health score 0–100 of the key accounts with its parts and reasons, worst first")
            .WithDescription("`scope`: `mine`, `team` or `workspace` (default), as for check-ins due. `today` (yyyy-mm-dd, default today in the workspace's time zone) is the day to judge on. "
                + "The same list as `kamino accounts health --format json`.")
            .RequirePermission(Permission.View);

        var account = app.MapWorkspaceApi("/customers/{customer}/health").WithTags("Health");
        account.MapGet("/", OneAsync)
            .WithSummary("One key account's health score: band, and each part's weight, factor, points and reason")
            .WithDescription("404 when the customer is not a key account of the workspace. `today` as for the list.")
            .RequirePermission(Permission.View);

        var weights = app.MapWorkspaceApi("/settings/key-accounts/health-weights").WithTags("Key accounts");
        weights.MapGet("/", WeightsAsync)
            .WithSummary("The weights of the four health parts: freshness, satisfaction, revenue (trend) and tasks (overdue); defaults 35, 25, 30, 10")
            .RequirePermission(Permission.View);
        weights.MapPut("/", SetWeightsAsync)
            .WithSummary("Change the health weights (fields left null stay); all or nothing; answers the weights as saved")
            .WithDescription("Problems are a validation problem keyed by field (freshness, satisfaction, revenue, tasks, sum): each a whole number 0–100, the four summing to 100.")
            .RequirePermission(Permission.ManageSettings);
        return app;
    }

    private static async Task<Results<Ok<List<AccountHealthDto>>, ValidationProblem>> ListAsync(string? scope, string? today, CurrentMember m, ReadDb read, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parsedScope = CheckinsApi.ParseScope(scope);
        if (parsedScope is null)
        {
            errors["scope"] = ["scope is mine, team or workspace"];
        }

        var day = Day(today, m, clock, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The health parameters are not valid.");
        }

        var rows = await AccountHealth.ListAsync(read.Db, m.WorkspaceId, parsedScope!.Value, m.UserId, day, ct);
        return TypedResults.Ok(rows.Select(r => r.AsDto()).ToList());
    }

    private static async Task<Results<Ok<AccountHealthDto>, ProblemHttpResult, ValidationProblem>> OneAsync(string customer, string? today, CurrentMember m, ReadDb read,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var day = Day(today, m, clock, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The health parameters are not valid.");
        }

        var id = await AccountTeamsApi.CustomerIdAsync(read.Db, m, customer, ct);
        var row = id is null ? null : await AccountHealth.OfAsync(read.Db, m.WorkspaceId, id.Value, day, ct);
        return row is null
            ? ChangeResults.NotFound($"No key account '{customer}' in this workspace.")
            : TypedResults.Ok(row.AsDto());
    }

    private static async Task<Ok<HealthWeights>> WeightsAsync(CurrentMember m, KaminoDb db, CancellationToken ct) =>
        TypedResults.Ok((await HealthSettings.GetAsync(db, m.WorkspaceId, ct))!);

    private static async Task<Results<Ok<HealthWeights>, ProblemHttpResult, ValidationProblem>> SetWeightsAsync(HealthWeightsRequest body, CurrentMember m, KaminoDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var result = await HealthSettings.SetAsync(db, m.WorkspaceId, new HealthWeightsChange(body.Freshness, body.Satisfaction, body.Revenue, body.Tasks), m.UserId, clock, ct);
        if (result.Problems.Count > 0)
        {
            return TypedResults.ValidationProblem(
                result.Problems.GroupBy(p => JsonNamingPolicy.CamelCase.ConvertName(p.Field.ToString())).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                title: "The health weights are not valid.");
        }

        return result.Change.Succeeded
            ? TypedResults.Ok((await HealthSettings.GetAsync(db, m.WorkspaceId, ct))!)
            : (ProblemHttpResult)result.Change.ToHttp().Result;
    }

    /// <summary>The <c>today</c> parameter (yyyy-mm-dd), or the workspace's today; a malformed one adds an error.</summary>
    private static DateOnly Day(string? today, CurrentMember m, TimeProvider clock, Dictionary<string, string[]> errors)
    {
        if (today is null)
        {
            return m.Today(clock);
        }

        if (DateOnly.TryParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors["today"] = ["today is a date in the form yyyy-mm-dd"];
        return default;
    }
}
