using System.Security.Claims;
using Kamino.Data;
using Kamino.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Web;

/// <summary>
/// The signed-in user as a member of the workspace named in the route. Resolved on every request from the
/// database, so a removed member or a disabled user loses access at once. An API handler takes it as a
/// parameter (bound from the request by <see cref="BindAsync"/>).
/// </summary>
public sealed record CurrentMember(int WorkspaceId, string Slug, string WorkspaceName, string Currency, string UserId, Role Role, string? SupervisorUserId, string TimeZone)
{
    private const string ItemKey = "kamino.member";

    public bool Can(Permission permission) => Permissions.Allows(Role, permission);

    /// <summary>Today in the workspace's time zone (<see cref="Kamino.Workspaces.WorkspaceTime"/>).</summary>
    public DateOnly Today(TimeProvider clock) => Kamino.Workspaces.WorkspaceTime.Today(clock, TimeZone);

    /// <summary>An instant as the workspace's wall-clock time, in the page's culture (default: short date and time).</summary>
    public string LocalTime(DateTimeOffset at, string format = "g") =>
        Kamino.Workspaces.WorkspaceTime.Local(at, TimeZone).ToString(format, System.Globalization.CultureInfo.CurrentCulture);

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
                      select new CurrentMember(w.Id, w.Slug, w.Name, w.Currency, m.UserId, m.Role, m.SupervisorUserId, w.TimeZone))
            .FirstOrDefaultAsync(ct);
    }

    public static ValueTask<CurrentMember?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Items[ItemKey] as CurrentMember);

    internal static void Set(HttpContext context, CurrentMember member) => context.Items[ItemKey] = member;

    /// <summary>The member resolved for this request (workspace pages and API), or null.</summary>
    public static CurrentMember? Get(HttpContext context) => context.Items[ItemKey] as CurrentMember;
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
            SecurityLog.NotAMember(http, http.User.FindFirstValue(ClaimTypes.NameIdentifier), slug);
        }

        if (member is null && !http.Request.Path.StartsWithSegments("/api"))
        {
            // Pages: an empty 404 that the status-code pages turn into the not-found page.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (member is null)
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No workspace '{slug}' for this user.")
                .ExecuteAsync(http);
            return;
        }

        CurrentMember.Set(http, member);
        // The permission is checked here, before the body is read and bound, as well as by the endpoint filter.
        if (http.GetEndpoint()?.Metadata.GetMetadata<RequiredPermission>() is { } required && !member.Can(required.Permission))
        {
            SecurityLog.AccessDenied(http, member.UserId, member.Slug, required.Permission.ToString());
            await Forbidden(required.Permission).ExecuteAsync(http);
            return;
        }

        await next(http);
    });

    /// <summary>
    /// Pages under <c>/w/{workspace}</c> get the API's rule: only signed-in users (else a redirect to the sign-in
    /// page) who are active members of that workspace (else the not-found page). Set here for every such page,
    /// so that a new page cannot forget it.
    /// </summary>
    public static TBuilder RequireWorkspaceMembershipOnPages<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern: var pattern } && IsWorkspacePage(pattern))
            {
                endpoint.Metadata.Add(new AuthorizeAttribute());
                endpoint.Metadata.Add(new WorkspaceScoped());
            }
        });
        return builder;
    }

    /// <summary>Whether a route is <c>/w/{workspace}</c> or below it.</summary>
    internal static bool IsWorkspacePage(RoutePattern pattern) =>
        pattern.PathSegments is [{ Parts: [RoutePatternLiteralPart { Content: var w }] }, { Parts: [RoutePatternParameterPart { Name: var name }] }, ..]
        && string.Equals(w, "w", StringComparison.OrdinalIgnoreCase)
        && string.Equals(name, "workspace", StringComparison.OrdinalIgnoreCase);

    /// <summary>403 (problem details) unless the member's role has <paramref name="permission"/> (docs/permissions.md).</summary>
    public static RouteHandlerBuilder RequirePermission(this RouteHandlerBuilder builder, Permission permission)
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var member = CurrentMember.Get(context.HttpContext);
            if (member is null || !member.Can(permission))
            {
                SecurityLog.AccessDenied(context.HttpContext, member?.UserId, member?.Slug ?? "", permission.ToString());
                return Forbidden(permission);
            }

            return await next(context);
        });
        // After the permission check, so that a refused caller is told 403 whatever the body.
        builder.AddEndpointFilterFactory(EnumInputs.Filter);
        return builder.WithMetadata(new RequiredPermission(permission)).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static ProblemHttpResult Forbidden(Permission permission) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: $"Your role may not do this ({permission}).");
}

/// <summary>Endpoint metadata: the endpoint is under a workspace and needs its <see cref="CurrentMember"/>.</summary>
public sealed record WorkspaceScoped;

/// <summary>Endpoint metadata: the permission an endpoint requires (read by the permission-matrix tests).</summary>
public sealed record RequiredPermission(Permission Permission);
