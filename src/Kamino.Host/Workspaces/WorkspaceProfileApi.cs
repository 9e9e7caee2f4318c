using System.Security.Claims;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.People;
using Kamino.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Workspaces;

/// <summary>A change of the workspace's name, reporting currency or own tax ids; absent fields stay as they are.</summary>
public sealed record WorkspaceProfileRequest(string? Name, string? Currency, IReadOnlyList<string>? TaxIds);

/// <summary>A new workspace: its slug (part of every URL), display name and reporting currency.</summary>
public sealed record NewWorkspaceRequest(string? Slug, string? Name, string? Currency);

/// <summary>The workspace created, and where it is.</summary>
public sealed record NewWorkspaceDto(string Slug, string Name, string Currency);

/// <summary>
/// <c>GET|PUT /api/workspaces/{workspace}/settings/workspace</c> (name, currency, own tax ids) and
/// <c>POST /api/workspaces</c> (a Director of any workspace creates another and is its Director).
/// </summary>
public static class WorkspaceProfileApi
{
    public static IEndpointRouteBuilder MapWorkspaceProfileApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/settings/workspace").WithTags("Workspace");
        group.MapGet("/", GetAsync)
            .WithSummary("The workspace's name, reporting currency, own tax ids and how many sale lines it holds")
            .RequirePermission(Permission.View);
        group.MapPut("/", SetAsync)
            .WithSummary("Change the name, the reporting currency (only while there are no sale lines) or the own tax ids (which tell sales from purchase e-invoices); audited")
            .RequirePermission(Permission.ManageSettings);
        app.MapPost("/api/workspaces", CreateAsync)
            .WithTags("Workspace")
            .WithSummary("Create a workspace; only a Director of some workspace may, and becomes the new one's Director")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>Whether the user may create workspaces: a Director of at least one.</summary>
    public static Task<bool> MayCreateAsync(KaminoDb db, string userId, CancellationToken ct) =>
        db.Memberships.AnyAsync(m => m.UserId == userId && m.Role == Role.Director, ct);

    /// <summary>The problems as a validation problem keyed by the request's field names.</summary>
    public static ValidationProblem Invalid(IReadOnlyList<WorkspaceProblem> problems, string title) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Field switch
            {
                WorkspaceField.Slug => "slug",
                WorkspaceField.Name => "name",
                WorkspaceField.Currency => "currency",
                _ => "taxIds",
            }).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            title: title);

    private static async Task<Ok<WorkspaceProfileDto>> GetAsync(CurrentMember m, KaminoDb db, CancellationToken ct) =>
        TypedResults.Ok((await WorkspaceProfile.GetAsync(db, m.WorkspaceId, ct))!);

    private static async Task<Results<Ok<WorkspaceProfileDto>, ValidationProblem>> SetAsync(WorkspaceProfileRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var (profile, problems) = await WorkspaceProfile.SetAsync(db, m.WorkspaceId, new WorkspaceProfileChange(body.Name, body.Currency, body.TaxIds), m.UserId, clock, ct);
        return profile is null ? Invalid(problems, "The workspace settings are not valid.") : TypedResults.Ok(profile);
    }

    private static async Task<Results<Created<NewWorkspaceDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(NewWorkspaceRequest body, HttpContext http, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (!await MayCreateAsync(db, userId, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Only a Director of a workspace may create workspaces.");
        }

        var (created, problems) = await WorkspaceProfile.CreateAsync(db, body.Slug ?? "", body.Name ?? "", body.Currency ?? "", userId, clock, ct);
        return created is null
            ? Invalid(problems, "The workspace cannot be created.")
            : TypedResults.Created($"/api/workspaces/{created.Slug}/settings/workspace", new NewWorkspaceDto(created.Slug, created.Name, created.Currency));
    }
}
