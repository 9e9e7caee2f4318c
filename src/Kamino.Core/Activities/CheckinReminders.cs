using Kamino.SignIn;
using Kamino.Data;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Activities;

/// <summary>The check-ins one owner should be reminded of in one workspace, most overdue first.</summary>
public sealed record OwnerCheckins(int WorkspaceId, string WorkspaceSlug, string UserId, IReadOnlyList<AccountCadence> Accounts);

/// <summary>
/// Reminders of check-ins (issue 12, Reminders): the key accounts due within <see cref="Cadence.DueSoonDays"/> days,
/// overdue or never contacted join their OWNER's daily digest (<see cref="TaskNotifier"/>) and in-app notifications.
/// A notification is made once per account and due date: its text names the due date, and one with the same link
/// and text, in either language, is never made twice.
/// </summary>
public static class CheckinReminders
{
    /// <summary>Whether an account's cadence belongs in its owner's reminders: due this week, overdue or never contacted.</summary>
    public static bool NeedsReminder(CadenceState state) => state.Status is CheckinStatus.DueSoon or CheckinStatus.Overdue or CheckinStatus.NeverContacted;

    /// <summary>The app path of an account page, which a notification links to.</summary>
    public static string AccountLink(string workspaceSlug, string key) => $"/w/{Uri.EscapeDataString(workspaceSlug)}/accounts/{Uri.EscapeDataString(key)}";

    /// <summary>For every workspace, the owners with check-ins to be reminded of on <paramref name="today"/>; accounts without an owner are left out.</summary>
    public static async Task<IReadOnlyList<OwnerCheckins>> DueByOwnerAsync(KaminoDb db, DateOnly today, CancellationToken ct = default)
    {
        var workspaces = await db.Workspaces.AsNoTracking().OrderBy(w => w.Id).Select(w => new { w.Id, w.Slug }).ToListAsync(ct);
        var result = new List<OwnerCheckins>();
        foreach (var ws in workspaces)
        {
            var accounts = await CheckinsDue.CadencesAsync(db, ws.Id, today, ct: ct);
            result.AddRange(accounts.Where(a => a.OwnerUserId is not null && NeedsReminder(a.State))
                .GroupBy(a => a.OwnerUserId!)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new OwnerCheckins(ws.Id, ws.Slug, g.Key, CheckinsDue.InDueOrder(g, a => a.AsDue()).ToList())));
        }

        return result;
    }

    /// <summary>Makes the in-app notifications of <paramref name="today"/> not made before; returns how many it made.</summary>
    public static async Task<int> NotifyOwnersAsync(KaminoDb db, DateOnly today, TimeProvider clock, CancellationToken ct = default)
    {
        var made = 0;
        foreach (var owner in await DueByOwnerAsync(db, today, ct))
        {
            var language = await UserLanguage.OfAsync(db, owner.UserId, ct);
            foreach (var account in owner.Accounts)
            {
                var link = AccountLink(owner.WorkspaceSlug, account.Key);
                var text = NotificationTexts.CheckinDue(language, account.Name, account.State.NextDue);

                // Made before in either language: the owner may have switched language since.
                var other = NotificationTexts.CheckinDue(Language.IsSpanish(language) ? UserLanguage.English : UserLanguage.Spanish, account.Name, account.State.NextDue);
                if (await db.Notifications.AnyAsync(n => n.WorkspaceId == owner.WorkspaceId && n.UserId == owner.UserId && n.Link == link
                        && (n.Text == text || n.Text == other), ct))
                {
                    continue;
                }

                db.Notifications.Add(new Notification
                {
                    WorkspaceId = owner.WorkspaceId,
                    Id = await db.NextIdAsync(db.Notifications, owner.WorkspaceId, ct),
                    UserId = owner.UserId,
                    Text = text,
                    Link = link,
                    CreatedAt = clock.GetUtcNow(),
                });
                await db.SaveChangesAsync(ct);
                made++;
            }
        }

        return made;
    }
}
