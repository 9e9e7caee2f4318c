using Kamino.People;

namespace Kamino.WorkTasks;

/// <summary>
/// A problem with a task's input, named by the field it concerns (<c>title</c>, <c>assignee</c>…): <see cref="Why"/> words it
/// for the reader, <see cref="Message"/> is the recorded English (what the API answers).
/// </summary>
public sealed record TaskProblem(string Field, Said Why)
{
    public string Message => Why.ToString();
}

/// <summary>
/// Who is acting on tasks in a workspace: their user id, role, and for a Lead KAM the KAMs they supervise.
/// </summary>
/// <param name="Supervised">User ids of the KAMs whose <see cref="Membership.SupervisorUserId"/> is this user; empty for other roles.</param>
public sealed record TaskActor(string UserId, Role Role, IReadOnlySet<string> Supervised)
{
    public TaskActor(string userId, Role role)
        : this(userId, role, new HashSet<string>(StringComparer.Ordinal))
    {
    }
}

/// <summary>
/// The pure rules of tasks: validation, overdue, reminders and who may change which task. The role ×
/// permission matrix is <see cref="Permissions"/>; these rules add the scope (whose tasks) on top of it.
/// </summary>
public static class TaskRules
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    /// <summary>
    /// Open and past its due date: a task due on the 10th is overdue from the 11th. A done task is never overdue.
    /// </summary>
    public static bool IsOverdue(WorkTask task, DateOnly today) => task.Status == WorkTaskStatus.Open && today > task.DueDate;

    /// <summary>Open, due on the day after <paramref name="today"/>, and not reminded yet: the "due tomorrow" email is due.</summary>
    public static bool NeedsReminder(WorkTask task, DateOnly today) =>
        task.Status == WorkTaskStatus.Open && task.ReminderSentAt is null && task.DueDate == today.AddDays(1);

    /// <summary>Open and due today or earlier: belongs in the assignee's daily digest.</summary>
    public static bool BelongsInDigest(WorkTask task, DateOnly today) => task.Status == WorkTaskStatus.Open && task.DueDate <= today;

    /// <summary>Checks a title and description as a user typed them; an empty list means valid.</summary>
    public static IReadOnlyList<TaskProblem> Validate(string? title, string? description)
    {
        var problems = new List<TaskProblem>();
        var t = title?.Trim() ?? "";
        if (t.Length == 0)
        {
            problems.Add(new TaskProblem("title", FieldSentences.Required("title")));
        }
        else if (t.Length > TitleMaxLength)
        {
            problems.Add(new TaskProblem("title", FieldSentences.TooLong("title", t.Length, TitleMaxLength)));
        }

        if (description is { Length: > DescriptionMaxLength })
        {
            problems.Add(new TaskProblem("description", FieldSentences.TooLong("description", description.Length, DescriptionMaxLength)));
        }

        return problems;
    }

    /// <summary>A Viewer is read-only (PRODUCT.md §6), so a task cannot be given to one: nobody could close it.</summary>
    public static bool CanBeAssignedTo(Role role) => role != Role.Viewer;

    /// <summary>
    /// May <paramref name="actor"/> change the title, description, due date, department or account of the task?
    /// A Director: any task. A Lead KAM: tasks assigned to them or to a KAM they supervise, and tasks they
    /// created. A KAM: tasks assigned to them or created by them. Collaborators and Viewers: none.
    /// </summary>
    public static bool CanEdit(TaskActor actor, WorkTask task) => actor.Role switch
    {
        Role.Director => true,
        Role.LeadKam => IsAssignee(actor, task) || IsCreator(actor, task) || actor.Supervised.Contains(task.AssigneeUserId),
        Role.Kam => IsAssignee(actor, task) || IsCreator(actor, task),
        Role.Collaborator => false,
        Role.Viewer => false,
    };

    /// <summary>
    /// May <paramref name="actor"/> give the task to someone else? Whoever may create tasks may hand on a task
    /// of their own; tasks of others need <see cref="Permission.ManageTeamTasks"/>: a Director any, a Lead KAM
    /// those of the KAMs they supervise and those they created.
    /// </summary>
    public static bool CanReassign(TaskActor actor, WorkTask task)
    {
        if (IsAssignee(actor, task))
        {
            return Permissions.Allows(actor.Role, Permission.CreateTasks);
        }

        return Permissions.Allows(actor.Role, Permission.ManageTeamTasks) && actor.Role switch
        {
            Role.Director => true,
            Role.LeadKam => actor.Supervised.Contains(task.AssigneeUserId) || IsCreator(actor, task),
            Role.Kam or Role.Collaborator or Role.Viewer => false,
        };
    }

    /// <summary>
    /// May <paramref name="actor"/> mark the task done or reopen it? Its assignee (unless a read-only Viewer),
    /// and whoever may reassign it.
    /// </summary>
    public static bool CanComplete(TaskActor actor, WorkTask task) =>
        (IsAssignee(actor, task) && actor.Role != Role.Viewer) || CanReassign(actor, task);

    /// <summary>
    /// Is the task among "my team's tasks" of <paramref name="actor"/>? The in-memory twin of
    /// <see cref="TaskQueries.Team"/>, for one task already loaded.
    /// </summary>
    /// <param name="ownedAccounts">Accounts owned (<see cref="Accounts.AccountTeamMember.IsOwner"/>) by the actor and, for a Lead KAM, by the KAMs they supervise.</param>
    /// <param name="teamAccounts">Accounts on whose team the actor is (any department, owner or not).</param>
    public static bool IsInTeam(TaskActor actor, WorkTask task, IReadOnlySet<long> ownedAccounts, IReadOnlySet<long> teamAccounts)
    {
        var mine = string.Equals(task.AssigneeUserId, actor.UserId, StringComparison.Ordinal);
        var account = task.CustomerId;
        return actor.Role switch
        {
            Role.Director => true,
            Role.LeadKam => mine || actor.Supervised.Contains(task.AssigneeUserId) || (account is { } a && ownedAccounts.Contains(a)),
            Role.Kam => mine || (account is { } k && ownedAccounts.Contains(k)),
            Role.Collaborator or Role.Viewer => mine || (account is { } c && teamAccounts.Contains(c)),
        };
    }

    /// <summary>Overdue first, then by due date, then by number (oldest first).</summary>
    public static IOrderedEnumerable<WorkTask> InListOrder(IEnumerable<WorkTask> tasks, DateOnly today) =>
        tasks.OrderByDescending(t => IsOverdue(t, today)).ThenBy(t => t.DueDate).ThenBy(t => t.Id);

    private static bool IsAssignee(TaskActor actor, WorkTask task) => string.Equals(task.AssigneeUserId, actor.UserId, StringComparison.Ordinal);

    private static bool IsCreator(TaskActor actor, WorkTask task) => string.Equals(task.CreatedByUserId, actor.UserId, StringComparison.Ordinal);
}
