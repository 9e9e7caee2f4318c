using Kamino.Data;
using Kamino.Host.Accounts;
using Kamino.Host.Web;
using Kamino.People;
using Kamino.WorkTasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.WorkTasks;

/// <summary>Tasks over HTTP: <c>/api/workspaces/{workspace}/tasks</c> ("my tasks", "my team's tasks", create, close, reassign).</summary>
public static class TasksApi
{
    /// <summary>A new task. <paramref name="AccountKey"/> is a customer id as the Pareto list shows it.</summary>
    public sealed record NewTaskRequest(string Title, string AssigneeUserId, DateOnly DueDate, string? Description = null, string? AccountKey = null, Department Department = Department.Other);

    public sealed record ReassignRequest(string AssigneeUserId);

    /// <summary>A task's fields as they should be after the edit (the assignee changes through /assignee).</summary>
    public sealed record EditRequest(string Title, string? Description, DateOnly DueDate, Department Department, string? AccountKey);

    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/tasks").WithTags("Tasks");
        group.MapGet("/mine", MineAsync).WithSummary("Tasks assigned to me, overdue first").RequirePermission(Permission.View);
        group.MapGet("/team", TeamAsync).WithSummary("My team's tasks (docs/permissions.md says whose)").RequirePermission(Permission.View);
        group.MapPost("/", CreateAsync).WithSummary("Create a task and notify the assignee").RequirePermission(Permission.CreateTasks);
        group.MapPost("/{id:long}/done", (long id, CurrentMember member, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
                ChangeAsync(id, member, db, clock, TaskRules.CanComplete, (actor, t) => Tasks.CompleteAsync(db, member.WorkspaceId, t.Id, actor.UserId, clock, ct), ct))
            .WithSummary("Mark a task done (its assignee, or whoever may manage it)").RequirePermission(Permission.View);
        group.MapPost("/{id:long}/reopen", (long id, CurrentMember member, KaminoDb db, TimeProvider clock, CancellationToken ct) =>
                ChangeAsync(id, member, db, clock, TaskRules.CanComplete, (actor, t) => Tasks.ReopenAsync(db, member.WorkspaceId, t.Id, actor.UserId, clock, ct), ct))
            .WithSummary("Reopen a task").RequirePermission(Permission.View);
        group.MapPut("/{id:long}", EditAsync).WithSummary("Edit a task's title, description, due date, department or account").RequirePermission(Permission.View);
        group.MapPut("/{id:long}/assignee", ReassignAsync).WithSummary("Give a task to another member and notify them").RequirePermission(Permission.CreateTasks);
        return app;
    }

    internal static async Task<Ok<List<TaskRow>>> MineAsync(CurrentMember member, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var today = member.Today(clock);
        return TypedResults.Ok(await db.Tasks.AsNoTracking().Mine(member.WorkspaceId, member.UserId).InListOrder(today).ToRowsAsync(db, today, ct));
    }

    internal static async Task<Ok<List<TaskRow>>> TeamAsync(CurrentMember member, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var today = member.Today(clock);
        var actor = (await Tasks.ActorAsync(db, member.WorkspaceId, member.UserId, ct))!;
        return TypedResults.Ok(await db.Tasks.AsNoTracking().Team(db, member.WorkspaceId, actor).InListOrder(today).ToRowsAsync(db, today, ct));
    }

