using System.Globalization;
using System.Net;
using System.Text;
using Kamino.Activities;
using Kamino.Email;

namespace Kamino.WorkTasks;

/// <summary>A task as an email shows it: the task and the name of its account, if any.</summary>
public sealed record TaskMailItem(WorkTask Task, string? AccountName);

/// <summary>
/// The task emails, as pure functions of their data, in the recipient's language (<see cref="MailWords"/>, from
/// <see cref="EmailRecipient.Language"/>). User text is HTML-encoded in the HTML part; headers are made safe by
/// <see cref="EmailSender"/>.
/// </summary>
public static class TaskEmails
{
    /// <summary>"You have a new task", to the assignee.</summary>
    public static EmailMessage Assigned(EmailRecipient to, string workspaceName, TaskMailItem item, string assignedBy)
    {
        var w = MailWords.For(to.Culture);
        return Message(w, to, w.F(w.NewTaskSubject, workspaceName, item.Task.Title), w.F(w.AssignedIntro, assignedBy, workspaceName), [item], DateOnly.MinValue);
    }

    /// <summary>"Due tomorrow", to the assignee, once per task.</summary>
    public static EmailMessage DueTomorrow(EmailRecipient to, string workspaceName, TaskMailItem item)
    {
        var w = MailWords.For(to.Culture);
        return Message(w, to, w.F(w.DueTomorrowSubject, workspaceName, item.Task.Title), w.F(w.DueTomorrowIntro, workspaceName, w.Day(item.Task.DueDate)), [item], DateOnly.MinValue);
    }

    /// <summary>
    /// The daily digest of one user in one workspace: their open tasks due today or overdue, overdue first, and
    /// the check-ins due this week or overdue on the accounts they own (most overdue first), when there are any.
    /// </summary>
    public static EmailMessage Digest(EmailRecipient to, string workspaceName, IReadOnlyList<TaskMailItem> items, DateOnly today,
        IReadOnlyList<AccountCadence>? checkins = null)
    {
        checkins ??= [];
        var w = MailWords.For(to.Culture);
        var overdue = items.Count(i => TaskRules.IsOverdue(i.Task, today));
        var dueToday = items.Count - overdue;
        var subject = w.F(w.DigestSubject, workspaceName, w.Day(today), overdue, dueToday) + (checkins.Count == 0 ? "" : w.F(w.DigestCheckins, checkins.Count));
        var ordered = items.OrderByDescending(i => TaskRules.IsOverdue(i.Task, today)).ThenBy(i => i.Task.DueDate).ThenBy(i => i.Task.Id).ToList();
        var intro = w.F(items.Count == 0 ? w.DigestNothing : w.DigestIntro, workspaceName);
        return Message(w, to, subject, intro, ordered, today, checkins);
    }

    /// <param name="today">Marks overdue tasks when given; <see cref="DateOnly.MinValue"/> for none.</param>
    /// <param name="checkins">The check-ins section of the digest; empty for none.</param>
    private static EmailMessage Message(MailWords w, EmailRecipient to, string subject, string intro, IReadOnlyList<TaskMailItem> items, DateOnly today,
        IReadOnlyList<AccountCadence>? checkins = null)
    {
        var hello = w.F(w.Hello, to.Name);
        var text = new StringBuilder().Append(hello).Append("\n\n").Append(intro).Append("\n\n");
        var html = new StringBuilder().Append("<p>").Append(H(hello)).Append("</p>\n<p>").Append(H(intro)).Append("</p>\n<ul>\n");
        foreach (var (task, account) in items)
        {
            var overdue = today != DateOnly.MinValue && TaskRules.IsOverdue(task, today);
            var number = task.Id.ToString(CultureInfo.InvariantCulture);
            var due = w.F(w.Due, w.Day(task.DueDate)) + (account is null ? "" : ", " + w.F(w.Account, account));
            text.Append("- ").Append(overdue ? w.Overdue + " " : "").Append('#').Append(number).Append(' ').Append(task.Title).Append(" (").Append(due).Append(")\n");
            html.Append("<li>").Append(overdue ? $"<strong style=\"color:#b00020\">{H(w.Overdue)}</strong> " : "")
                .Append('#').Append(number).Append(" <strong>").Append(H(task.Title)).Append("</strong> (").Append(H(due)).Append(')');
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
            text.Append('\n').Append(w.CheckinsHeading).Append("\n\n");
            html.Append("<p>").Append(H(w.CheckinsHeading)).Append("</p>\n<ul>\n");
            foreach (var account in checkins)
            {
                var (flag, when) = CheckinLine(w, account.State);
                text.Append("- ").Append(flag.Length == 0 ? "" : flag + " ").Append(account.Name).Append(" (").Append(account.Tier).Append("): ").Append(when).Append('\n');
                html.Append("<li>").Append(flag.Length == 0 ? "" : $"<strong style=\"color:#b00020\">{H(flag)}</strong> ")
                    .Append("<strong>").Append(H(account.Name)).Append("</strong> (").Append(H(account.Tier)).Append("): ").Append(H(when)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        text.Append('\n').Append(w.TaskFooter).Append('\n');
        html.Append("<p style=\"color:#666\">").Append(H(w.TaskFooter)).Append("</p>\n");
        return new EmailMessage(to, subject, text.ToString(), html.ToString());
    }

    private static (string Flag, string When) CheckinLine(MailWords w, CadenceState state) => state.Status switch
    {
        CheckinStatus.NeverContacted => (w.NeverContacted, w.DueNow),
        CheckinStatus.Overdue => (w.Overdue, w.F(w.DueOverdue, w.Day(state.NextDue!.Value), state.DaysOverdue)),
        _ => ("", w.F(w.Due, w.Day(state.NextDue!.Value))),
    };

    private static string H(string value) => WebUtility.HtmlEncode(value);
}
