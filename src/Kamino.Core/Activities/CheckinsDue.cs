using Kamino.Accounts;
using Kamino.Customers;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Activities;

/// <summary>Whose key accounts a "check-ins due" list covers.</summary>
public enum CheckinScope
{
    /// <summary>Accounts whose team the user is on, as owner or member.</summary>
    Mine,

    /// <summary>"My accounts": mine and, for a Lead KAM, those owned by the KAMs they supervise.</summary>
    Team,

    /// <summary>Every key account of the workspace.</summary>
    Workspace,
}

/// <summary>One key account in a "check-ins due" list (JSON as the CLI and the API print it).</summary>
/// <param name="CustomerId">The customer's key (tax id or the source's customer id).</param>
/// <param name="Owner">The owner's email; null when the account has no owner.</param>
/// <param name="LastCheckin">Day of the latest check-in; null when never contacted.</param>
/// <param name="NextDue">Day the next check-in is due; null when never contacted (due now).</param>
public sealed record CheckinDue(string CustomerId, string Name, string Tier, string? Owner, DateOnly? LastCheckin, DateOnly? NextDue, CheckinStatus Status, int DaysOverdue);

/// <summary>A key account's cadence with what the reminders and the calendar need: its id and its owner's user id.</summary>
public sealed record AccountCadence(long Id, string Key, string Name, string Tier, string? OwnerUserId, string? OwnerEmail, CadenceState State)
{
    public CheckinDue AsDue() => new(Key, Name, Tier, OwnerEmail, State.LastCheckin, State.NextDue, State.Status!.Value, State.DaysOverdue);

    /// <summary>The day the check-in is due as a calendar shows it: the due day, or <paramref name="today"/> when overdue or never contacted.</summary>
    public DateOnly DueOn(DateOnly today) => State.NextDue is { } next && next > today ? next : today;
}

/// <summary>
/// "Check-ins due" (PRODUCT.md §3, Cadence): the key accounts whose tier has a cadence (or whose last check-in set
/// the next one), each with <see cref="Cadence.Of"/> on a given day. The latest check-in (by time) counts; its
/// <see cref="Activity.NextCheckinOn"/> is the explicit next date. The interval is the tier's
/// <see cref="Tier.CheckinDays"/>; with no tiers stored, the default policy (top tier 30 days, others none).
/// </summary>
public static class CheckinsDue
{
    /// <summary>The list for <paramref name="scope"/> as seen by <paramref name="userId"/>, most overdue first (<see cref="InDueOrder"/>).</summary>
    public static async Task<IReadOnlyList<CheckinDue>> ListAsync(KaminoDb db, int workspaceId, CheckinScope scope, string userId, DateOnly today, CancellationToken ct = default)
    {
        var accounts = await CadencesAsync(db, workspaceId, today, await ScopeAsync(db, workspaceId, scope, userId, ct), ct);
        return InDueOrder(accounts, a => a.AsDue()).Select(a => a.AsDue()).ToList();
    }

    /// <summary>The customer ids <paramref name="scope"/> covers for <paramref name="userId"/>; null for the whole workspace.</summary>
    public static async Task<IReadOnlyCollection<long>?> ScopeAsync(KaminoDb db, int workspaceId, CheckinScope scope, string userId, CancellationToken ct = default) => scope switch
    {
        CheckinScope.Workspace => null,
        CheckinScope.Mine => await db.AccountTeamMembers.AsNoTracking()
            .Where(t => t.WorkspaceId == workspaceId && t.UserId == userId).Select(t => t.CustomerId).ToListAsync(ct),
        CheckinScope.Team => (await AccountTeams.MineAsync(db, workspaceId, userId, ct)).Select(a => a.CustomerId).ToList(),
    };

    /// <summary>Never contacted first, then by days overdue (most first), then by next due day, then by name and key.</summary>
    public static IEnumerable<T> InDueOrder<T>(IEnumerable<T> rows, Func<T, CheckinDue> due) =>
        rows.Select(r => (Row: r, Due: due(r)))
            .OrderByDescending(r => r.Due.Status == CheckinStatus.NeverContacted)
            .ThenByDescending(r => r.Due.DaysOverdue)
            .ThenBy(r => r.Due.NextDue)
            .ThenBy(r => r.Due.Name, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(r => r.Due.CustomerId, StringComparer.Ordinal)
            .Select(r => r.Row);

    /// <summary>
    /// The cadence on <paramref name="today"/> of the workspace's key accounts that have one (all of them, or those
    /// of <paramref name="customerIds"/>), in no particular order.
    /// </summary>
    public static async Task<IReadOnlyList<AccountCadence>> CadencesAsync(KaminoDb db, int workspaceId, DateOnly today, IReadOnlyCollection<long>? customerIds = null,
        CancellationToken ct = default)
    {
        var customers = db.Customers.AsNoTracking().Where(c => c.WorkspaceId == workspaceId && c.IsKeyAccount);
        if (customerIds is not null)
        {
            customers = customers.Where(c => customerIds.Contains(c.Id));
        }

        var keyAccounts = await customers.Select(c => new { c.Id, c.Key, c.Name, c.TierId }).ToListAsync(ct);
        if (keyAccounts.Count == 0)
        {
            return [];
        }

        var ids = keyAccounts.Select(c => c.Id).ToList();
        var tiers = await PoliciesAsync(db, workspaceId, ct);
        var checkins = await db.Activities.AsNoTracking()
            .Where(a => a.WorkspaceId == workspaceId && a.IsCheckin && ids.Contains(a.CustomerId))
            .Select(a => new { a.CustomerId, a.Id, a.At, a.NextCheckinOn })
            .ToListAsync(ct);
        var latest = checkins.GroupBy(a => a.CustomerId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).First());
        var owners = await (
            from t in db.AccountTeamMembers.AsNoTracking()
            where t.WorkspaceId == workspaceId && t.IsOwner && ids.Contains(t.CustomerId)
            join u in db.Users.AsNoTracking() on t.UserId equals u.Id
            select new { t.CustomerId, t.UserId, u.Email }).ToListAsync(ct);
        var ownerOf = owners.ToDictionary(o => o.CustomerId);

        var result = new List<AccountCadence>();
        foreach (var c in keyAccounts)
        {
            var tier = tiers.FirstOrDefault(t => t.Id == c.TierId) ?? tiers[0];
            var last = latest.GetValueOrDefault(c.Id);
            var state = Cadence.Of(last is null ? null : DayOf(last.At), last?.NextCheckinOn, tier.CheckinDays, today);
            if (state.Status is null)
            {
                continue;
            }

            var owner = ownerOf.GetValueOrDefault(c.Id);
            result.Add(new AccountCadence(c.Id, c.Key, c.Name, tier.Name, owner?.UserId, owner?.Email, state));
        }

        return result;
    }

    /// <summary>The day of a check-in: its UTC date, so both engines give the same day.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>The tiers with their policies, highest first: the stored ones, else the defaults (not stored).</summary>
    internal static async Task<IReadOnlyList<Tier>> PoliciesAsync(KaminoDb db, int workspaceId, CancellationToken ct)
    {
        var stored = await db.Tiers.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).OrderBy(t => t.Rank).ToListAsync(ct);
        if (stored.Count > 0)
        {
            return stored;
        }

        return Tiers.Defaults.Select((name, i) =>
        {
            var tier = new Tier { WorkspaceId = workspaceId, Id = i + 1, Name = name, Rank = i + 1 };
            tier.ApplyDefaultPolicy(top: i == 0);
            return tier;
        }).ToList();
    }
}
