using Kamino.Accounts;
using Kamino.Activities;
using Kamino.Analysis;
using Kamino.Data;
using Kamino.Health;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Alerts;

/// <summary>A user's alerts in a scope: the open ones (worst first) and how many their dismissals hide.</summary>
public sealed record AlertList(IReadOnlyList<Alert> Open, int Hidden);

/// <summary>
/// Derives the alerts of a workspace on a day from <see cref="AccountSignalsQuery"/> and the overdue tasks of key
/// accounts, in a scope (<see cref="CheckinScope"/>: mine = the accounts whose team the user is on and the tasks
/// assigned to them; team = mine plus, for a Lead KAM, the accounts of the KAMs they supervise; workspace = all),
/// and applies the user's dismissals (<see cref="AlertDismissal"/>).
/// </summary>
public static class AlertsQuery
{
    /// <summary>The user's open alerts in <paramref name="scope"/> on <paramref name="today"/>, and how many are hidden.</summary>
    public static async Task<AlertList> ListAsync(KaminoDb db, int workspaceId, CheckinScope scope, string userId, DateOnly today, CancellationToken ct = default) =>
        (await ListWithSignalsAsync(db, workspaceId, scope, userId, today, ct)).Alerts;

    private static async Task<AlertList> ApplyDismissalsAsync(KaminoDb db, int workspaceId, string userId, IReadOnlyList<Alert> all, DateOnly today, CancellationToken ct)
    {
        var dismissals = await db.AlertDismissals.AsNoTracking()
            .Where(d => d.WorkspaceId == workspaceId && d.UserId == userId)
            .ToDictionaryAsync(d => d.AlertKey, StringComparer.Ordinal, ct);
        var open = all.Where(a => !AlertRules.Hides(dismissals.GetValueOrDefault(a.Key), a, today)).ToList();
        return new AlertList(open, all.Count - open.Count);
    }

    /// <summary>
    /// Every alert in <paramref name="scope"/> for <paramref name="userId"/> on <paramref name="today"/>, dismissed or not,
    /// worst first; <paramref name="onlyAccount"/> limits it to one account (to find one alert by key).
    /// </summary>
    public static async Task<IReadOnlyList<Alert>> DeriveAsync(KaminoDb db, int workspaceId, CheckinScope scope, string userId, DateOnly today,
        long? onlyAccount = null, CancellationToken ct = default) =>
        (await DeriveWithSignalsAsync(db, workspaceId, scope, userId, today, onlyAccount, ct)).Alerts;

    /// <summary>The user's alerts in <paramref name="scope"/> after their dismissals, with the signals of the scope's accounts they came from.</summary>
    /// <remarks>
    /// Every page shows the count in its header and the dashboard shows the panel, so the answer is kept
    /// (<see cref="SalesCache"/>, <see cref="CacheReads.Watch"/>) for the user, scope and day while nothing in the
    /// workspace changes: a check-in, task, order, dismissal or any other write changes its watch version.
    /// </remarks>
    public static async Task<(AlertList Alerts, IReadOnlyList<AccountSignals> Accounts)> ListWithSignalsAsync(KaminoDb db, int workspaceId, CheckinScope scope, string userId,
        DateOnly today, CancellationToken ct = default)
    {
        var watched = await SalesCache.GetAsync(db, workspaceId, new WatchKey(scope, userId, today), CacheReads.Watch, async c =>
        {
            var (all, signals) = await DeriveWithSignalsAsync(db, workspaceId, scope, userId, today, null, c);
            return new Watched(await ApplyDismissalsAsync(db, workspaceId, userId, all, today, c), signals);
        }, ct);
        return (watched.Alerts, watched.Accounts);
    }

    private sealed record WatchKey(CheckinScope Scope, string UserId, DateOnly Today);

    private sealed record Watched(AlertList Alerts, IReadOnlyList<AccountSignals> Accounts);

    private static async Task<(IReadOnlyList<Alert> Alerts, IReadOnlyList<AccountSignals> Accounts)> DeriveWithSignalsAsync(KaminoDb db, int workspaceId, CheckinScope scope,
        string userId, DateOnly today, long? onlyAccount, CancellationToken ct)
    {
        var slug = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Slug).FirstOrDefaultAsync(ct);
        if (slug is null)
        {
            return ([], []);
        }

        List<long>? inScope = scope switch
        {
            CheckinScope.Workspace => null,
            CheckinScope.Mine => await db.AccountTeamMembers.AsNoTracking()
                .Where(t => t.WorkspaceId == workspaceId && t.UserId == userId).Select(t => t.CustomerId).ToListAsync(ct),
            CheckinScope.Team => (await AccountTeams.MineAsync(db, workspaceId, userId, ct)).Select(a => a.CustomerId).ToList(),
        };
        if (onlyAccount is { } only)
        {
            inScope = inScope is null || inScope.Contains(only) ? [only] : [];
        }

