using Kamino.Data;
using Kamino.Host.Web;
using Kamino.People;
using Kamino.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Workspaces;

/// <summary>The workspace's time zone, whose date is "today" for due dates, cadence, health and alerts.</summary>
/// <param name="TimeZone">An IANA id, e.g. <c>Europe/Madrid</c>.</param>
/// <param name="Today">Today there, yyyy-mm-dd.</param>
public sealed record TimeZoneDto(string TimeZone, DateOnly Today);

/// <summary>A new time zone for the workspace.</summary>
public sealed record TimeZoneRequest(string? TimeZone);

/// <summary><c>GET|PUT /api/workspaces/{workspace}/settings/time-zone</c>.</summary>
public static class TimeZoneApi
{
    public static IEndpointRouteBuilder MapTimeZoneApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/settings/time-zone").WithTags("Workspace");
        group.MapGet("/", GetAsync)
            .WithSummary("The workspace's time zone and today's date there (the default of every `today`)")
            .RequirePermission(Permission.View);
        group.MapPut("/", SetAsync)
            .WithSummary("Change the workspace's time zone (an IANA id such as Europe/Madrid, Atlantic/Canary or UTC); audited")
            .RequirePermission(Permission.ManageSettings);
        return app;
    }

    private static async Task<Ok<TimeZoneDto>> GetAsync(CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await DtoAsync(db, m.WorkspaceId, clock, ct));

    private static async Task<Results<Ok<TimeZoneDto>, ValidationProblem>> SetAsync(TimeZoneRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var zone = body.TimeZone?.Trim();
        if (zone is null || !await WorkspaceTime.SetZoneAsync(db, m.WorkspaceId, zone, m.UserId, clock, ct))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["timeZone"] = [$"'{zone}' is not a known time zone; give an IANA id such as Europe/Madrid, Atlantic/Canary or UTC"] },
                title: "The time zone is not valid.");
        }

        return TypedResults.Ok(await DtoAsync(db, m.WorkspaceId, clock, ct));
    }

    private static async Task<TimeZoneDto> DtoAsync(KaminoDb db, int workspaceId, TimeProvider clock, CancellationToken ct)
    {
        var zone = await WorkspaceTime.ZoneOfAsync(db, workspaceId, ct);
        return new TimeZoneDto(zone, WorkspaceTime.Today(clock, zone));
    }
}
