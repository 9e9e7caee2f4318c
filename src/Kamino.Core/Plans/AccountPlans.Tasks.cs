using Kamino.Audit;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Plans;

/// <summary>An objective a task can be linked to, as pickers list it.</summary>
public sealed record ObjectiveOption(long Id, long CustomerId, string CustomerKey, string CustomerName, int Year, PlanArea Area, string Title);

public static partial class AccountPlans
{
    /// <summary>
    /// Makes a task an action of an objective. The task must be about the objective's account; a task linked to another
    /// objective moves. Who may edit the plan may link (the task's own rules do not change).
    /// </summary>
    public static async Task<ChangeResult> LinkTaskAsync(KaminoDb db, int workspaceId, long customerId, long objectiveId, long taskId, string? userId, TimeProvider clock,
        CancellationToken ct = default)
    {
        var (plan, objective, key, refused) = await LoadObjectiveAsync(db, workspaceId, customerId, objectiveId, userId, ct);
        if (refused is not null)
        {
            return refused;
        }

        var task = await db.Tasks.FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Id == taskId, ct);
        if (task is null)
        {
            return ChangeResult.NotFound(Said.Of("plan.no-task", Id(taskId)));
        }

        if (task.CustomerId != customerId)
        {
            return ChangeResult.Invalid(Said.Of("plan.task-of-another-account", Id(taskId), key));
        }

        if (task.ObjectiveId == objectiveId)
        {
            return ChangeResult.Done;
        }

        task.ObjectiveId = objectiveId;
        Touch(plan!, userId, clock);
        await AuditAsync(db, plan!, userId, "task-linked", AuditText.Of("plan.task-linked", Year(plan!.Year), key, Id(taskId), Id(objective!.Id)), clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>Unlinks a task of the account from its objective (the task stays).</summary>
    /// <param name="fromObjectiveId">When given, the objective the task must be linked to (else not found).</param>
    public static async Task<ChangeResult> UnlinkTaskAsync(KaminoDb db, int workspaceId, long customerId, long taskId, string? userId, TimeProvider clock,
        long? fromObjectiveId = null, CancellationToken ct = default)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Id == taskId && t.CustomerId == customerId, ct);
        if (task?.ObjectiveId is not { } objectiveId || (fromObjectiveId is { } from && from != objectiveId))
        {
            var (_, refusal) = await CheckAsync(db, workspaceId, customerId, PlanRules.MinYear, userId, ct);
            return refusal ?? ChangeResult.NotFound(task is null ? Said.Of("plan.no-task-of-account", Id(taskId)) : Said.Of("plan.task-not-linked", Id(taskId)));
        }

        var (plan, _, key, refused) = await LoadObjectiveAsync(db, workspaceId, customerId, objectiveId, userId, ct);
        if (refused is not null)
        {
            return refused;
        }

        task.ObjectiveId = null;
        Touch(plan!, userId, clock);
        await AuditAsync(db, plan!, userId, "task-unlinked", AuditText.Of("plan.task-unlinked", Year(plan!.Year), key, Id(taskId), Id(objectiveId)), clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>
    /// The objectives of the given accounts' plans for <paramref name="year"/>, by account and position: what a task of
    /// one of those accounts can be linked to.
    /// </summary>
    public static async Task<IReadOnlyList<ObjectiveOption>> ObjectiveOptionsAsync(KaminoDb db, int workspaceId, IReadOnlyCollection<long> customerIds, int year,
        CancellationToken ct = default) =>
        (await (from o in db.PlanObjectives.AsNoTracking()
                join p in db.AccountPlans.AsNoTracking() on new { o.WorkspaceId, Id = o.PlanId } equals new { p.WorkspaceId, p.Id }
                join c in db.Customers.AsNoTracking() on new { p.WorkspaceId, Id = p.CustomerId } equals new { c.WorkspaceId, c.Id }
                where o.WorkspaceId == workspaceId && p.Year == year && customerIds.Contains(p.CustomerId)
                select new { o.Id, p.CustomerId, c.Key, c.Name, p.Year, o.Area, o.Title, o.Position }).ToListAsync(ct))
        .OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(o => o.Position)
        .Select(o => new ObjectiveOption(o.Id, o.CustomerId, o.Key, o.Name, o.Year, o.Area, o.Title)).ToList();
}
