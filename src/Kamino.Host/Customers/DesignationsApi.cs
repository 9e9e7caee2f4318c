using System.Globalization;
using Kamino.Audit;
using Kamino.Customers;
using Kamino.Data;
using Kamino.Host.Accounts;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Customers;

/// <summary>Key-account designation and the audit trail over HTTP.</summary>
public static class DesignationsApi
{
    public sealed record DesignationRequest(bool IsKeyAccount, string Reason);

    public static IEndpointRouteBuilder MapDesignationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/accounts").WithTags("Key accounts");
        group.MapPost("/{account}/designation", SetAsync)
            .WithSummary("Designate a customer a key account, or undesignate it, with a reason").RequirePermission(Permission.Designate);
        group.MapGet("/{account}/designations", HistoryAsync)
            .WithSummary("The designation history of an account, newest first").RequirePermission(Permission.View);

        var audit = app.MapWorkspaceApi("/audit").WithTags("Audit");
        audit.MapGet("/", AuditAsync)
            .WithSummary("Who changed what on customers, designations, teams, tasks and members; newest first (?account=KEY for one account)")
            .RequirePermission(Permission.View);
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetAsync(string account, DesignationRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var id = await AccountTeamsApi.CustomerIdAsync(db, m, account, ct);
        return id is null
            ? ChangeResults.NotFound($"No account '{account}' in this workspace.")
            : (await Designations.SetAsync(db, m.WorkspaceId, id.Value, body.IsKeyAccount, body.Reason ?? "", m.UserId, clock, ct)).ToHttp();
    }

    private static async Task<Results<Ok<IReadOnlyList<DesignationDto>>, ProblemHttpResult>> HistoryAsync(string account, CurrentMember m, KaminoDb db, CancellationToken ct)
    {
        var id = await AccountTeamsApi.CustomerIdAsync(db, m, account, ct);
        return id is null
            ? ChangeResults.NotFound($"No account '{account}' in this workspace.")
            : TypedResults.Ok(await Designations.HistoryAsync(db, m.WorkspaceId, id.Value, ct));
    }

    private static async Task<Results<Ok<List<AuditEntryDto>>, ProblemHttpResult>> AuditAsync(string? account, int? limit, CurrentMember m, KaminoDb db, CancellationToken ct)
    {
        long? customerId = null;
        if (!string.IsNullOrEmpty(account))
        {
            customerId = await AccountTeamsApi.CustomerIdAsync(db, m, account, ct);
            if (customerId is null)
            {
                return ChangeResults.NotFound($"No account '{account}' in this workspace.");
            }
        }

        var entries = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            AuditLog.For(db, m.WorkspaceId, customerId).Take(Math.Clamp(limit ?? 200, 1, 1000)), ct);
        var people = await AuditLog.PeopleAsync(db, m.WorkspaceId, ct);
        return TypedResults.Ok(entries.Select(e => AuditEntryDto.Of(e, CultureInfo.CurrentCulture, people)).ToList());
    }
}
