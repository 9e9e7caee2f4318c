using System.Globalization;
using Kamino.Audit;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Customers;

/// <summary>One entry of a customer's designation history.</summary>
/// <param name="UserEmail">Who decided; null when the system did (a CLI run without <c>--user</c>).</param>
/// <param name="FromTier">The tier before (as named then); null when it had none.</param>
/// <param name="ToTier">The tier after; null for an undesignation.</param>
public sealed record DesignationDto(long Id, bool IsKeyAccount, string Reason, string? UserId, string? UserEmail, DateTimeOffset At, string? FromTier = null, string? ToTier = null);

/// <summary>
/// A person's decision that a customer is, or no longer is, a key account, and in which tier (PRODUCT.md §3: a
/// suggestion is never a designation). Each decision appends a <see cref="Designation"/> row (from tier → to
/// tier, reason, who, when), sets <see cref="Customer.TierId"/> and <see cref="Customer.IsKeyAccount"/> and writes an audit entry (entity <c>designation</c>); rows are never
/// updated or deleted.
/// Undesignating keeps the account's team rows: the team is inactive (no "my accounts", no team changes) while
/// the customer is not key, and is back as it was if the customer is designated again.
/// </summary>
public static class Designations
{
    /// <summary>Longest reason kept, in characters.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Null when <paramref name="reason"/> is acceptable; otherwise what is wrong with it.</summary>
    public static Said? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? Said.Of("field.reason-required")
        : reason.Trim().Length > MaxReasonLength ? Said.Of("designation.reason-too-long", MaxReasonLength)
        : null;

    /// <summary>
    /// Designates the customer a key account (<paramref name="isKeyAccount"/> true, in the first tier) or
    /// undesignates it; see <see cref="DesignateAsync"/> and <see cref="UndesignateAsync"/>.
    /// </summary>
    public static Task<ChangeResult> SetAsync(KaminoDb db, int workspaceId, long customerId, bool isKeyAccount, string reason, string? userId, TimeProvider clock,
        CancellationToken ct = default) =>
        isKeyAccount
            ? DesignateAsync(db, workspaceId, customerId, null, reason, userId, clock, ct)
            : UndesignateAsync(db, workspaceId, customerId, reason, userId, clock, ct);

    /// <summary>
    /// Designates the customer to the tier named <paramref name="tier"/> (case-insensitive; null = the first,
    /// highest tier). Every tier but the last makes it a key account. <paramref name="userId"/> is who decides:
    /// null for the system; otherwise a member whose role has <see cref="Permission.Designate"/>. Designating to
    /// the tier the customer is already in is refused.
    /// </summary>
    public static async Task<ChangeResult> DesignateAsync(KaminoDb db, int workspaceId, long customerId, string? tier, string reason, string? userId, TimeProvider clock,
        CancellationToken ct = default)
    {
        var (customer, problem) = await CheckAsync(db, workspaceId, customerId, reason, userId, ct);
        if (customer is null)
        {
            return problem!;
        }

        var tiers = await Tiers.EnsureStoredAsync(db, workspaceId, ct);
        var to = tier is null ? tiers[0] : tiers.FirstOrDefault(t => string.Equals(t.Name, tier.Trim(), StringComparison.OrdinalIgnoreCase));
        if (to is null)
        {
            return ChangeResult.Invalid(Said.Of("tier.not-found", tier, string.Join(", ", tiers.Select(t => t.Name))));
        }

        var from = CurrentTier(customer, tiers);
        if (from == to)
        {
            return ChangeResult.Invalid(to.Rank < tiers.Count ? Said.Of("designation.already-key", customer.Key, to.Name) : Said.Of("designation.already-tier", customer.Key, to.Name));
        }

        var isKey = to.Rank < tiers.Count;
        return await RecordAsync(db, customer, isKey, from?.Name, to, reason, userId, clock,
            (isKey, from) switch
            {
                (true, null) => ("designation.key", [customer.Key, to.Name]),
                (true, _) => ("designation.key-from", [customer.Key, from.Name, to.Name]),
                (false, null) => ("designation.tier", [customer.Key, to.Name]),
                _ => ("designation.tier-from", [customer.Key, to.Name, from.Name]),
            }, ct);
    }

