using Kamino.Activities;
using Kamino.Analysis;
using Kamino.Data;
using Kamino.People;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Accounts;

/// <summary>
/// One person who owns key accounts, and what that asks of them. <see cref="Name"/> is the display name (the email when
/// there is none). <see cref="Revenue"/> is the sum of their key accounts' revenue over the report's period, <see cref="Share"/>
/// its part of the workspace's total revenue (0..1, 6 decimals; null when the total is ≤ 0). Check-ins: <see cref="CheckinsDue"/>
/// due soon or never contacted (due now), <see cref="CheckinsOverdue"/> past due. Tasks: assigned to them and open, of which
/// <see cref="OverdueTasks"/> are past their due date. <see cref="OverCapacity"/>: more key accounts than one KAM can serve.
/// </summary>
public sealed record WorkloadRow(
    string UserId,
    string Name,
    Role? Role,
    int KeyAccounts,
    decimal Revenue,
    decimal? Share,
    int CheckinsDue,
    int CheckinsOverdue,
    int OpenTasks,
    int OverdueTasks,
    bool OverCapacity);

/// <summary>
/// The key accounts' load per owner (issue 17): one row per person who owns at least one key account, most key accounts first
/// (then by name). <see cref="Unowned"/> key accounts have no owner yet. Money in <see cref="Currency"/> over <see cref="Period"/>
/// (the default period: the 12 months up to the latest sale).
/// </summary>
public sealed record WorkloadReport(
    PeriodDto Period,
    string Currency,
    decimal TotalRevenue,
    int KamCapacity,
    int KeyAccounts,
    int Unowned,
    IReadOnlyList<WorkloadRow> People);

/// <summary>The workload query: owners from the account teams, revenue from the one revenue query, cadence from <see cref="CheckinsDue"/>, tasks from <see cref="TaskQueries"/>.</summary>
public static class Workload
{
    /// <summary>Whether one person carries more key accounts than the capacity setting allows.</summary>
    public static bool IsOverCapacity(int keyAccounts, int kamCapacity) => keyAccounts > kamCapacity;

    /// <summary>
    /// The report on <paramref name="today"/> (the workspace's day), or null when the workspace does not exist. With
    /// <paramref name="onlyUserId"/>, only that person's row (a KAM sees their own load); the totals stay the workspace's.
    /// </summary>
    public static async Task<WorkloadReport?> GetAsync(KaminoDb db, int workspaceId, DateOnly today, string? onlyUserId = null, CancellationToken ct = default)
    {
        var ws = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => new { w.Currency, w.KamCapacity }).FirstOrDefaultAsync(ct);
        if (ws is null)
        {
            return null;
        }

        var keyAccounts = await db.Customers.AsNoTracking().Where(c => c.WorkspaceId == workspaceId && c.IsKeyAccount).Select(c => c.Id).ToListAsync(ct);
        var owners = await (
            from t in db.AccountTeamMembers.AsNoTracking()
            where t.WorkspaceId == workspaceId && t.IsOwner
            join c in db.Customers.AsNoTracking() on new { t.WorkspaceId, Id = t.CustomerId } equals new { c.WorkspaceId, c.Id }
            where c.IsKeyAccount
            select new { t.CustomerId, t.UserId }).ToListAsync(ct);
        var ownerOf = owners.ToDictionary(o => o.CustomerId, o => o.UserId);

        var period = await ParetoQuery.ResolvePeriodAsync(db, workspaceId, new ParetoRequest(), ct);
        var revenues = await AnalysisQueries.RevenuesAsync(db, workspaceId, period, ct);
        var total = revenues.Sum(r => r.Revenue);
        var revenueOf = revenues.ToDictionary(r => r.CustomerId, r => r.Revenue);

        var cadences = await CheckinsDue.CadencesAsync(db, workspaceId, today, null, ct);
        var openTasks = await db.Tasks.AsNoTracking().Open()
            .Where(t => t.WorkspaceId == workspaceId)
            .GroupBy(t => t.AssigneeUserId)
            .Select(g => new { UserId = g.Key, Open = g.Count(), Overdue = g.Count(t => t.DueDate < today) })
            .ToListAsync(ct);
        var tasksOf = openTasks.ToDictionary(t => t.UserId, StringComparer.Ordinal);

        var userIds = owners.Select(o => o.UserId).Distinct(StringComparer.Ordinal).Where(u => onlyUserId is null || u == onlyUserId).ToList();
        var people = await (
            from u in db.Users.AsNoTracking()
            where userIds.Contains(u.Id)
            join m in db.Memberships.AsNoTracking().Where(m => m.WorkspaceId == workspaceId) on u.Id equals m.UserId into ms
            from m in ms.DefaultIfEmpty()
            select new { u.Id, u.DisplayName, u.Email, Role = m == null ? (Role?)null : m.Role }).ToListAsync(ct);

        var rows = people.Select(p =>
        {
            var owned = owners.Where(o => o.UserId == p.Id).Select(o => o.CustomerId).ToList();
            var revenue = owned.Sum(id => revenueOf.GetValueOrDefault(id));
            var mine = cadences.Where(c => ownerOf.GetValueOrDefault(c.Id) == p.Id).ToList();
            var tasks = tasksOf.GetValueOrDefault(p.Id);
            return new WorkloadRow(
                p.Id,
                ActivityLog.PersonName(p.DisplayName, p.Email) ?? p.Id,
                p.Role,
                owned.Count,
                ReportNumbers.Money(revenue),
                total > 0m ? ReportNumbers.Share(revenue / total) : null,
                mine.Count(c => c.State.Status is CheckinStatus.DueSoon or CheckinStatus.NeverContacted),
                mine.Count(c => c.State.Status == CheckinStatus.Overdue),
                tasks?.Open ?? 0,
                tasks?.Overdue ?? 0,
                IsOverCapacity(owned.Count, ws.KamCapacity));
        })
            .OrderByDescending(r => r.KeyAccounts)
            .ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(r => r.UserId, StringComparer.Ordinal)
            .ToList();

        return new WorkloadReport(new PeriodDto(period?.From, period?.To), ws.Currency, ReportNumbers.Money(total), ws.KamCapacity, keyAccounts.Count,
            keyAccounts.Count(id => !ownerOf.ContainsKey(id)), rows);
    }
}
