using Kamino.Accounts;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Accounts;

/// <summary>The workload per owner of key accounts over HTTP: <c>GET /api/workspaces/{workspace}/workload</c>.</summary>
public static class WorkloadApi
{
    public static IEndpointRouteBuilder MapWorkloadApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/workload").WithTags("Account teams");
        group.MapGet("/", GetAsync)
            .WithSummary("Key accounts per owner: revenue covered and its share, check-ins due and overdue, open tasks, over the capacity per KAM")
            .WithDescription("A Director or Lead KAM sees every owner; anyone else only their own row (a Collaborator or Viewer owns no key account: none). Revenue over the default period (the 12 months up to the latest sale).")
            .RequirePermission(Permission.View);
        return app;
    }

    private static async Task<Ok<WorkloadReport>> GetAsync(CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok((await Workload.GetAsync(db, m.WorkspaceId, m.Today(clock), Permissions.SeesEveryonesWorkload(m.Role) ? null : m.UserId, ct))!);
}
