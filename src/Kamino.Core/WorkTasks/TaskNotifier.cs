using Kamino.SignIn;
using Kamino.Activities;
using Kamino.Data;
using Kamino.Email;
using Microsoft.EntityFrameworkCore;

namespace Kamino.WorkTasks;

/// <summary>One user's digest in one workspace: their open tasks due today or overdue.</summary>
public sealed record DigestWork(int WorkspaceId, string UserId, IReadOnlyList<WorkTask> Tasks);

/// <summary>How an email job went: messages accepted by the server, and one line per message that was not.</summary>
public sealed record NotifyReport(int Sent, IReadOnlyList<string> Failures);

/// <summary>
/// The task emails: "assigned to you", "due tomorrow" (once per task) and the daily digest. Which tasks and
/// users get an email is decided by the pure <see cref="SelectReminders"/> and <see cref="SelectDigests"/>;
/// the methods here load, send through <see cref="EmailSender"/> and record. Users whose account is disabled
/// or who have no email address get nothing. Every workspace is covered.
/// </summary>
public sealed class TaskNotifier(EmailSender sender, TimeProvider clock)
{
    /// <summary>The tasks whose "due tomorrow" reminder is due on <paramref name="today"/> (<see cref="TaskRules.NeedsReminder"/>).</summary>
    public static IReadOnlyList<WorkTask> SelectReminders(IEnumerable<WorkTask> tasks, DateOnly today) =>
        tasks.Where(t => TaskRules.NeedsReminder(t, today)).OrderBy(t => t.WorkspaceId).ThenBy(t => t.Id).ToList();

    /// <summary>
    /// One digest per user per workspace with open tasks due on or before <paramref name="today"/>, overdue
    /// first; users with nothing due get none.
    /// </summary>
    public static IReadOnlyList<DigestWork> SelectDigests(IEnumerable<WorkTask> tasks, DateOnly today) =>
        tasks.Where(t => TaskRules.BelongsInDigest(t, today))
            .GroupBy(t => (t.WorkspaceId, t.AssigneeUserId))
            .OrderBy(g => g.Key.WorkspaceId).ThenBy(g => g.Key.AssigneeUserId, StringComparer.Ordinal)
            .Select(g => new DigestWork(g.Key.WorkspaceId, g.Key.AssigneeUserId, TaskRules.InListOrder(g, today).ToList()))
            .ToList();

    /// <summary>
    /// Emails the assignee of a task just created or reassigned by <paramref name="assignedByUserId"/>; nothing when
    /// they assigned it to themselves. Returns whether a message was sent.
    /// </summary>
    public async Task<bool> SendAssignedAsync(KaminoDb db, WorkTask task, string assignedByUserId, CancellationToken ct = default)
    {
        if (string.Equals(task.AssigneeUserId, assignedByUserId, StringComparison.Ordinal))
        {
            return false;
        }

        var users = await UsersAsync(db, [task.AssigneeUserId, assignedByUserId], ct);
        if (!users.TryGetValue(task.AssigneeUserId, out var to))
        {
            return false;
        }

        var by = users.TryGetValue(assignedByUserId, out var b) ? b.Name : "Someone";
        var workspaces = await WorkspaceNamesAsync(db, ct);
        var accounts = await AccountNamesAsync(db, [task], ct);
        var message = TaskEmails.Assigned(to, workspaces[task.WorkspaceId], Item(task, accounts), by);
        await sender.SendAsync(message, ct);
        return true;
    }

