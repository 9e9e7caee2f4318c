using System.Globalization;
using Kamino.SignIn;
using Kamino.Audit;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;

namespace Kamino.WorkTasks;

/// <summary>What a new task says. <paramref name="CustomerId"/> must be a customer of the same workspace.</summary>
public sealed record NewTask(
    string Title,
    string AssigneeUserId,
    DateOnly DueDate,
    string? Description = null,
    long? CustomerId = null,
    Department Department = Department.Other);

/// <summary>The editable fields of a task, as they should be after the edit (the assignee changes by reassigning).</summary>
public sealed record TaskEdit(string Title, string Description, DateOnly DueDate, Department Department, long? CustomerId);

/// <summary>How a task change ended.</summary>
public enum TaskOutcome
{
    /// <summary>Changed and saved, with its audit entry (and notification when someone else was assigned).</summary>
    Changed,

    /// <summary>Nothing to do: already in the requested state. Nothing was written.</summary>
    Unchanged,

    /// <summary>No such task in this workspace.</summary>
    NotFound,

    /// <summary>Input refused; see <see cref="TaskResult.Problems"/>. Nothing was written.</summary>
    Invalid,
}

/// <summary>The result of a task change: the task as saved (null when not found) and any problems.</summary>
public sealed record TaskResult(TaskOutcome Outcome, WorkTask? Task, IReadOnlyList<TaskProblem> Problems)
{
    internal static TaskResult Changed(WorkTask task) => new(TaskOutcome.Changed, task, []);

    internal static TaskResult Unchanged(WorkTask task) => new(TaskOutcome.Unchanged, task, []);

    internal static TaskResult NotFound() => new(TaskOutcome.NotFound, null, []);

    internal static TaskResult Invalid(IReadOnlyList<TaskProblem> problems, WorkTask? task = null) => new(TaskOutcome.Invalid, task, problems);
}

/// <summary>
/// Creates and changes tasks. Each change is saved together with its audit entry (entity <c>task</c>) and,
/// when a task is given to someone other than the person acting, an in-app notification for them.
/// Whether the actor may make the change is the caller's check (<see cref="Permissions"/> and
/// <see cref="TaskRules"/>); these methods check the data: the task, assignee and account belong to the workspace.
/// Emails are sent after saving, by <see cref="TaskNotifier"/>.
/// </summary>
public static class Tasks
{
    /// <summary>
    /// The member <paramref name="userId"/> of the workspace as a <see cref="TaskActor"/>, with the KAMs they
    /// supervise; null when they are not a member.
    /// </summary>
    public static async Task<TaskActor?> ActorAsync(KaminoDb db, int workspaceId, string userId, CancellationToken ct = default)
    {
        var membership = await db.Memberships.AsNoTracking()
            .FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);
        if (membership is null)
        {
            return null;
        }

        var supervised = membership.Role == Role.LeadKam
            ? await db.Memberships.AsNoTracking()
                .Where(m => m.WorkspaceId == workspaceId && m.SupervisorUserId == userId && m.Role == Role.Kam)
                .Select(m => m.UserId)
                .ToListAsync(ct)
            : [];
        return new TaskActor(userId, membership.Role, supervised.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The task <paramref name="id"/> of the workspace, tracked; null when there is none.</summary>
    public static Task<WorkTask?> FindAsync(KaminoDb db, int workspaceId, long id, CancellationToken ct = default) =>
        db.Tasks.FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Id == id, ct);

