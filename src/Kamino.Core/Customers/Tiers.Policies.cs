using Kamino.Audit;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Customers;

/// <summary>Each tier's policy (PRODUCT.md §3, Tier policy): read and changed, one tier at a time.</summary>
public static partial class Tiers
{
    /// <summary>
    /// The tiers with their policies, highest first: the stored ones, or the default tiers with the default policies
    /// when none are stored (nothing is written).
    /// </summary>
    public static async Task<IReadOnlyList<TierPolicyDto>> PoliciesAsync(KaminoDb db, int workspaceId, CancellationToken ct = default)
    {
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).OrderBy(t => t.Rank).ToListAsync(ct);
        if (tiers.Count == 0)
        {
            tiers = DefaultTiers(workspaceId);
        }

        return tiers.Select(t => Dto(t, tiers.Count)).ToList();
    }

    /// <summary>
    /// Changes the policy of the tier named <paramref name="name"/> (case-insensitively), storing the default tiers
    /// first when none are stored, and audits it, in one transaction. Not found: no such tier; invalid: the first of
    /// <see cref="TierPolicies.Problems(TierPolicyChange, TierPolicy)"/>. <paramref name="userId"/> null is the system.
    /// </summary>
    public static Task<ChangeResult> SetPolicyAsync(KaminoDb db, int workspaceId, string name, TierPolicyChange change, string? userId, TimeProvider clock,
        CancellationToken ct = default) =>
        SetPoliciesAsync(db, workspaceId, [(name, change)], userId, clock, ct);

    /// <summary>
    /// Changes the policies of several tiers (by name, case-insensitively) at once, as <see cref="SetPolicyAsync"/> does
    /// one: all of them in one transaction, one audit entry per tier, none when any is refused.
    /// </summary>
    public static async Task<ChangeResult> SetPoliciesAsync(KaminoDb db, int workspaceId, IReadOnlyList<(string Name, TierPolicyChange Change)> changes, string? userId,
        TimeProvider clock, CancellationToken ct = default)
    {
        var policies = await PoliciesAsync(db, workspaceId, ct);
        var named = new List<(string Name, TierPolicyChange Change)>();
        foreach (var (name, change) in changes)
        {
            var current = policies.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (current is null)
            {
                return ChangeResult.NotFound(await NoSuchTierAsync(db, workspaceId, name, ct));
            }

            if (TierPolicies.Problems(change, current.Policy) is [var first, ..])
            {
                return ChangeResult.Invalid(Said.Together([Said.Of("tier.named", current.Name), first.Why]));
            }

            named.Add((current.Name, change));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tiers = await EnsureStoredAsync(db, workspaceId, ct);
        foreach (var (name, change) in named)
        {
            var tier = tiers.Single(t => t.Name == name);
            var policy = change.ApplyTo(TierPolicy.Of(tier));
            policy.ApplyTo(tier);
            await AuditLog.AddAsync(db, workspaceId, userId, "tier", tier.Name, "policy", policy.CheckinDays is { } days
                ? AuditText.Of("tier.policy", tier.Name, days, policy.Channel, policy.DiscountMinPct, policy.DiscountMaxPct, policy.OrderPriority, policy.PromisedHours)
                : AuditText.Of("tier.policy-no-checkin", tier.Name, policy.DiscountMinPct, policy.DiscountMaxPct, policy.OrderPriority, policy.PromisedHours), null, clock, ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>"no tier 'x' (tiers: Key, Standard)".</summary>
    public static async Task<Said> NoSuchTierAsync(KaminoDb db, int workspaceId, string name, CancellationToken ct = default) =>
        Said.Of("tier.not-found", name, string.Join(", ", await NamesAsync(db, workspaceId, ct)));

    private static TierPolicyDto Dto(Tier t, int count) =>
        new(t.Name, t.Rank, t.Rank < count, t.CheckinDays, t.Channel, KeyAccounts.Normal(t.DiscountMinPct), KeyAccounts.Normal(t.DiscountMaxPct), t.OrderPriority, t.PromisedHours);
}
