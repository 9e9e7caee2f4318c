using System.Globalization;
using Kamino.Activities;
using Kamino.Data;
using Kamino.Host.Accounts;
using Kamino.Host.Web;
using Kamino.Host.WorkTasks;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Activities;

/// <summary>
/// Activities, check-ins and the account timeline over HTTP:
/// <c>/api/workspaces/{workspace}/customers/{customer}/activities</c> and <c>…/timeline</c>. Customers are named by key.
/// </summary>
public static class ActivitiesApi
{
    /// <summary>A next step: a task for <paramref name="AssigneeUserId"/> due on <paramref name="DueDate"/>.</summary>
    public sealed record NextStepRequest(string? Title, string? AssigneeUserId, DateOnly? DueDate);

    /// <summary>
    /// A new activity. <paramref name="At"/> null is now. A check-in (<paramref name="IsCheckin"/>, a call or visit)
    /// needs <paramref name="Csat"/> 1–5; <paramref name="Nps"/> 0–10 needs <paramref name="NpsContactId"/>, a contact of
    /// this customer; <paramref name="NextCheckinOn"/> sets the next check-in explicitly (after this one's day).
    /// </summary>
    public sealed record LogActivityRequest(
        ActivityType? Type,
        string? Summary,
        DateTimeOffset? At = null,
        bool IsCheckin = false,
        int? Csat = null,
        int? Nps = null,
        long? NpsContactId = null,
        DateOnly? NextCheckinOn = null,
        IReadOnlyList<string>? MemberUserIds = null,
        IReadOnlyList<long>? ContactIds = null,
        IReadOnlyList<NextStepRequest>? NextSteps = null);

    public static IEndpointRouteBuilder MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/customers").WithTags("Activities");
        group.MapGet("/{customer}/activities", ListAsync)
            .WithSummary("A customer's activities and check-ins, newest first").RequirePermission(Permission.View);
        group.MapPost("/{customer}/activities", LogAsync)
            .WithSummary("Log a call, visit, email, meeting or note (a check-in with CSAT and NPS); next steps become tasks in the same transaction")
            .WithDescription("Who may: the account's owner and team members, a Lead KAM, a Director (docs/permissions.md, ServeAccounts). Problems are keyed by field (`summary`, `csat`, `nextSteps[0].assignee`…).")
            .RequirePermission(Permission.ServeAccounts);
        group.MapGet("/{customer}/timeline", TimelineAsync)
            .WithSummary("A customer's timeline, newest first: activities, designations, tasks created and done").RequirePermission(Permission.View);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ActivityDto>>, ProblemHttpResult>> ListAsync(string customer, CurrentMember m, KaminoDb db, CancellationToken ct)
    {
        var id = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct);
        return id is null ? NoCustomer(customer) : TypedResults.Ok(await ActivityLog.ListAsync(db, m.WorkspaceId, id.Value, ct: ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<TimelineEntry>>, ProblemHttpResult>> TimelineAsync(string customer, CurrentMember m, KaminoDb db, CancellationToken ct)
    {
        var id = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct);
        return id is null ? NoCustomer(customer) : TypedResults.Ok(await Timeline.ForAccountAsync(db, m.WorkspaceId, id.Value, ct));
    }

    private static async Task<Results<Created<ActivityDto>, ProblemHttpResult, ValidationProblem>> LogAsync(
        string customer, LogActivityRequest body, CurrentMember m, KaminoDb db, TimeProvider clock, TaskMail mail, CancellationToken ct)
    {
        var id = await AccountTeamsApi.CustomerIdAsync(db, m, customer, ct);
        if (id is null)
        {
            return NoCustomer(customer);
        }

        var missing = new Dictionary<string, string[]>();
        if (body.Type is null)
        {
            missing["type"] = [$"Say what kind of activity: {string.Join(", ", Enum.GetNames<ActivityType>())}."];
        }

        var steps = body.NextSteps ?? [];
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].DueDate is null)
            {
                missing[string.Create(CultureInfo.InvariantCulture, $"nextSteps[{i}].dueDate")] = ["A next step needs a due date."];
            }
        }

        if (missing.Count > 0)
        {
            return TypedResults.ValidationProblem(missing);
        }

        var input = new NewActivity(body.Type!.Value, body.Summary ?? "", body.At, body.IsCheckin, body.Csat, body.Nps, body.NpsContactId, body.NextCheckinOn,
            body.MemberUserIds, body.ContactIds, steps.Select(s => new NextStep(s.Title ?? "", s.AssigneeUserId ?? "", s.DueDate!.Value)).ToList());
        var result = await ActivityLog.LogAsync(db, m.WorkspaceId, id.Value, input, m.UserId, clock, ct);
        switch (result.Outcome)
        {
            case ChangeOutcome.Done:
                await EmailAssigneesAsync(db, m, result.Activity!.TaskIds, mail, ct);
                return TypedResults.Created($"/api/workspaces/{m.Slug}/customers/{Uri.EscapeDataString(customer)}/activities/{result.Activity.Id.ToString(CultureInfo.InvariantCulture)}", result.Activity);
            case ChangeOutcome.Invalid:
                return TypedResults.ValidationProblem(result.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
            case ChangeOutcome.NotFound:
                return NoCustomer(customer);
            case ChangeOutcome.Forbidden:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: string.Join(" ", result.Problems.Select(p => p.Message)));
            default:
                throw new InvalidOperationException($"Unexpected outcome {result.Outcome}");
        }
    }

    private static async Task EmailAssigneesAsync(KaminoDb db, CurrentMember m, IReadOnlyList<long> taskIds, TaskMail mail, CancellationToken ct)
    {
        foreach (var task in await db.Tasks.AsNoTracking().Where(t => t.WorkspaceId == m.WorkspaceId && taskIds.Contains(t.Id)).ToListAsync(ct))
        {
            await mail.SendAssignedAsync(db, task, m.UserId, ct);
        }
    }

    private static ProblemHttpResult NoCustomer(string customer) => ChangeResults.NotFound($"No customer '{customer}' in this workspace.");
}
