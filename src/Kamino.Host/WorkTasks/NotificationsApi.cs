using Kamino.Data;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.WorkTasks;

/// <summary>In-app notifications of the signed-in member: <c>/api/workspaces/{workspace}/notifications</c>.</summary>
public static class NotificationsApi
{
    public sealed record NotificationDto(long Id, string Text, string? Link, DateTimeOffset CreatedAt, bool Read);

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/notifications").WithTags("Notifications");
        group.MapGet("/", ListAsync).WithSummary("My notifications, newest first (?unread=true for unread only)").RequirePermission(Permission.View);
        group.MapPost("/{id:long}/read", ReadAsync).WithSummary("Mark one of my notifications read").RequirePermission(Permission.View);
        return app;
    }

    private static async Task<Ok<List<NotificationDto>>> ListAsync(bool? unread, CurrentMember m, KaminoDb db, CancellationToken ct)
    {
        var q = db.Notifications.AsNoTracking().Where(n => n.WorkspaceId == m.WorkspaceId && n.UserId == m.UserId);
        if (unread == true)
        {
            q = q.Where(n => n.ReadAt == null);
        }

        var rows = await q.OrderByDescending(n => n.Id).Take(200)
            .Select(n => new NotificationDto(n.Id, n.Text, n.Link, n.CreatedAt, n.ReadAt != null)).ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReadAsync(long id, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        // Only the member's own notification: another user's (or workspace's) id is simply not found.
        var n = await db.Notifications.FirstOrDefaultAsync(n => n.WorkspaceId == m.WorkspaceId && n.UserId == m.UserId && n.Id == id, ct);
        if (n is null)
        {
            return ChangeResults.NotFound($"No notification {id}.");
        }

        n.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
