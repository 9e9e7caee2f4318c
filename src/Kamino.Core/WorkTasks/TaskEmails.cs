using System.Globalization;
using System.Net;
using System.Text;
using Kamino.Activities;
using Kamino.Email;

namespace Kamino.WorkTasks;

/// <summary>A task as an email shows it: the task and the name of its account, if any.</summary>
public sealed record TaskMailItem(WorkTask Task, string? AccountName);

/// <summary>
/// The task emails, as pure functions of their data. English only for now: the recipient's language is not
/// stored yet. User text is HTML-encoded in the HTML part; headers are made safe by <see cref="EmailSender"/>.
/// </summary>
public static class TaskEmails
{
    /// <summary>"You have a new task", to the assignee.</summary>
    public static EmailMessage Assigned(EmailRecipient to, string workspaceName, TaskMailItem item, string assignedBy)
    {
        var task = item.Task;
        var subject = $"[{workspaceName}] New task: {task.Title}";
        var intro = $"{assignedBy} assigned you a task in {workspaceName}.";
        return Message(to, subject, intro, [item], DateOnly.MinValue);
    }

    /// <summary>"Due tomorrow", to the assignee, once per task.</summary>
    public static EmailMessage DueTomorrow(EmailRecipient to, string workspaceName, TaskMailItem item)
    {
        var subject = $"[{workspaceName}] Due tomorrow: {item.Task.Title}";
        var intro = $"This task of yours in {workspaceName} is due tomorrow, {Day(item.Task.DueDate)}.";
        return Message(to, subject, intro, [item], DateOnly.MinValue);
    }

    /// <summary>
    /// The daily digest of one user in one workspace: their open tasks due today or overdue, overdue first, and
    /// the check-ins due this week or overdue on the accounts they own (most overdue first), when there are any.
    /// </summary>
    public static EmailMessage Digest(EmailRecipient to, string workspaceName, IReadOnlyList<TaskMailItem> items, DateOnly today,
        IReadOnlyList<AccountCadence>? checkins = null)
    {
        checkins ??= [];
        var overdue = items.Count(i => TaskRules.IsOverdue(i.Task, today));
        var dueToday = items.Count - overdue;
        var subject = string.Create(CultureInfo.InvariantCulture, $"[{workspaceName}] Your tasks for {Day(today)}: {overdue} overdue, {dueToday} due today")
            + (checkins.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; {checkins.Count} check-in(s) due"));
        var ordered = items.OrderByDescending(i => TaskRules.IsOverdue(i.Task, today)).ThenBy(i => i.Task.DueDate).ThenBy(i => i.Task.Id).ToList();
        var intro = items.Count == 0
            ? $"No open tasks of yours in {workspaceName} are due today or overdue."
            : $"Your open tasks in {workspaceName} that are due today or overdue:";
        return Message(to, subject, intro, ordered, today, checkins);
    }

    /// <param name="today">Marks overdue tasks when given; <see cref="DateOnly.MinValue"/> for none.</param>
    /// <param name="checkins">The check-ins section of the digest; empty for none.</param>
    private static EmailMessage Message(EmailRecipient to, string subject, string intro, IReadOnlyList<TaskMailItem> items, DateOnly today,
        IReadOnlyList<AccountCadence>? checkins = null)
    {
        var text = new StringBuilder().Append("Hello ").Append(to.Name).Append(",\n\n").Append(intro).Append("\n\n");
        var html = new StringBuilder()
            .Append("<p>Hello ").Append(H(to.Name)).Append(",</p>\n<p>").Append(H(intro)).Append("</p>\n<ul>\n");
        foreach (var (task, account) in items)
        {
            var overdue = today != DateOnly.MinValue && TaskRules.IsOverdue(task, today);
            var flag = overdue ? "OVERDUE " : "";
            var number = task.Id.ToString(CultureInfo.InvariantCulture);
            text.Append("- ").Append(flag).Append('#').Append(number).Append(' ').Append(task.Title)
                .Append(" (due ").Append(Day(task.DueDate));
            html.Append("<li>").Append(overdue ? "<strong style=\"color:#b00020\">OVERDUE</strong> " : "")
                .Append('#').Append(number).Append(" <strong>").Append(H(task.Title)).Append("</strong> (due ").Append(Day(task.DueDate));
            if (account is not null)
            {
                text.Append(", account ").Append(account);
                html.Append(", account ").Append(H(account));
            }

            text.Append(")\n");
            html.Append(')');
            if (task.Description.Length > 0)
            {
                text.Append("  ").Append(task.Description.ReplaceLineEndings("\n  ")).Append('\n');
                html.Append("<br>").Append(H(task.Description).ReplaceLineEndings("<br>"));
            }

            html.Append("</li>\n");
        }

        html.Append("</ul>\n");
        if (checkins is { Count: > 0 })
        {
            const string Heading = "Check-ins due this week or overdue on the key accounts you own:";
            text.Append('\n').Append(Heading).Append("\n\n");
            html.Append("<p>").Append(H(Heading)).Append("</p>\n<ul>\n");
            foreach (var account in checkins)
            {
                var (flag, when) = CheckinLine(account.State);
                text.Append("- ").Append(flag).Append(account.Name).Append(" (").Append(account.Tier).Append("): ").Append(when).Append('\n');
                html.Append("<li>").Append(flag.Length == 0 ? "" : $"<strong style=\"color:#b00020\">{flag.Trim()}</strong> ")
                    .Append("<strong>").Append(H(account.Name)).Append("</strong> (").Append(H(account.Tier)).Append("): ").Append(H(when)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        const string Footer = "You receive this because you are a member of a Kamino workspace.";
        text.Append('\n').Append(Footer).Append('\n');
        html.Append("<p style=\"color:#666\">").Append(Footer).Append("</p>\n");
        return new EmailMessage(to, subject, text.ToString(), html.ToString());
    }

    private static (string Flag, string When) CheckinLine(CadenceState state) => state.Status switch
    {
        CheckinStatus.NeverContacted => ("NEVER CONTACTED ", "due now"),
        CheckinStatus.Overdue => ("OVERDUE ", string.Create(CultureInfo.InvariantCulture, $"due {Day(state.NextDue!.Value)}, {state.DaysOverdue} day(s) overdue")),
        _ => ("", $"due {Day(state.NextDue!.Value)}"),
    };

    private static string H(string value) => WebUtility.HtmlEncode(value);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
