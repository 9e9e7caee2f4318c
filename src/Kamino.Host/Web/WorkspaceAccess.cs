using System.Security.Claims;
using Kamino.Data;
using Kamino.Team;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Web;

/// <summary>
/// The signed-in user as a member of the workspace named in the route. Resolved on every request from the
/// database, so a removed member or a disabled user loses access at once. An API handler takes it as a
/// parameter (bound from the request by <see cref="BindAsync"/>).
/// </summary>
public sealed record CurrentMember(int WorkspaceId, string Slug, string WorkspaceName, string Currency, string UserId, Role Role, string? SupervisorUserId)
{
    private const string ItemKey = "kamino.member";

    public bool Can(Permission permission) => Permissions.Allows(Role, permission);

    /// <summary>The member of <paramref name="slug"/> the principal is, or null (not signed in, not a member, disabled).</summary>
    public static async Task<CurrentMember?> ResolveAsync(KaminoDb db, ClaimsPrincipal principal, string slug, CancellationToken ct)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        return await (from m in db.Memberships.AsNoTracking()
                      join w in db.Workspaces on m.WorkspaceId equals w.Id
                      join u in db.Users on m.UserId equals u.Id
                      where w.Slug == slug && m.UserId == userId && u.DisabledAt == null
                      select new CurrentMember(w.Id, w.Slug, w.Name, w.Currency, m.UserId, m.Role, m.SupervisorUserId))
            .FirstOrDefaultAsync(ct);
    }

    public static ValueTask<CurrentMember?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Items[ItemKey] as CurrentMember);

    internal static void Set(HttpContext context, CurrentMember member) => context.Items[ItemKey] = member;

    internal static CurrentMember? Get(HttpContext context) => context.Items[ItemKey] as CurrentMember;
}

/// <summary>Route groups under <c>/api/workspaces/{workspace}</c> that only members reach.</summary>
public static class WorkspaceAccess
{
    /// <summary>
    /// A group under <c>/api/workspaces/{workspace}{prefix}</c> that only members reach: 401 without
    /// credentials, 404 (problem details) when the user is not an active member of that workspace — the same
    /// answer as for a workspace that does not exist, so others' workspaces cannot be probed.
    /// </summary>
    public static RouteGroupBuilder MapWorkspaceApi(this IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup("/api/workspaces/{workspace}" + prefix);
        group.RequireAuthorization();
        group.WithMetadata(new WorkspaceScoped());
        group.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>
    /// Resolves the <see cref="CurrentMember"/> of endpoints marked <see cref="WorkspaceScoped"/>, after
    /// authorization (so 401 comes first) and before parameter binding; answers 404 for non-members.
    /// </summary>
    public static IApplicationBuilder UseWorkspaceAccess(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<WorkspaceScoped>() is null)
        {
            await next(http);
            return;
        }

        var slug = http.GetRouteValue("workspace") as string ?? "";
        var db = http.RequestServices.GetRequiredService<KaminoDb>();
        var member = await CurrentMember.ResolveAsync(db, http.User, slug, http.RequestAborted);
        if (member is null)
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No workspace '{slug}' for this user.")
                .ExecuteAsync(http);
            return;
        }

        CurrentMember.Set(http, member);
        await next(http);
    });

    /// <summary>403 (problem details) unless the member's role has <paramref name="permission"/> (docs/permissions.md).</summary>
    public static RouteHandlerBuilder RequirePermission(this RouteHandlerBuilder builder, Permission permission)
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var member = CurrentMember.Get(context.HttpContext);
            if (member is null || !member.Can(permission))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: $"Your role may not do this ({permission}).");
            }

            return await next(context);
        });
        return builder.WithMetadata(new RequiredPermission(permission)).ProducesProblem(StatusCodes.Status403Forbidden);
    }
}

/// <summary>Endpoint metadata: the endpoint is under a workspace and needs its <see cref="CurrentMember"/>.</summary>
public sealed record WorkspaceScoped;

/// <summary>Endpoint metadata: the permission an endpoint requires (read by the permission-matrix tests).</summary>
public sealed record RequiredPermission(Permission Permission);