    public static async Task<TaskResult> CreateAsync(KaminoDb db, int workspaceId, NewTask input, string actorUserId, TimeProvider clock, CancellationToken ct = default)
    {
        var problems = TaskRules.Validate(input.Title, input.Description).ToList();
        problems.AddRange(await CheckAssigneeAsync(db, workspaceId, input.AssigneeUserId, ct));
        problems.AddRange(await CheckCustomerAsync(db, workspaceId, input.CustomerId, ct));
        if (problems.Count > 0)
        {
            return TaskResult.Invalid(problems);
        }

        var task = new WorkTask
        {
            WorkspaceId = workspaceId,
            Id = await db.NextIdAsync(db.Tasks, workspaceId, ct),
            Title = input.Title.Trim(),
            Description = input.Description?.Trim() ?? "",
            CustomerId = input.CustomerId,
            AssigneeUserId = input.AssigneeUserId,
            Department = input.Department,
            DueDate = input.DueDate,
            Status = WorkTaskStatus.Open,
            CreatedByUserId = actorUserId,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Tasks.Add(task);
        var assignee = await NameAsync(db, input.AssigneeUserId, ct);
        await AuditAsync(db, task, actorUserId, "create",
            AuditText.Of("task.created", task.Title, assignee, task.DueDate, task.Department), clock, ct);
        await NotifyAssigneeAsync(db, task, actorUserId, clock, ct);
        await db.SaveChangesAsync(ct);
        return TaskResult.Changed(task);
    }

    /// <summary>Marks the task done (status Done, <see cref="WorkTask.CompletedAt"/> now).</summary>
    public static Task<TaskResult> CompleteAsync(KaminoDb db, int workspaceId, long id, string actorUserId, TimeProvider clock, CancellationToken ct = default) =>
        SetStatusAsync(db, workspaceId, id, WorkTaskStatus.Done, actorUserId, clock, ct);

    /// <summary>Opens a done task again (status Open, no completion time).</summary>
    public static Task<TaskResult> ReopenAsync(KaminoDb db, int workspaceId, long id, string actorUserId, TimeProvider clock, CancellationToken ct = default) =>
        SetStatusAsync(db, workspaceId, id, WorkTaskStatus.Open, actorUserId, clock, ct);

    private static async Task<TaskResult> SetStatusAsync(KaminoDb db, int workspaceId, long id, WorkTaskStatus status, string actorUserId, TimeProvider clock, CancellationToken ct)
    {
        var task = await FindAsync(db, workspaceId, id, ct);
        if (task is null)
        {
            return TaskResult.NotFound();
        }

        if (task.Status == status)
        {
            return TaskResult.Unchanged(task);
        }

        var (completedAt, action, summary) = status switch
        {
            WorkTaskStatus.Done => (clock.GetUtcNow(), "complete", AuditText.Of("task.done", task.Title)),
            WorkTaskStatus.Open => ((DateTimeOffset?)null, "reopen", AuditText.Of("task.reopened", task.Title)),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "a task is set Done or Open"),
        };
        task.Status = status;
        task.CompletedAt = completedAt;
        await AuditAsync(db, task, actorUserId, action, summary, clock, ct);
        await db.SaveChangesAsync(ct);
        return TaskResult.Changed(task);
    }

    /// <summary>
    /// Gives the task to another member. The new assignee gets a notification (unless they reassign it to
    /// themselves) and a fresh "due tomorrow" reminder.
    /// </summary>
    public static async Task<TaskResult> ReassignAsync(KaminoDb db, int workspaceId, long id, string newAssigneeUserId, string actorUserId, TimeProvider clock, CancellationToken ct = default)
    {
        var task = await FindAsync(db, workspaceId, id, ct);
        if (task is null)
        {
            return TaskResult.NotFound();
        }

        if (string.Equals(task.AssigneeUserId, newAssigneeUserId, StringComparison.Ordinal))
        {
            return TaskResult.Unchanged(task);
        }

        var problems = await CheckAssigneeAsync(db, workspaceId, newAssigneeUserId, ct);
        if (problems.Count > 0)
        {
            return TaskResult.Invalid(problems, task);
        }

        var from = await NameAsync(db, task.AssigneeUserId, ct);
        var to = await NameAsync(db, newAssigneeUserId, ct);
        task.AssigneeUserId = newAssigneeUserId;
        task.ReminderSentAt = null;
        await AuditAsync(db, task, actorUserId, "reassign", AuditText.Of("task.reassigned", task.Title, from, to), clock, ct);
        await NotifyAssigneeAsync(db, task, actorUserId, clock, ct);
        await db.SaveChangesAsync(ct);
        return TaskResult.Changed(task);
    }