    /// <summary>Removes the customer's designation (its tier); refused when it has none.</summary>
    public static async Task<ChangeResult> UndesignateAsync(KaminoDb db, int workspaceId, long customerId, string reason, string? userId, TimeProvider clock,
        CancellationToken ct = default)
    {
        var (customer, problem) = await CheckAsync(db, workspaceId, customerId, reason, userId, ct);
        if (customer is null)
        {
            return problem!;
        }

        var tiers = await db.Tiers.Where(t => t.WorkspaceId == workspaceId).OrderBy(t => t.Rank).ToListAsync(ct);
        var from = CurrentTier(customer, tiers);
        if (from is null && !customer.IsKeyAccount)
        {
            return ChangeResult.Invalid(Said.Of("designation.not-key", customer.Key));
        }

        return await RecordAsync(db, customer, false, from?.Name ?? Tiers.Defaults[0], null, reason, userId, clock,
            ("designation.removed", [customer.Key]), ct);
    }

    private static Tier? CurrentTier(Customer customer, List<Tier> tiers) =>
        customer.TierId is { } id ? tiers.FirstOrDefault(t => t.Id == id)
        : customer.IsKeyAccount ? tiers.FirstOrDefault() // designated before tiers existed
        : null;

    private static async Task<(Customer? Customer, ChangeResult? Problem)> CheckAsync(KaminoDb db, int workspaceId, long customerId, string reason, string? userId, CancellationToken ct)
    {
        if (ReasonProblem(reason) is { } problem)
        {
            return (null, ChangeResult.Invalid(problem));
        }

        var customer = await db.Customers.FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.Id == customerId, ct);
        if (customer is null)
        {
            return (null, ChangeResult.NotFound(Said.Of("customer.not-found")));
        }

        if (userId is not null)
        {
            var member = await Members.MembershipAsync(db, workspaceId, userId, ct);
            if (member is null || !Permissions.Allows(member.Role, Permission.Designate))
            {
                return (null, ChangeResult.Forbidden(member is null ? Said.Of("member.not-member") : Said.Of("designation.role-may-not", member.Role)));
            }
        }

        return (customer, null);
    }

    private static async Task<ChangeResult> RecordAsync(KaminoDb db, Customer customer, bool isKey, string? fromTier, Tier? to, string reason, string? userId, TimeProvider clock,
        (string Key, string[] Args) summary, CancellationToken ct)
    {
        reason = reason.Trim();
        var designation = new Designation
        {
            WorkspaceId = customer.WorkspaceId,
            Id = await db.NextIdAsync(db.Designations, customer.WorkspaceId, ct),
            CustomerId = customer.Id,
            IsKeyAccount = isKey,
            FromTier = fromTier,
            ToTier = to?.Name,
            Reason = reason,
            UserId = userId,
            At = clock.GetUtcNow(),
        };
        db.Designations.Add(designation);
        customer.IsKeyAccount = isKey;
        customer.TierId = to?.Id;
        await AuditLog.AddAsync(db, customer.WorkspaceId, userId, "designation", designation.Id.ToString(CultureInfo.InvariantCulture),
            to is null ? "undesignated" : "designated", AuditText.Of(summary.Key, [.. summary.Args, reason]), customer.Id, clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>A customer's designation history, newest first; empty for a customer of another workspace.</summary>
    public static async Task<IReadOnlyList<DesignationDto>> HistoryAsync(KaminoDb db, int workspaceId, long customerId, CancellationToken ct = default)
    {
        var rows = await (
            from d in db.Designations.AsNoTracking()
            where d.WorkspaceId == workspaceId && d.CustomerId == customerId
            join u in db.Users.AsNoTracking() on d.UserId equals u.Id into users
            from u in users.DefaultIfEmpty()
            orderby d.Id descending
            select new DesignationDto(d.Id, d.IsKeyAccount, d.Reason, d.UserId, u != null ? u.Email : null, d.At, d.FromTier, d.ToTier)).ToListAsync(ct);
        return rows;
    }
}