        // Tasks of key accounts that are overdue on the day (open, or done only after it), in scope or assigned to the user.
        var taskRows = db.Tasks.AsNoTracking()
            .Where(t => t.WorkspaceId == workspaceId && t.CustomerId != null && t.DueDate < today)
            .Join(db.Customers.Where(c => c.WorkspaceId == workspaceId && c.IsKeyAccount), t => t.CustomerId, c => (long?)c.Id, (t, c) => t);
        if (onlyAccount is { } one)
        {
            taskRows = taskRows.Where(t => t.CustomerId == one);
        }

        if (inScope is not null)
        {
            taskRows = taskRows.Where(t => inScope.Contains(t.CustomerId!.Value) || t.AssigneeUserId == userId);
        }

        var tasks = (await taskRows.Select(t => new { t.Id, t.CustomerId, t.Title, t.DueDate, t.AssigneeUserId, t.Status, t.CompletedAt }).ToListAsync(ct))
            .Where(t => t.Status == WorkTaskStatus.Open || (t.CompletedAt is { } done && CheckinsDue.DayOf(done) > today))
            .Select(t => new OverdueTask(t.Id, t.CustomerId!.Value, t.Title, t.DueDate, t.AssigneeUserId))
            .ToList();

        var accountIds = inScope?.Union(tasks.Select(t => t.CustomerId)).ToList();
        var signals = await AccountSignalsQuery.LoadAsync(db, workspaceId, today, accountIds, ct);
        var scoped = inScope is null ? signals : signals.Where(s => inScope.Contains(s.CustomerId)).ToList();

        var keySince = await KeySinceAsync(db, workspaceId, scoped.Where(s => s.Cadence.Status == CheckinStatus.NeverContacted).Select(s => s.CustomerId).ToList(), today, ct);
        var dropSince = await RevenueDropSinceAsync(db, workspaceId, scoped.Where(s => RevenueTrend.IsDrop(s.RevenueTrend)).Select(s => s.CustomerId).ToList(), today, ct);

        var alerts = scoped.SelectMany(s => AlertRules.ForAccount(s, slug, today, keySince.GetValueOrDefault(s.CustomerId), dropSince.GetValueOrDefault(s.CustomerId))).ToList();
        var names = signals.ToDictionary(s => s.CustomerId);
        alerts.AddRange(tasks.Where(t => names.ContainsKey(t.CustomerId))
            .Select(t => AlertRules.ForTask(t, names[t.CustomerId].Key, names[t.CustomerId].Name, slug, today)));
        alerts.AddRange(await Kamino.Orders.OrderAlerts.DeriveAsync(db, workspaceId, slug, inScope, userId, today, onlyAccount, ct));
        return (AlertRules.InOrder(alerts).ToList(), scoped);
    }

    /// <summary>The day each account last became a key account (its latest designation to key on or before today).</summary>
    private static async Task<Dictionary<long, DateOnly?>> KeySinceAsync(KaminoDb db, int workspaceId, List<long> ids, DateOnly today, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        return (await db.Designations.AsNoTracking()
                .Where(d => d.WorkspaceId == workspaceId && d.IsKeyAccount && ids.Contains(d.CustomerId))
                .Select(d => new { d.CustomerId, d.At })
                .ToListAsync(ct))
            .Select(d => (d.CustomerId, Day: CheckinsDue.DayOf(d.At)))
            .Where(d => d.Day <= today)
            .GroupBy(d => d.CustomerId)
            .ToDictionary(g => g.Key, g => (DateOnly?)g.Max(d => d.Day));
    }

    /// <summary>
    /// For the accounts whose revenue is down, the first day of the fall (<see cref="AlertRules.RevenueDropSince"/>),
    /// from their daily revenue over the days it needs (<see cref="SaleDay"/>): only the falling accounts' days are read, along its key.
    /// </summary>
    private static async Task<Dictionary<long, DateOnly?>> RevenueDropSinceAsync(KaminoDb db, int workspaceId, List<long> ids, DateOnly today, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        // Sales-only, so kept while the sales do not change (SalesCache), like the health score's revenue windows.
        return await SalesCache.GetAsync(db, workspaceId, new DropKey(today, string.Join(',', ids)), async c =>
        {
            var from = RevenueTrend.Windows(today.AddDays(-AlertRules.RevenueDropLookBackDays)).EarliestDay;
            var days = await db.SaleDays.AsNoTracking()
                .Where(d => d.WorkspaceId == workspaceId && ids.Contains(d.CustomerId) && d.Date >= from && d.Date <= today)
                .Select(d => new { d.CustomerId, d.Date, Cents = d.NetCents })
                .ToListAsync(c);
            var first = await AccountSignalsQuery.FirstSaleDaysAsync(db, workspaceId, ids, c);
            var byAccount = days.ToLookup(d => d.CustomerId);
            return ids.ToDictionary(id => id, id => (DateOnly?)AlertRules.RevenueDropSince(today,
                byAccount[id].ToDictionary(d => d.Date, d => d.Cents), first.TryGetValue(id, out var f) ? f : null));
        }, ct);
    }

    /// <summary>The day and the falling accounts (ids in order) a <see cref="RevenueDropSinceAsync"/> result answers.</summary>
    private sealed record DropKey(DateOnly Today, string Accounts);
}