    /// <summary>Changes title, description, due date, department and account; the audit entry lists what changed (from → to).</summary>
    public static async Task<TaskResult> EditAsync(KaminoDb db, int workspaceId, long id, TaskEdit edit, string actorUserId, TimeProvider clock, CancellationToken ct = default)
    {
        var task = await FindAsync(db, workspaceId, id, ct);
        if (task is null)
        {
            return TaskResult.NotFound();
        }

        var problems = TaskRules.Validate(edit.Title, edit.Description).ToList();
        if (edit.CustomerId != task.CustomerId)
        {
            problems.AddRange(await CheckCustomerAsync(db, workspaceId, edit.CustomerId, ct));
        }

        if (problems.Count > 0)
        {
            return TaskResult.Invalid(problems, task);
        }

        var changes = new List<(string Key, object?[] Args)>();
        var title = edit.Title.Trim();
        var description = edit.Description.Trim();
        if (!string.Equals(title, task.Title, StringComparison.Ordinal))
        {
            changes.Add(("task.title", [task.Title, title]));
            task.Title = title;
        }

        if (!string.Equals(description, task.Description, StringComparison.Ordinal))
        {
            changes.Add(("task.description", []));
            task.Description = description;
        }

        if (edit.DueDate != task.DueDate)
        {
            changes.Add(("task.due", [task.DueDate, edit.DueDate]));
            task.DueDate = edit.DueDate;
            task.ReminderSentAt = null;
        }

        if (edit.Department != task.Department)
        {
            changes.Add(("task.department", [task.Department, edit.Department]));
            task.Department = edit.Department;
        }

        if (edit.CustomerId != task.CustomerId)
        {
            changes.Add(("task.account", [Account(task.CustomerId), Account(edit.CustomerId)]));
            task.CustomerId = edit.CustomerId;
        }

        if (changes.Count == 0)
        {
            return TaskResult.Unchanged(task);
        }

        await AuditAsync(db, task, actorUserId, "edit", changes.Skip(1).Aggregate(AuditText.Of(changes[0].Key, changes[0].Args), (text, c) => text.And(c.Key, c.Args)), clock, ct);
        await db.SaveChangesAsync(ct);
        return TaskResult.Changed(task);
    }

    private static async Task<IReadOnlyList<TaskProblem>> CheckAssigneeAsync(KaminoDb db, int workspaceId, string? userId, CancellationToken ct)
    {
        var role = string.IsNullOrEmpty(userId)
            ? null
            : await db.Memberships.AsNoTracking()
                .Where(m => m.WorkspaceId == workspaceId && m.UserId == userId)
                .Select(m => (Role?)m.Role)
                .FirstOrDefaultAsync(ct);
        return role switch
        {
            null => [new TaskProblem("assignee", Said.Of("task.assignee-not-member"))],
            { } r when !TaskRules.CanBeAssignedTo(r) => [new TaskProblem("assignee", Said.Of("task.assignee-viewer"))],
            _ => [],
        };
    }

    private static async Task<IReadOnlyList<TaskProblem>> CheckCustomerAsync(KaminoDb db, int workspaceId, long? customerId, CancellationToken ct)
    {
        if (customerId is not { } id || await db.Customers.AnyAsync(c => c.WorkspaceId == workspaceId && c.Id == id, ct))
        {
            return [];
        }

        return [new TaskProblem("customerId", Said.Of("field.no-such-customer"))];
    }

    private static async Task NotifyAssigneeAsync(KaminoDb db, WorkTask task, string actorUserId, TimeProvider clock, CancellationToken ct)
    {
        if (string.Equals(task.AssigneeUserId, actorUserId, StringComparison.Ordinal))
        {
            return;
        }

        var slug = await db.Workspaces.Where(w => w.Id == task.WorkspaceId).Select(w => w.Slug).FirstAsync(ct);
        var text = NotificationTexts.TaskAssigned(await UserLanguage.OfAsync(db, task.AssigneeUserId, ct), await PersonNames.NameAsync(db, actorUserId, ct), task.Title, task.DueDate);
        db.Notifications.Add(new Notification
        {
            WorkspaceId = task.WorkspaceId,
            Id = await db.NextIdAsync(db.Notifications, task.WorkspaceId, ct),
            UserId = task.AssigneeUserId,
            Text = text,
            Link = string.Create(CultureInfo.InvariantCulture, $"/w/{slug}/tasks/{task.Id}"),
            CreatedAt = clock.GetUtcNow(),
        });
    }

    private static Task AuditAsync(KaminoDb db, WorkTask task, string actorUserId, string action, AuditText summary, TimeProvider clock, CancellationToken ct) =>
        AuditLog.AddAsync(db, task.WorkspaceId, actorUserId, "task", task.Id.ToString(CultureInfo.InvariantCulture), action, summary, task.CustomerId, clock, ct);

    /// <summary>How a user is recorded in audit entries: the email (named by whoever reads the entry), else the id.</summary>
    private static Task<string> NameAsync(KaminoDb db, string userId, CancellationToken ct) => Members.EmailOfAsync(db, userId, ct);


    private static string Account(long? id) => id?.ToString(CultureInfo.InvariantCulture) ?? "—";
}
