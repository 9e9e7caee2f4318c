using Kamino.Customers;
using Kamino.Data;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Activities;

/// <summary>What a timeline entry records.</summary>
public enum TimelineKind
{
    /// <summary>A call, visit, email, meeting or note (a check-in among them); <see cref="TimelineEntry.Activity"/>.</summary>
    Activity,

    /// <summary>The customer was designated to a tier or undesignated; <see cref="TimelineEntry.Designation"/>.</summary>
    Designation,

    /// <summary>A task about the customer was created; <see cref="TimelineEntry.Task"/>.</summary>
    TaskCreated,

    /// <summary>A task about the customer was done; <see cref="TimelineEntry.Task"/>.</summary>
    TaskDone,
}

/// <summary>A task as the timeline shows it.</summary>
public sealed record TimelineTask(long Id, string Title, string Assignee, DateOnly DueDate, WorkTaskStatus Status);

/// <summary>
/// One thing that happened on an account. Exactly the part of its <see cref="Kind"/> is set: <see cref="Activity"/>,
/// <see cref="Designation"/> or <see cref="Task"/>. <see cref="By"/> is who did it (null: the system).
/// </summary>
public sealed record TimelineEntry(TimelineKind Kind, DateTimeOffset At, string? By, ActivityDto? Activity = null, DesignationDto? Designation = null, TimelineTask? Task = null);

/// <summary>An account's history in one list, newest first: activities, designations, tasks created and done.</summary>
public static class Timeline
{
    /// <summary>Most entries returned: the newest ones.</summary>
    public const int MaxEntries = 500;

    /// <summary>The account's timeline; empty for a customer of another workspace.</summary>
    public static async Task<IReadOnlyList<TimelineEntry>> ForAccountAsync(KaminoDb db, int workspaceId, long customerId, CancellationToken ct = default)
    {
        var activities = await ActivityLog.ListAsync(db, workspaceId, customerId, ct: ct);
        var designations = await Designations.HistoryAsync(db, workspaceId, customerId, ct);
        var tasks = await (from t in db.Tasks.AsNoTracking()
                           where t.WorkspaceId == workspaceId && t.CustomerId == customerId
                           join a in db.Users.AsNoTracking() on t.AssigneeUserId equals a.Id
                           join c in db.Users.AsNoTracking() on t.CreatedByUserId equals c.Id into creators
                           from c in creators.DefaultIfEmpty()
                           select new
                           {
                               Task = new TimelineTask(t.Id, t.Title, a.DisplayName != "" ? a.DisplayName : a.Email ?? t.AssigneeUserId, t.DueDate, t.Status),
                               t.CreatedAt,
                               t.CompletedAt,
                               CreatorName = c != null ? c.DisplayName : null,
                               CreatorEmail = c != null ? c.Email : null,
                           }).ToListAsync(ct);
        return Merge(
            activities.Select(a => new TimelineEntry(TimelineKind.Activity, a.At, a.LoggedBy, Activity: a)),
            designations.Select(d => new TimelineEntry(TimelineKind.Designation, d.At, d.UserEmail, Designation: d)),
            tasks.Select(t => new TimelineEntry(TimelineKind.TaskCreated, t.CreatedAt, ActivityLog.PersonName(t.CreatorName, t.CreatorEmail), Task: t.Task)),
            tasks.Where(t => t.Task.Status == WorkTaskStatus.Done && t.CompletedAt is not null)
                .Select(t => new TimelineEntry(TimelineKind.TaskDone, t.CompletedAt!.Value, t.Task.Assignee, Task: t.Task)));
    }

    /// <summary>
    /// The entries newest first, at most <see cref="MaxEntries"/>. At the same instant an activity comes before the
    /// tasks its next steps became.
    /// </summary>
    public static IReadOnlyList<TimelineEntry> Merge(params IEnumerable<TimelineEntry>[] sources) =>
        sources.SelectMany(s => s)
            .OrderByDescending(e => e.At)
            .ThenBy(e => e.Kind)
            .ThenByDescending(e => e.Activity?.Id ?? e.Designation?.Id ?? e.Task?.Id ?? 0)
            .Take(MaxEntries)
            .ToList();
}