    internal static async Task<Results<Created<TaskRow>, ValidationProblem>> CreateAsync(
        NewTaskRequest request, CurrentMember member, KaminoDb db, TimeProvider clock, TaskMail mail, CancellationToken ct)
    {
        var (customerId, unknownAccount) = await AccountAsync(request.AccountKey, member, db, ct);
        if (unknownAccount is not null)
        {
            return unknownAccount;
        }

        var result = await Tasks.CreateAsync(db, member.WorkspaceId,
            new NewTask(request.Title ?? "", request.AssigneeUserId ?? "", request.DueDate, request.Description, customerId, request.Department), member.UserId, clock, ct);
        if (result.Outcome != TaskOutcome.Changed)
        {
            return TypedResults.ValidationProblem(Problems(result));
        }

        await mail.SendAssignedAsync(db, result.Task!, member.UserId, ct);
        var row = await db.Tasks.AsNoTracking().Where(t => t.WorkspaceId == member.WorkspaceId && t.Id == result.Task!.Id).ToRowsAsync(db, member.Today(clock), ct);
        return TypedResults.Created($"/api/workspaces/{member.Slug}/tasks/{result.Task!.Id}", row[0]);
    }

    internal static async Task<Results<Ok<TaskRow>, ProblemHttpResult, ValidationProblem>> ReassignAsync(
        long id, ReassignRequest request, CurrentMember member, KaminoDb db, TimeProvider clock, TaskMail mail, CancellationToken ct)
    {
        var result = await ChangeAsync(id, member, db, clock, TaskRules.CanReassign,
            (actor, t) => Tasks.ReassignAsync(db, member.WorkspaceId, t.Id, request.AssigneeUserId ?? "", actor.UserId, clock, ct), ct);
        if (result.Result is Ok<TaskRow> ok && ok.Value!.AssigneeUserId != member.UserId)
        {
            var task = await Tasks.FindAsync(db, member.WorkspaceId, id, ct);
            await mail.SendAssignedAsync(db, task!, member.UserId, ct);
        }

        return result;
    }

    internal static async Task<Results<Ok<TaskRow>, ProblemHttpResult, ValidationProblem>> EditAsync(
        long id, EditRequest request, CurrentMember member, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        var (customerId, unknownAccount) = await AccountAsync(request.AccountKey, member, db, ct);
        if (unknownAccount is not null)
        {
            return unknownAccount;
        }

        return await ChangeAsync(id, member, db, clock, TaskRules.CanEdit,
            (actor, t) => Tasks.EditAsync(db, member.WorkspaceId, t.Id, new TaskEdit(request.Title ?? "", request.Description ?? "", request.DueDate, request.Department, customerId), actor.UserId, clock, ct), ct);
    }

    private static async Task<Results<Ok<TaskRow>, ProblemHttpResult, ValidationProblem>> ChangeAsync(
        long id, CurrentMember member, KaminoDb db, TimeProvider clock, Func<TaskActor, WorkTask, bool> allowed, Func<TaskActor, WorkTask, Task<TaskResult>> change, CancellationToken ct)
    {
        var task = await Tasks.FindAsync(db, member.WorkspaceId, id, ct);
        var actor = await Tasks.ActorAsync(db, member.WorkspaceId, member.UserId, ct);
        if (task is null || actor is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No task {id} in this workspace.");
        }

        if (!allowed(actor, task))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "You may not change this task.");
        }

        var result = await change(actor, task);
        if (result.Outcome is TaskOutcome.Invalid)
        {
            return TypedResults.ValidationProblem(Problems(result));
        }

        if (result.Outcome is TaskOutcome.NotFound)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No task {id} in this workspace.");
        }

        var rows = await db.Tasks.AsNoTracking().Where(t => t.WorkspaceId == member.WorkspaceId && t.Id == id).ToRowsAsync(db, member.Today(clock), ct);
        return TypedResults.Ok(rows[0]);
    }

    /// <summary>The customer id of an optional account key; a validation problem when the key is not a customer of the workspace.</summary>
    private static async Task<(long? Id, ValidationProblem? Problem)> AccountAsync(string? key, CurrentMember member, KaminoDb db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return (null, null);
        }

        var id = await AccountTeamsApi.CustomerIdAsync(db, member, key, ct);
        return id is null
            ? (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["accountKey"] = [$"No customer '{key}' in this workspace."] }))
            : (id, null);
    }

    private static Dictionary<string, string[]> Problems(TaskResult result) =>
        result.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
}
