using Kamino.Accounts;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Accounts;

/// <summary>Key-account teams over HTTP: <c>/api/workspaces/{workspace}/accounts/…</c>. Accounts are named by customer id (key).</summary>
public static class AccountTeamsApi
{
    public sealed record OwnerRequest(string UserId, Department Department = Department.Sales);

    public sealed record TeamMemberRequest(Department Department);

    public static IEndpointRouteBuilder MapAccountTeamsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/accounts").WithTags("Account teams");
        group.MapGet("/mine", async (CurrentMember m, KaminoDb db, CancellationToken ct) => TypedResults.Ok(await AccountTeams.MineAsync(db, m.WorkspaceId, m.UserId, ct)))
            .WithSummary("My accounts: those whose team I am on (a Lead KAM: also those of the KAMs I supervise)").RequirePermission(Permission.View);
        group.MapGet("/{account}/team", GetAsync).WithSummary("An account's owner KAM and team").RequirePermission(Permission.View);
        group.MapPut("/{account}/team/owner", (string account, OwnerRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
                ChangeAsync(account, m, db, id => AccountTeams.SetOwnerAsync(db, m.WorkspaceId, id, body.UserId ?? "", m.UserId, clock, body.Department, ct), ct))
            .WithSummary("Make a member the account's owner KAM (reassign)").RequirePermission(Permission.ManageAccountTeams);
        group.MapPut("/{account}/team/members/{userId}", (string account, string userId, TeamMemberRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
                ChangeAsync(account, m, db, id => AccountTeams.SetMemberAsync(db, m.WorkspaceId, id, userId, body.Department, m.UserId, clock, ct), ct))
            .WithSummary("Add a member to the account's team, or change their department").RequirePermission(Permission.ManageAccountTeams);
        group.MapDelete("/{account}/team/members/{userId}", (string account, string userId, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
                ChangeAsync(account, m, db, id => AccountTeams.RemoveMemberAsync(db, m.WorkspaceId, id, userId, m.UserId, clock, ct), ct))
            .WithSummary("Remove a member from the account's team").RequirePermission(Permission.ManageAccountTeams);
        return app;
    }

    /// <summary>The customer id of <paramref name="key"/> in the member's workspace; null when there is none.</summary>
    internal static Task<long?> CustomerIdAsync(KaminoDb db, CurrentMember m, string key, CancellationToken ct) =>
        db.Customers.Where(c => c.WorkspaceId == m.WorkspaceId && c.Key == key).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);

    private static async Task<Results<Ok<AccountTeamDto>, ProblemHttpResult>> GetAsync(string account, CurrentMember m, KaminoDb db, CancellationToken ct)
    {
        var id = await CustomerIdAsync(db, m, account, ct);
        var team = id is null ? null : await AccountTeams.GetAsync(db, m.WorkspaceId, id.Value, ct);
        return team is null ? ChangeResults.NotFound($"No account '{account}' in this workspace.") : TypedResults.Ok(team);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeAsync(string account, CurrentMember m, KaminoDb db, Func<long, Task<ChangeResult>> change, CancellationToken ct)
    {
        var id = await CustomerIdAsync(db, m, account, ct);
        return id is null ? ChangeResults.NotFound($"No account '{account}' in this workspace.") : (await change(id.Value)).ToHttp();
    }
}
