using Kamino.Data;
using Kamino.People;

namespace Kamino.WorkTasks;

/// <summary>Where a task stands.</summary>
public enum WorkTaskStatus
{
    Open,
    Done,
}

/// <summary>A task assigned to one person, optionally about one account, with a due date.</summary>
public sealed class WorkTask : IWorkspaceNumbered
{
    public int WorkspaceId { get; set; }

    public long Id { get; set; }

    public required string Title { get; set; }

    public string Description { get; set; } = "";

    /// <summary>The account the task is about, if any.</summary>
    public long? CustomerId { get; set; }

    public required string AssigneeUserId { get; set; }

    public Department Department { get; set; }

    /// <summary>Day by which it must be done (inclusive); overdue from the next day.</summary>
    public DateOnly DueDate { get; set; }

    public WorkTaskStatus Status { get; set; }

    public required string CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the "due tomorrow" reminder was sent, so it is sent once.</summary>
    public DateTimeOffset? ReminderSentAt { get; set; }

    /// <summary>The account-plan objective this task is an action of, if any (<see cref="Plans.PlanObjective"/>).</summary>
    public long? ObjectiveId { get; set; }
}

/// <summary>An in-app notification for one user in one workspace.</summary>
public sealed class Notification : IWorkspaceNumbered
{
    public int WorkspaceId { get; set; }

    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string Text { get; set; }

    /// <summary>Relative link to what it is about, e.g. <c>/w/demo/tasks/12</c>.</summary>
    public string? Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}