    /// <summary>
    /// Sends the "due tomorrow" reminders of <paramref name="today"/> and records <see cref="WorkTask.ReminderSentAt"/>
    /// for each message the server accepted, so a task is reminded once even if the job runs again.
    /// </summary>
    public async Task<NotifyReport> SendDueRemindersAsync(KaminoDb db, DateOnly today, CancellationToken ct = default)
    {
        var tomorrow = today.AddDays(1);
        var candidates = await db.Tasks
            .Where(t => t.Status == WorkTaskStatus.Open && t.ReminderSentAt == null && t.DueDate == tomorrow)
            .ToListAsync(ct);
        var due = SelectReminders(candidates, today);
        var users = await UsersAsync(db, due.Select(t => t.AssigneeUserId), ct);
        var workspaces = await WorkspaceNamesAsync(db, ct);
        var accounts = await AccountNamesAsync(db, due, ct);
        var work = due.Where(t => users.ContainsKey(t.AssigneeUserId))
            .Select(t => (Task: t, Message: TaskEmails.DueTomorrow(users[t.AssigneeUserId], workspaces[t.WorkspaceId], Item(t, accounts))))
            .ToList();

        var results = await sender.SendAsync(work.Select(w => w.Message).ToList(), ct);
        var now = clock.GetUtcNow();
        for (var i = 0; i < work.Count; i++)
        {
            if (results[i].Sent)
            {
                work[i].Task.ReminderSentAt = now;
            }
        }

        await db.SaveChangesAsync(ct);
        return Report(results);
    }

    /// <summary>
    /// Sends each user, per workspace, the digest of their open tasks due on or before <paramref name="today"/> and
    /// the check-ins due this week or overdue on the key accounts they own (<see cref="CheckinReminders"/>).
    /// </summary>
    public async Task<NotifyReport> SendDailyDigestsAsync(KaminoDb db, DateOnly today, CancellationToken ct = default)
    {
        var candidates = await db.Tasks.AsNoTracking()
            .Where(t => t.Status == WorkTaskStatus.Open && t.DueDate <= today)
            .ToListAsync(ct);
        var digests = SelectDigests(candidates, today).ToDictionary(d => (d.WorkspaceId, d.UserId));
        var checkins = (await CheckinReminders.DueByOwnerAsync(db, today, ct)).ToDictionary(c => (c.WorkspaceId, c.UserId));
        var recipients = digests.Keys.Union(checkins.Keys)
            .OrderBy(k => k.WorkspaceId).ThenBy(k => k.UserId, StringComparer.Ordinal).ToList();
        var users = await UsersAsync(db, recipients.Select(k => k.UserId), ct);
        var workspaces = await WorkspaceNamesAsync(db, ct);
        var accounts = await AccountNamesAsync(db, candidates, ct);
        var messages = recipients.Where(k => users.ContainsKey(k.UserId))
            .Select(k => TaskEmails.Digest(users[k.UserId], workspaces[k.WorkspaceId],
                digests.TryGetValue(k, out var d) ? d.Tasks.Select(t => Item(t, accounts)).ToList() : [],
                today,
                checkins.TryGetValue(k, out var c) ? c.Accounts : []))
            .ToList();
        return Report(await sender.SendAsync(messages, ct));
    }

    private static NotifyReport Report(IReadOnlyList<EmailResult> results) =>
        new(results.Count(r => r.Sent), results.Where(r => !r.Sent).Select(r => $"{r.Message.To.Address}: {r.Error}").ToList());

    private static TaskMailItem Item(WorkTask task, Dictionary<(int, long), string> accounts) =>
        new(task, task.CustomerId is { } c && accounts.TryGetValue((task.WorkspaceId, c), out var name) ? name : null);

    /// <summary>Active users with an email address, by id.</summary>
    private static async Task<Dictionary<string, EmailRecipient>> UsersAsync(KaminoDb db, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => wanted.Contains(u.Id) && u.DisabledAt == null && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Language })
            .ToListAsync(ct);
        return users.ToDictionary(
            u => u.Id,
            u => new EmailRecipient(u.Email!, KaminoUser.NameOf(u.DisplayName, u.Email, u.Id), u.Language),
            StringComparer.Ordinal);
    }

    private static Task<Dictionary<int, string>> WorkspaceNamesAsync(KaminoDb db, CancellationToken ct) =>
        db.Workspaces.AsNoTracking().ToDictionaryAsync(w => w.Id, w => w.Name, ct);

    private static async Task<Dictionary<(int, long), string>> AccountNamesAsync(KaminoDb db, IReadOnlyList<WorkTask> tasks, CancellationToken ct)
    {
        var ids = tasks.Where(t => t.CustomerId is not null).Select(t => t.CustomerId!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var customers = await db.Customers.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new { c.WorkspaceId, c.Id, c.Name })
            .ToListAsync(ct);
        return customers.ToDictionary(c => (c.WorkspaceId, c.Id), c => c.Name);
    }
}
