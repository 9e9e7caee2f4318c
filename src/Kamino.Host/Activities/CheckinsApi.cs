using System.Globalization;
using Kamino.Activities;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Activities;

/// <summary>Check-ins due over HTTP: <c>GET /api/workspaces/{workspace}/checkins/due</c>.</summary>
public static class CheckinsApi
{
    public static IEndpointRouteBuilder MapCheckinsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/checkins").WithTags("Check-ins");
        group.MapGet("/due", DueAsync)
            .WithSummary("Check-ins due on key accounts, most overdue first (never contacted, overdue, due soon, up to date)")
            .WithDescription("`scope`: `mine` (accounts whose team I am on), `team` (mine and, for a Lead KAM, those of the KAMs I supervise) or `workspace` (default). "
                + "`today` (yyyy-mm-dd, default today in the workspace's time zone) is the day to judge on. The same list as `kamino checkins due --format json`.")
            .RequirePermission(Permission.View);
        return app;
    }

    /// <summary>Reads <c>scope</c>; null with a problem for anything but mine, team or workspace (any case).</summary>
    public static CheckinScope? ParseScope(string? scope) => scope?.ToLowerInvariant() switch
    {
        null or "" or "workspace" => CheckinScope.Workspace,
        "mine" => CheckinScope.Mine,
        "team" => CheckinScope.Team,
        _ => null,
    };

    private static async Task<Results<Ok<IReadOnlyList<CheckinDue>>, ValidationProblem>> DueAsync(string? scope, string? today, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parsedScope = ParseScope(scope);
        if (parsedScope is null)
        {
            errors["scope"] = ["scope is mine, team or workspace"];
        }

        var day = m.Today(clock);
        if (today is not null && !DateOnly.TryParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            errors["today"] = ["today is a date in the form yyyy-mm-dd"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The check-in parameters are not valid.");
        }

        return TypedResults.Ok(await CheckinsDue.ListAsync(db, m.WorkspaceId, parsedScope!.Value, m.UserId, day, ct));
    }
}
