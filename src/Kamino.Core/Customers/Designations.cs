using System.Globalization;
using Kamino.Audit;
using Kamino.Data;
using Kamino.Team;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Customers;

/// <summary>One entry of a customer's designation history.</summary>
/// <param name="UserEmail">Who decided; null when the system did (a CLI run without <c>--user</c>).</param>
public sealed record DesignationDto(long Id, bool IsKeyAccount, string Reason, string? UserId, string? UserEmail, DateTimeOffset At);

/// <summary>
/// A person's decision that a customer is, or no longer is, a key account (PRODUCT.md §3: a suggestion is
/// never a designation). Each decision appends a <see cref="Designation"/> row, sets
/// <see cref="Customer.IsKeyAccount"/> and writes an audit entry (entity <c>designation</c>); rows are never
/// updated or deleted.
/// Undesignating keeps the account's team rows: the team is inactive (no "my accounts", no team changes) while
/// the customer is not key, and is back as it was if the customer is designated again.
/// </summary>
public static class Designations
{
    /// <summary>Longest reason kept, in characters.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Null when <paramref name="reason"/> is acceptable; otherwise what is wrong with it.</summary>
    public static string? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "a reason is required"
        : reason.Trim().Length > MaxReasonLength ? $"the reason is longer than {MaxReasonLength} characters"
        : null;

    /// <summary>
    /// Designates the customer a key account (<paramref name="isKeyAccount"/> true) or undesignates it.
    /// <paramref name="userId"/> is who decides: null for the system; otherwise a member whose role has
    /// <see cref="Permission.Designate"/>. Asking for the state the customer is already in is refused.
    /// </summary>
    public static async Task<ChangeResult> SetAsync(KaminoDb db, int workspaceId, long customerId, bool isKeyAccount, string reason, string? userId, TimeProvider clock,
        CancellationToken ct = default)
    {
        if (ReasonProblem(reason) is { } problem)
        {
            return ChangeResult.Invalid(problem);
        }

        var customer = await db.Customers.FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.Id == customerId, ct);
        if (customer is null)
        {
            return ChangeResult.NotFound("no such customer in this workspace");
        }

        if (userId is not null)
        {
            var member = await Members.MembershipAsync(db, workspaceId, userId, ct);
            if (member is null || !Permissions.Allows(member.Role, Permission.Designate))
            {
                return ChangeResult.Forbidden(member is null ? "not a member of this workspace" : $"a {member.Role} may not designate key accounts");
            }
        }

        if (customer.IsKeyAccount == isKeyAccount)
        {
            return ChangeResult.Invalid(isKeyAccount ? $"{customer.Key} is already a key account" : $"{customer.Key} is not a key account");
        }

        reason = reason.Trim();
        var designation = new Designation
        {
            WorkspaceId = workspaceId,
            Id = await db.NextIdAsync(db.Designations, workspaceId, ct),
            CustomerId = customerId,
            IsKeyAccount = isKeyAccount,
            Reason = reason,
            UserId = userId,
            At = clock.GetUtcNow(),
        };
        db.Designations.Add(designation);
        customer.IsKeyAccount = isKeyAccount;
        await AuditLog.AddAsync(db, workspaceId, userId, "designation", designation.Id.ToString(CultureInfo.InvariantCulture),
            isKeyAccount ? "designated" : "undesignated",
            $"{customer.Key} {(isKeyAccount ? "designated a key account" : "no longer a key account")}: {reason}", customerId, clock, ct);
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
            select new DesignationDto(d.Id, d.IsKeyAccount, d.Reason, d.UserId, u != null ? u.Email : null, d.At)).ToListAsync(ct);
        return rows;
    }
}
