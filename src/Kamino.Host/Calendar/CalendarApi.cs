using Kamino.Calendar;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Calendar;

/// <summary>
/// The personal calendar feed: <c>/api/workspaces/{workspace}/calendar/feed</c> to make (or replace) and revoke the
/// signed-in member's secret address, and <c>GET /calendar/{token}.ics</c>, the feed itself, which needs no sign-in
/// (a calendar app cannot sign in): the token is the credential.
/// </summary>
public static class CalendarApi
{
    /// <summary>The feed's address. <see cref="Url"/> is shown once: only the token's hash is kept.</summary>
    public sealed record FeedAddress(string Url, string Path, DateTimeOffset CreatedAt);

    /// <summary>Whether the member has a feed, and since when.</summary>
    public sealed record FeedState(bool Exists, DateTimeOffset? CreatedAt);

    /// <summary>The app path of a feed.</summary>
    public static string FeedPath(string token) => "/calendar/" + Uri.EscapeDataString(token) + ".ics";

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/calendar/feed").WithTags("Calendar");
        group.MapGet("/", async (CurrentMember m, KaminoDb db, CancellationToken ct) =>
                TypedResults.Ok(await CalendarFeeds.CreatedAtAsync(db, m.WorkspaceId, m.UserId, ct) is { } at ? new FeedState(true, at) : new FeedState(false, null)))
            .WithSummary("Whether I have a calendar feed in this workspace").RequirePermission(Permission.View);
        group.MapPost("/", CreateAsync)
            .WithSummary("Make my calendar feed's secret address (a new one replaces the old, which stops working); shown once")
            .RequirePermission(Permission.View);
        group.MapDelete("/", async Task<Results<NoContent, ProblemHttpResult>> (CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
                await CalendarFeeds.RevokeAsync(db, m.WorkspaceId, m.UserId, clock, ct) ? TypedResults.NoContent() : ChangeResults.NotFound("You have no calendar feed in this workspace."))
            .WithSummary("Revoke my calendar feed: its address stops working").RequirePermission(Permission.View);

        app.MapGet("/calendar/{token}.ics", FeedAsync)
            .WithTags("Calendar")
            .WithSummary("A personal calendar feed (iCalendar, RFC 5545): check-ins due on the accounts the user owns and their open tasks; no sign-in, the token is the key")
            .AllowAnonymous();
        return app;
    }

    internal static async Task<FeedAddress?> CreateFeedAsync(CurrentMember m, KaminoDb db, TimeProvider clock, PublicUrl publicUrl, CancellationToken ct)
    {
        var token = await CalendarFeeds.CreateAsync(db, m.WorkspaceId, m.UserId, clock, ct);
        return token is null ? null : new FeedAddress(publicUrl.For(FeedPath(token)), FeedPath(token), clock.GetUtcNow());
    }

    private static async Task<Results<Ok<FeedAddress>, ProblemHttpResult>> CreateAsync(CurrentMember m, KaminoDb db, TimeProvider clock, PublicUrl publicUrl, CancellationToken ct) =>
        await CreateFeedAsync(m, db, clock, publicUrl, ct) is { } address ? TypedResults.Ok(address) : ChangeResults.NotFound("Not a member of this workspace.");

    private static async Task<Results<ContentHttpResult, NotFound>> FeedAsync(string token, KaminoDb db, TimeProvider clock, PublicUrl publicUrl, HttpContext http, CancellationToken ct)
    {
        if (await CalendarFeeds.FindAsync(db, token, ct) is not { } owner)
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var entries = await CalendarEntries.ForUserAsync(db, owner.WorkspaceId, owner.WorkspaceSlug, owner.UserId, await Kamino.Workspaces.WorkspaceTime.TodayAsync(db, owner.WorkspaceId, clock, ct), ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Text(CalendarEntries.ToICalendar(entries, $"Kamino · {owner.WorkspaceName}", now, publicUrl.Root), "text/calendar; charset=utf-8");
    }
}
