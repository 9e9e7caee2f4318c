using System.Globalization;
using Kamino.Activities;
using Kamino.Alerts;
using Kamino.Data;
using Kamino.Host.Activities;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Alerts;

/// <summary>Alerts over HTTP: <c>/api/workspaces/{workspace}/alerts</c> (docs/alerts.md).</summary>
public static class AlertsApi
{
    /// <summary>The signed-in member's open alerts in a scope, and how many of the scope's alerts they have acknowledged or snoozed.</summary>
    public sealed record AlertListDto(IReadOnlyList<AlertDto> Alerts, int Hidden);

    /// <summary>The number of the member's open alerts on their own accounts and tasks (the header's count).</summary>
    public sealed record AlertCountDto(int Open);

    /// <summary>A snooze: the last day the alert stays hidden (default: 7 days on).</summary>
    public sealed record SnoozeRequest(DateOnly? Until);

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/alerts").WithTags("Alerts");
        group.MapGet("/", ListAsync)
            .WithSummary("My open alerts, oldest first: check-in overdue, CSAT low or dropped, NPS detractor, revenue drop, task overdue")
            .WithDescription("`scope`: `mine` (accounts whose team I am on and tasks assigned to me; default), `team` (mine and, for a Lead KAM, the accounts of the KAMs I supervise) "
                + "or `workspace`. `today` (yyyy-mm-dd, default today in the workspace's time zone) is the day to judge on. Alerts I acknowledged (unchanged since) or snoozed (until a day) are left out and counted in `hidden`.")
            .RequirePermission(Permission.View);
        group.MapGet("/count", CountAsync).WithSummary("How many open alerts I have in scope mine (the header's count)").RequirePermission(Permission.View);
        group.MapPost("/{key}/ack", AcknowledgeAsync).WithSummary("Acknowledge an alert: hidden for me until it changes").RequirePermission(Permission.View);
        group.MapPost("/{key}/snooze", SnoozeAsync).WithSummary("Snooze an alert for me until a day (default 7 days on), or until it changes").RequirePermission(Permission.View);
        group.MapDelete("/{key}/dismissal", UndoAsync).WithSummary("Undo my acknowledgement or snooze of an alert").RequirePermission(Permission.View);
        return app;
    }

    /// <summary>Reads <c>today</c>: the workspace's date when absent; false for anything but yyyy-mm-dd.</summary>
    internal static bool TryToday(string? today, CurrentMember m, TimeProvider clock, out DateOnly day)
    {
        day = m.Today(clock);
        return today is null || DateOnly.TryParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    private static async Task<Results<Ok<AlertListDto>, ValidationProblem>> ListAsync(string? scope, string? today, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parsed = string.IsNullOrEmpty(scope) ? CheckinScope.Mine : CheckinsApi.ParseScope(scope);
        if (parsed is null)
        {
            errors["scope"] = ["scope is mine, team or workspace"];
        }

        if (!TryToday(today, m, clock, out var day))
        {
            errors["today"] = ["today is a date in the form yyyy-mm-dd"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The alert parameters are not valid.");
        }

        var list = await AlertsQuery.ListAsync(db, m.WorkspaceId, parsed!.Value, m.UserId, day, ct);
        return TypedResults.Ok(new AlertListDto(list.Open.Select(AlertDto.Of).ToList(), list.Hidden));
    }

    private static async Task<Results<Ok<AlertCountDto>, ValidationProblem>> CountAsync(string? today, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!TryToday(today, m, clock, out var day))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["today"] = ["today is a date in the form yyyy-mm-dd"] });
        }

        return TypedResults.Ok(new AlertCountDto((await AlertsQuery.ListAsync(db, m.WorkspaceId, CheckinScope.Mine, m.UserId, day, ct)).Open.Count));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AcknowledgeAsync(string key, string? today, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
        !TryToday(today, m, clock, out var day)
            ? BadDay()
            : (await AlertDismissals.AcknowledgeAsync(db, m.WorkspaceId, m.UserId, key, day, clock, ct)).ToHttp();

    private static async Task<Results<NoContent, ProblemHttpResult>> SnoozeAsync(string key, SnoozeRequest? body, string? today, CurrentMember m, KaminoDb db, TimeProvider clock,
        CancellationToken ct) =>
        !TryToday(today, m, clock, out var day)
            ? BadDay()
            : (await AlertDismissals.SnoozeAsync(db, m.WorkspaceId, m.UserId, key, body?.Until, day, clock, ct)).ToHttp();

    private static async Task<Results<NoContent, ProblemHttpResult>> UndoAsync(string key, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
        (await AlertDismissals.UndoAsync(db, m.WorkspaceId, m.UserId, key, clock, ct)).ToHttp();

    private static ProblemHttpResult BadDay() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: "today is a date in the form yyyy-mm-dd");
}
