using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;

namespace Kamino.WorkTasks;

/// <summary>A task as lists show it: with the assignee's and creator's names and the account's key and name.</summary>
public sealed record TaskRow(
    int WorkspaceId,
    long Id,
    string Title,
    string Description,
    WorkTaskStatus Status,
    bool Overdue,
    DateOnly DueDate,
    Department Department,
    string AssigneeUserId,
    string? AssigneeEmail,
    string AssigneeName,
    long? CustomerId,
    string? AccountKey,
    string? AccountName,
    string? CreatedByEmail,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);

/// <summary>Reusable task queries. Every one is limited to one workspace.</summary>
public static class TaskQueries
{
    /// <summary>The workspace's tasks assigned to <paramref name="userId"/> ("my tasks").</summary>
    public static IQueryable<WorkTask> Mine(this IQueryable<WorkTask> tasks, int workspaceId, string userId) =>
        tasks.Where(t => t.WorkspaceId == workspaceId && t.AssigneeUserId == userId);

    /// <summary>
    /// "My team's tasks" of <paramref name="actor"/>: a Director sees every task of the workspace; a Lead KAM
    /// the tasks assigned to them or to the KAMs they supervise, and tasks on accounts owned by them or by those
    /// KAMs; a KAM their own and those on accounts they own; a Collaborator or Viewer their own and those on
    /// accounts whose team they are on. <see cref="TaskRules.IsInTeam"/> is the same rule for one loaded task.
    /// </summary>
    public static IQueryable<WorkTask> Team(this IQueryable<WorkTask> tasks, KaminoDb db, int workspaceId, TaskActor actor)
    {
        var me = actor.UserId;
        var inWorkspace = tasks.Where(t => t.WorkspaceId == workspaceId);
        switch (actor.Role)
        {
            case Role.Director:
                return inWorkspace;
            case Role.LeadKam:
                var supervised = db.Memberships
                    .Where(m => m.WorkspaceId == workspaceId && m.SupervisorUserId == me && m.Role == Role.Kam)
                    .Select(m => m.UserId);
                var ownedByTeam = db.AccountTeamMembers
                    .Where(a => a.WorkspaceId == workspaceId && a.IsOwner && (a.UserId == me || supervised.Contains(a.UserId)))
                    .Select(a => (long?)a.CustomerId);
                return inWorkspace.Where(t => t.AssigneeUserId == me || supervised.Contains(t.AssigneeUserId) || ownedByTeam.Contains(t.CustomerId));
            case Role.Kam:
                var owned = db.AccountTeamMembers
                    .Where(a => a.WorkspaceId == workspaceId && a.IsOwner && a.UserId == me)
                    .Select(a => (long?)a.CustomerId);
                return inWorkspace.Where(t => t.AssigneeUserId == me || owned.Contains(t.CustomerId));
            case Role.Collaborator:
            case Role.Viewer:
                var onTeam = db.AccountTeamMembers
                    .Where(a => a.WorkspaceId == workspaceId && a.UserId == me)
                    .Select(a => (long?)a.CustomerId);
                return inWorkspace.Where(t => t.AssigneeUserId == me || onTeam.Contains(t.CustomerId));
            default:
                throw new ArgumentOutOfRangeException(nameof(actor), actor.Role, "Unknown role.");
        }
    }

    /// <summary>Only open tasks.</summary>
    public static IQueryable<WorkTask> Open(this IQueryable<WorkTask> tasks) => tasks.Where(t => t.Status == WorkTaskStatus.Open);

    /// <summary>Overdue on <paramref name="today"/> first, then by due date, then by number (the order of <see cref="TaskRules.InListOrder"/>).</summary>
    public static IOrderedQueryable<WorkTask> InListOrder(this IQueryable<WorkTask> tasks, DateOnly today) =>
        tasks.OrderByDescending(t => t.Status == WorkTaskStatus.Open && t.DueDate < today ? 1 : 0).ThenBy(t => t.DueDate).ThenBy(t => t.Id);

    /// <summary>
    /// Loads the tasks as <see cref="TaskRow"/>s with names and account keys, in list order (overdue on
    /// <paramref name="today"/> first, then by due date).
    /// </summary>
    public static async Task<List<TaskRow>> ToRowsAsync(this IQueryable<WorkTask> tasks, KaminoDb db, DateOnly today, CancellationToken ct = default)
    {
        var rows = await (
            from t in tasks
            join a in db.Users on t.AssigneeUserId equals a.Id into assignees
            from a in assignees.DefaultIfEmpty()
            join c in db.Users on t.CreatedByUserId equals c.Id into creators
            from c in creators.DefaultIfEmpty()
            join cu in db.Customers on new { t.WorkspaceId, Id = t.CustomerId } equals new { cu.WorkspaceId, Id = (long?)cu.Id } into customers
            from cu in customers.DefaultIfEmpty()
            select new { Task = t, AssigneeEmail = a.Email, AssigneeName = a.DisplayName, CreatorEmail = c.Email, AccountKey = cu.Key, AccountName = cu.Name })
            .AsNoTracking()
            .ToListAsync(ct);

        return rows
            .OrderByDescending(r => TaskRules.IsOverdue(r.Task, today)).ThenBy(r => r.Task.DueDate).ThenBy(r => r.Task.Id)
            .Select(r => new TaskRow(
                r.Task.WorkspaceId,
                r.Task.Id,
                r.Task.Title,
                r.Task.Description,
                r.Task.Status,
                TaskRules.IsOverdue(r.Task, today),
                r.Task.DueDate,
                r.Task.Department,
                r.Task.AssigneeUserId,
                r.AssigneeEmail,
                string.IsNullOrEmpty(r.AssigneeName) ? r.AssigneeEmail ?? r.Task.AssigneeUserId : r.AssigneeName,
                r.Task.CustomerId,
                r.AccountKey,
                r.AccountName,
                r.CreatorEmail,
                r.Task.CreatedAt,
                r.Task.CompletedAt))
            .ToList();
    }
}
