using System.Globalization;
using Kamino.Activities;
using Kamino.Audit;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Alerts;

/// <summary>
/// Acknowledging and snoozing alerts, per user: one <see cref="AlertDismissal"/> per user and alert key, holding the
/// alert's fingerprint when it was dismissed, so a changed alert shows again. Each change is audited (entity
/// <c>alert</c>, with the account). Any member may dismiss an alert they can see for themselves; nobody else's.
/// </summary>
public static class AlertDismissals
{
    /// <summary>How long a snooze lasts when no day is given.</summary>
    public const int DefaultSnoozeDays = 7;

    /// <summary>Hides the alert <paramref name="key"/> for the user until it changes.</summary>
    public static Task<ChangeResult> AcknowledgeAsync(KaminoDb db, int workspaceId, string userId, string key, DateOnly today, TimeProvider clock, CancellationToken ct = default) =>
        DismissAsync(db, workspaceId, userId, key, AlertAction.Acknowledged, null, today, clock, ct);

    /// <summary>Hides the alert <paramref name="key"/> for the user up to <paramref name="until"/> (default: 7 days on) or until it changes.</summary>
    public static Task<ChangeResult> SnoozeAsync(KaminoDb db, int workspaceId, string userId, string key, DateOnly? until, DateOnly today, TimeProvider clock, CancellationToken ct = default)
    {
        var day = until ?? today.AddDays(DefaultSnoozeDays);
        return day < today
            ? Task.FromResult(ChangeResult.Invalid(Said.Of("alert.snooze-in-past")))
            : DismissAsync(db, workspaceId, userId, key, AlertAction.Snoozed, day, today, clock, ct);
    }

    /// <summary>Removes the user's acknowledgement or snooze of <paramref name="key"/>, so the alert shows again.</summary>
    public static async Task<ChangeResult> UndoAsync(KaminoDb db, int workspaceId, string userId, string key, TimeProvider clock, CancellationToken ct = default)
    {
        var row = await db.AlertDismissals.FirstOrDefaultAsync(d => d.WorkspaceId == workspaceId && d.UserId == userId && d.AlertKey == key, ct);
        if (row is null)
        {
            return ChangeResult.NotFound(Said.Of("alert.not-dismissed", key));
        }

        db.AlertDismissals.Remove(row);
        await AuditLog.AddAsync(db, workspaceId, userId, "alert", key, "restored", AuditText.Of("alert.restored", key), AlertRules.AccountIdOf(key), clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    private static async Task<ChangeResult> DismissAsync(KaminoDb db, int workspaceId, string userId, string key, AlertAction action, DateOnly? until, DateOnly today,
        TimeProvider clock, CancellationToken ct)
    {
        // The alert must exist now and be one the user can see (every member sees the workspace's alerts).
        var alert = key.Length <= AlertDismissal.MaxKeyLength && AlertRules.AccountIdOf(key) is { } account
            ? (await AlertsQuery.DeriveAsync(db, workspaceId, CheckinScope.Workspace, userId, today, account, ct)).FirstOrDefault(a => a.Key == key)
            : null;
        if (alert is null)
        {
            return ChangeResult.NotFound(Said.Of("alert.not-found", key, today));
        }

        var row = await db.AlertDismissals.FirstOrDefaultAsync(d => d.WorkspaceId == workspaceId && d.UserId == userId && d.AlertKey == key, ct);
        if (row is null)
        {
            row = new AlertDismissal { WorkspaceId = workspaceId, UserId = userId, AlertKey = key, Fingerprint = alert.Fingerprint };
            db.AlertDismissals.Add(row);
        }

        row.Fingerprint = alert.Fingerprint;
        row.Action = action;
        row.SnoozedUntil = until;
        row.At = clock.GetUtcNow();
        var (en, es) = (AlertWords.Reason(alert, CultureInfo.InvariantCulture), AlertWords.Reason(alert, CultureInfo.GetCultureInfo("es")));
        var summary = action == AlertAction.Acknowledged
            ? AuditText.Of("alert.acknowledged", key, en, es)
            : AuditText.Of("alert.snoozed", key, until!.Value, en, es);
        await AuditLog.AddAsync(db, workspaceId, userId, "alert", key, action == AlertAction.Acknowledged ? "acknowledged" : "snoozed", summary, alert.AccountId, clock, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same user dismissed it at the same moment from another tab: that one stands.
            db.ChangeTracker.Clear();
        }

        return ChangeResult.Done;
    }
}
