using System.Net;
using System.Text;
using Kamino.SignIn;
using Kamino.Activities;
using Kamino.Data;
using Kamino.Email;
using Kamino.People;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Alerts;

/// <summary>How a weekly digest run went: digests made (in-app), emails sent, and one line per email that failed.</summary>
public sealed record AlertDigestReport(int Digests, int Emailed, IReadOnlyList<string> Failures);

/// <summary>
/// The weekly alert digest: once per user, workspace and week (its Monday), an in-app notification and, when SMTP is
/// configured, an email listing the user's open alerts (a Director's: the workspace's; a Lead KAM's: their team's;
/// everyone else's: their own). Users with no open alert get nothing. The <see cref="AlertDigest"/> row is inserted
/// first, in the same transaction as the notification: when two runs race, the second one's insert conflicts and it
/// sends nothing, so the digest goes out once. Any run in the week sends it (the daily job's first run on Monday).
/// </summary>
public static class AlertDigests
{
    /// <summary>Monday of the week of <paramref name="day"/>.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The scope of a role's digest.</summary>
    public static CheckinScope ScopeOf(Role role) => role switch
    {
        Role.Director => CheckinScope.Workspace,
        Role.LeadKam => CheckinScope.Team,
        Role.Kam or Role.Collaborator or Role.Viewer => CheckinScope.Mine,
    };

    /// <summary>Makes (and, with <paramref name="sender"/>, emails) the digests of <paramref name="today"/>'s week not made yet, in every workspace.</summary>
    public static async Task<AlertDigestReport> SendAsync(KaminoDb db, DateOnly today, EmailSender? sender, TimeProvider clock, CancellationToken ct = default)
    {
        var week = WeekOf(today);
        var members = await (
            from m in db.Memberships.AsNoTracking()
            join u in db.Users.AsNoTracking() on m.UserId equals u.Id
            join w in db.Workspaces.AsNoTracking() on m.WorkspaceId equals w.Id
            where u.DisabledAt == null
            orderby m.WorkspaceId, m.UserId
            select new { m.WorkspaceId, WorkspaceName = w.Name, w.Slug, m.UserId, m.Role, u.Email, u.DisplayName, u.Language }).ToListAsync(ct);
        var made = 0;
        var messages = new List<EmailMessage>();
        foreach (var m in members)
        {
            if (await db.AlertDigests.AnyAsync(d => d.WorkspaceId == m.WorkspaceId && d.UserId == m.UserId && d.Week == week, ct))
            {
                continue;
            }

            var alerts = (await AlertsQuery.ListAsync(db, m.WorkspaceId, ScopeOf(m.Role), m.UserId, today, ct)).Open;
            if (alerts.Count == 0 || !await RecordAsync(db, m.WorkspaceId, m.UserId, m.Slug, week, alerts.Count, clock, ct))
            {
                continue;
            }

            made++;
            if (m.Email is not null)
            {
                messages.Add(Email(new EmailRecipient(m.Email, KaminoUser.NameOf(m.DisplayName, m.Email, m.UserId), m.Language), m.WorkspaceName, week, alerts));
            }
        }

        if (sender is null || messages.Count == 0)
        {
            return new AlertDigestReport(made, 0, []);
        }

        var results = await sender.SendAsync(messages, ct);
        return new AlertDigestReport(made, results.Count(r => r.Sent), results.Where(r => !r.Sent).Select(r => $"{r.Message.To.Address}: {r.Error}").ToList());
    }

    /// <summary>The digest email, a pure function of its data, in the recipient's language (<see cref="MailWords"/>).</summary>
    public static EmailMessage Email(EmailRecipient to, string workspaceName, DateOnly week, IReadOnlyList<Alert> alerts)
    {
        var w = MailWords.For(to.Culture);
        var subject = w.F(w.AlertsSubject, workspaceName, w.Day(week), alerts.Count);
        var intro = w.F(w.AlertsIntro, workspaceName);
        var hello = w.F(w.Hello, to.Name);
        var text = new StringBuilder().Append(hello).Append("\n\n").Append(intro).Append("\n\n");
        var html = new StringBuilder().Append("<p>").Append(H(hello)).Append("</p>\n<p>").Append(H(intro)).Append("</p>\n<ul>\n");
        foreach (var a in alerts)
        {
            var since = w.F(w.Since, w.Day(a.Since));
            var reason = AlertWords.Reason(a, w.Culture);
            text.Append("- ").Append(a.CustomerName).Append(": ").Append(reason).Append(" (").Append(since).Append(", ").Append(a.Link).Append(")\n");
            html.Append("<li><strong>").Append(H(a.CustomerName)).Append("</strong>: ").Append(H(reason)).Append(" (").Append(H(since)).Append(")</li>\n");
        }

        text.Append('\n').Append(w.AlertsFooter).Append('\n');
        html.Append("</ul>\n<p style=\"color:#666\">").Append(H(w.AlertsFooter)).Append("</p>\n");
        return new EmailMessage(to, subject, text.ToString(), html.ToString());
    }

    /// <summary>Inserts the week's digest row and the notification in one transaction; false when the row was already there (another run sent it).</summary>
    private static async Task<bool> RecordAsync(KaminoDb db, int workspaceId, string userId, string slug, DateOnly week, int alerts, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.AlertDigests.Add(new AlertDigest { WorkspaceId = workspaceId, UserId = userId, Week = week, Alerts = alerts, SentAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(ct);
            db.Notifications.Add(new Notification
            {
                WorkspaceId = workspaceId,
                Id = await db.NextIdAsync(db.Notifications, workspaceId, ct),
                UserId = userId,
                Text = NotificationTexts.WeeklyAlerts(await UserLanguage.OfAsync(db, userId, ct), alerts, week),
                Link = $"/w/{Uri.EscapeDataString(slug)}/alerts",
                CreatedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static string H(string value) => WebUtility.HtmlEncode(value);
}
