using Kamino.Audit;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Customers;

/// <summary>
/// "Referred by" between customers of one workspace (PRODUCT.md §3): the referred customers' revenue is the
/// evidence for the referrer's contacts criterion. Changing or clearing a referral is audited; who may is who
/// may rate the referred customer (<see cref="Ratings.MayRate"/>).
/// </summary>
public static class Referrals
{
    /// <summary>
    /// Null when <paramref name="customer"/> may be recorded as referred by <paramref name="referrer"/>, given the
    /// current referrals (customer → referrer); otherwise why not (itself, or a cycle).
    /// </summary>
    public static Said? Problem(long customer, long referrer, IReadOnlyDictionary<long, long> referredBy)
    {
        if (customer == referrer)
        {
            return Said.Of("referral.self");
        }

        // Walk up from the referrer: reaching the customer means it (indirectly) referred its own referrer.
        var seen = new HashSet<long>();
        for (var at = referrer; referredBy.TryGetValue(at, out var up) && seen.Add(at); at = up)
        {
            if (up == customer)
            {
                return Said.Of("referral.cycle");
            }
        }

        return null;
    }

    /// <summary>Records that <paramref name="customerId"/> was referred by <paramref name="referrerId"/>, or clears it (null).</summary>
    public static async Task<ChangeResult> SetAsync(KaminoDb db, int workspaceId, long customerId, long? referrerId, string? userId, TimeProvider clock, CancellationToken ct = default)
    {
        var keys = await db.Customers.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId && (c.Id == customerId || c.Id == referrerId))
            .ToDictionaryAsync(c => c.Id, c => c.Key, ct);
        if (!keys.TryGetValue(customerId, out var key) || (referrerId is { } r && !keys.ContainsKey(r)))
        {
            return ChangeResult.NotFound("no such customer in this workspace");
        }

        if (userId is not null)
        {
            var member = await Members.MembershipAsync(db, workspaceId, userId, ct);
            var onTeam = await db.AccountTeamMembers.AnyAsync(m => m.WorkspaceId == workspaceId && m.CustomerId == customerId && m.UserId == userId, ct);
            if (member is null || !Ratings.MayRate(member.Role, onTeam))
            {
                return ChangeResult.Forbidden(member is null ? "not a member of this workspace" : $"a {member.Role} may not record who referred {key}");
            }
        }

        var existing = await db.Referrals.FirstOrDefaultAsync(x => x.WorkspaceId == workspaceId && x.CustomerId == customerId, ct);
        if (referrerId is null)
        {
            if (existing is null)
            {
                return ChangeResult.Invalid($"{key} has no referrer recorded");
            }

            db.Referrals.Remove(existing);
            await AuditLog.AddAsync(db, workspaceId, userId, "referral", key, "cleared", AuditText.Of("referral.cleared", key), customerId, clock, ct);
            await db.SaveChangesAsync(ct);
            return ChangeResult.Done;
        }

        var all = await db.Referrals.AsNoTracking().Where(x => x.WorkspaceId == workspaceId)
            .ToDictionaryAsync(x => x.CustomerId, x => x.ReferredByCustomerId, ct);
        if (Problem(customerId, referrerId.Value, all) is { } problem)
        {
            return ChangeResult.Invalid(problem);
        }

        if (existing is null)
        {
            db.Referrals.Add(new Referral { WorkspaceId = workspaceId, CustomerId = customerId, ReferredByCustomerId = referrerId.Value, UserId = userId, At = clock.GetUtcNow() });
        }
        else
        {
            existing.ReferredByCustomerId = referrerId.Value;
            existing.UserId = userId;
            existing.At = clock.GetUtcNow();
        }

        await AuditLog.AddAsync(db, workspaceId, userId, "referral", key, "set", AuditText.Of("referral.set", key, keys[referrerId.Value]), customerId, clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>Most referrer choices a page offers; any other customer is entered by its key.</summary>
    public const int MaxChoices = 500;

    /// <summary>
    /// The customers a page offers as referrer, name by key: the workspace's key accounts (at most
    /// <see cref="MaxChoices"/>, by name) and the current referrer <paramref name="referrerKey"/>. Not every customer:
    /// a workspace has tens of thousands, too many for one page.
    /// </summary>
    public static async Task<Dictionary<string, string>> ChoicesAsync(KaminoDb db, int workspaceId, string? referrerKey, CancellationToken ct = default) =>
        await db.Customers.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId && (c.IsKeyAccount || c.Key == referrerKey))
            .OrderByDescending(c => c.Key == referrerKey).ThenBy(c => c.Name).ThenBy(c => c.Key)
            .Take(MaxChoices + 1)
            .ToDictionaryAsync(c => c.Key, c => c.Name, StringComparer.Ordinal, ct);
}
