using System.Globalization;
using Kamino.SignIn;
using Kamino.Audit;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Accounts;

/// <summary>One person on an account's team.</summary>
public sealed record TeamMemberDto(string UserId, string Email, string DisplayName, Role Role, Department Department, bool IsOwner)
{
    /// <summary>How the member is named to others.</summary>
    public string Name => KaminoUser.NameOf(DisplayName, Email, UserId);
}

/// <summary>
/// A customer's team, owner first. <see cref="IsKeyAccount"/> false means the team is inactive: the customer
/// was undesignated, the rows were kept, and they count again if it is designated again.
/// </summary>
public sealed record AccountTeamDto(long CustomerId, string CustomerKey, string CustomerName, bool IsKeyAccount, IReadOnlyList<TeamMemberDto> Members)
{
    public TeamMemberDto? Owner => Members.FirstOrDefault(m => m.IsOwner);
}

/// <summary>Why an account is among a user's accounts.</summary>
public enum MyAccountReason
{
    /// <summary>The user owns it.</summary>
    Owner,

    /// <summary>The user is on its team.</summary>
    Member,

    /// <summary>A KAM the user supervises (as Lead KAM) owns it.</summary>
    Supervised,
}

/// <summary>One of "my accounts".</summary>
public sealed record MyAccountDto(long CustomerId, string CustomerKey, string CustomerName, string? OwnerEmail, MyAccountReason Reason, Department? Department, string? OwnerName = null);

/// <summary>The current owner of an account as the scope rule needs it.</summary>
public sealed record AccountOwner(string UserId, Role Role, string? SupervisorUserId);

/// <summary>
/// Key-account teams: exactly one owner (a KAM, Lead KAM or Director) and members, each with a department.
/// Changes apply to key accounts only and write an audit entry (entity <c>team</c>, with the customer id).
/// An <c>actorUserId</c> of null is the system (the CLI); otherwise <see cref="MayChangeTeam"/> decides.
/// </summary>
public static class AccountTeams
{
    /// <summary>The roles that can own a key account.</summary>
    public static bool MayOwn(Role role) => role is Role.Director or Role.LeadKam or Role.Kam;

    /// <summary>
    /// Who may change an account's team: a Director always; a Lead KAM when the account has no owner, they own
    /// it, or its owner is a KAM they supervise; nobody else.
    /// </summary>
    public static bool MayChangeTeam(Role actorRole, string actorUserId, AccountOwner? owner) => actorRole switch
    {
        Role.Director => true,
        Role.LeadKam => owner is null
            || owner.UserId == actorUserId
            || (owner.Role == Role.Kam && owner.SupervisorUserId == actorUserId),
        Role.Kam or Role.Collaborator or Role.Viewer => false,
    };

    /// <summary>The team of a customer of the workspace (key account or not), or null when there is no such customer.</summary>
    public static async Task<AccountTeamDto?> GetAsync(KaminoDb db, int workspaceId, long customerId, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.Id == customerId, ct);
        if (customer is null)
        {
            return null;
        }

        var members = await (
            from t in db.AccountTeamMembers.AsNoTracking()
            where t.WorkspaceId == workspaceId && t.CustomerId == customerId
            join m in db.Memberships.AsNoTracking() on new { t.WorkspaceId, t.UserId } equals new { m.WorkspaceId, m.UserId }
            join u in db.Users.AsNoTracking() on t.UserId equals u.Id
            select new TeamMemberDto(t.UserId, u.Email ?? "", u.DisplayName, m.Role, t.Department, t.IsOwner)).ToListAsync(ct);
        return new AccountTeamDto(customer.Id, customer.Key, customer.Name, customer.IsKeyAccount,
            members.OrderByDescending(m => m.IsOwner).ThenBy(m => m.Email, StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>
    /// Makes <paramref name="userId"/> the owner. The previous owner stays on the team as a member with their
    /// department (remove them separately); a new owner not yet on the team joins with <paramref name="department"/>.
    /// </summary>
    public static async Task<ChangeResult> SetOwnerAsync(KaminoDb db, int workspaceId, long customerId, string userId, string? actorUserId, TimeProvider clock,
        Department department = Department.Sales, CancellationToken ct = default)
    {
        var (account, problem) = await LoadAsync(db, workspaceId, customerId, actorUserId, ct);
        if (problem is not null)
        {
            return problem;
        }

        var member = await Members.MembershipAsync(db, workspaceId, userId, ct);
        if (member is null)
        {
            return ChangeResult.NotFound(Said.Of("account.owner-not-member"));
        }

        var email = await Members.EmailOfAsync(db, userId, ct);
        if (!MayOwn(member.Role))
        {
            return ChangeResult.Invalid(Said.Of("account.owner-role", email, member.Role));
        }

        var previous = account!.Rows.FirstOrDefault(r => r.IsOwner);
        if (previous?.UserId == userId)
        {
            return ChangeResult.Done;
        }

        // The unique index allows one owner per account: clear the previous owner in its own statement first,
        // inside one transaction so that the reassignment is still all or nothing.
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using var transaction = ownTransaction;
        if (previous is not null)
        {
            previous.IsOwner = false;
            await db.SaveChangesAsync(ct);
        }

        var row = account.Rows.FirstOrDefault(r => r.UserId == userId);
        if (row is null)
        {
            row = new AccountTeamMember { WorkspaceId = workspaceId, CustomerId = customerId, UserId = userId, Department = department };
            db.AccountTeamMembers.Add(row);
        }

        row.IsOwner = true;
        var from = previous is null ? "none" : await Members.EmailOfAsync(db, previous.UserId, ct);
        await AuditAsync(db, workspaceId, customerId, actorUserId, "owner", AuditText.Of("team.owner", account.Key, from, email), clock, ct);
        await db.SaveChangesAsync(ct);
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(ct);
        }

        return ChangeResult.Done;
    }

    /// <summary>Adds a workspace member to the team with a department, or changes the department of one already on it.</summary>
    public static async Task<ChangeResult> SetMemberAsync(KaminoDb db, int workspaceId, long customerId, string userId, Department department, string? actorUserId, TimeProvider clock, CancellationToken ct = default)
    {
        var (account, problem) = await LoadAsync(db, workspaceId, customerId, actorUserId, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (await Members.MembershipAsync(db, workspaceId, userId, ct) is null)
        {
            return ChangeResult.NotFound(Said.Of("member.not-member"));
        }

        var email = await Members.EmailOfAsync(db, userId, ct);
        var row = account!.Rows.FirstOrDefault(r => r.UserId == userId);
        if (row is null)
        {
            db.AccountTeamMembers.Add(new AccountTeamMember { WorkspaceId = workspaceId, CustomerId = customerId, UserId = userId, Department = department });
            await AuditAsync(db, workspaceId, customerId, actorUserId, "member-added", AuditText.Of("team.member-added", account.Key, email, department), clock, ct);
        }
        else if (row.Department != department)
        {
            await AuditAsync(db, workspaceId, customerId, actorUserId, "department", AuditText.Of("team.department", account.Key, email, row.Department, department), clock, ct);
            row.Department = department;
        }
        else
        {
            return ChangeResult.Done;
        }

        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>Takes someone off the team. The owner cannot be removed: set another owner first.</summary>
    public static async Task<ChangeResult> RemoveMemberAsync(KaminoDb db, int workspaceId, long customerId, string userId, string? actorUserId, TimeProvider clock, CancellationToken ct = default)
    {
        var (account, problem) = await LoadAsync(db, workspaceId, customerId, actorUserId, ct, requireKeyAccount: false);
        if (problem is not null)
        {
            return problem;
        }

        var email = await Members.EmailOfAsync(db, userId, ct);
        var row = account!.Rows.FirstOrDefault(r => r.UserId == userId);
        if (row is null)
        {
            return ChangeResult.NotFound(Said.Of("account.not-on-team", email, account.Key));
        }

        if (row.IsOwner)
        {
            return ChangeResult.Invalid(Said.Of("account.owner-stays", email, account.Key));
        }

        db.AccountTeamMembers.Remove(row);
        await AuditAsync(db, workspaceId, customerId, actorUserId, "member-removed", AuditText.Of("team.member-removed", account.Key, email, row.Department), clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>
    /// A user's key accounts: those whose team they are on and, for a Lead KAM, those owned by the KAMs they
    /// supervise. Customers no longer designated are left out. Empty for a non-member.
    /// </summary>
    public static async Task<IReadOnlyList<MyAccountDto>> MineAsync(KaminoDb db, int workspaceId, string userId, CancellationToken ct = default)
    {
        var me = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);
        if (me is null)
        {
            return [];
        }

        var supervised = me.Role == Role.LeadKam
            ? await db.Memberships.Where(m => m.WorkspaceId == workspaceId && m.SupervisorUserId == userId && m.Role == Role.Kam).Select(m => m.UserId).ToListAsync(ct)
            : [];
        var rows = await (
            from t in db.AccountTeamMembers.AsNoTracking()
            where t.WorkspaceId == workspaceId && (t.UserId == userId || (t.IsOwner && supervised.Contains(t.UserId)))
            join c in db.Customers.AsNoTracking() on new { t.WorkspaceId, Id = t.CustomerId } equals new { c.WorkspaceId, c.Id }
            where c.IsKeyAccount
            select new { c.Id, c.Key, c.Name, t.UserId, t.IsOwner, t.Department }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).Distinct().ToList();
        var owners = await (
            from t in db.AccountTeamMembers.AsNoTracking()
            where t.WorkspaceId == workspaceId && t.IsOwner && ids.Contains(t.CustomerId)
            join u in db.Users.AsNoTracking() on t.UserId equals u.Id
            select new { t.CustomerId, t.UserId, u.Email, u.DisplayName }).ToListAsync(ct);
        var ownerOf = owners.ToDictionary(o => o.CustomerId);

        return rows
            .GroupBy(r => r.Id)
            .Select(g =>
            {
                var mine = g.FirstOrDefault(r => r.UserId == userId);
                var any = g.First();
                var reason = mine is null ? MyAccountReason.Supervised : mine.IsOwner ? MyAccountReason.Owner : MyAccountReason.Member;
                var owner = ownerOf.GetValueOrDefault(any.Id);
                return new MyAccountDto(any.Id, any.Key, any.Name, owner?.Email, reason, mine?.Department,
                    owner is null ? null : KaminoUser.NameOf(owner.DisplayName, owner.Email, owner.UserId));
            })
            .OrderBy(a => a.CustomerName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(a => a.CustomerKey, StringComparer.Ordinal)
            .ToList();
    }

    private sealed record LoadedAccount(string Key, List<AccountTeamMember> Rows);

    /// <summary>Loads the customer's team rows (tracked) after checking the customer and the actor's scope.</summary>
    private static async Task<(LoadedAccount? Account, ChangeResult? Problem)> LoadAsync(KaminoDb db, int workspaceId, long customerId, string? actorUserId, CancellationToken ct,
        bool requireKeyAccount = true)
    {
        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId && c.Id == customerId)
            .Select(c => new { c.Key, c.IsKeyAccount })
            .FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            return (null, ChangeResult.NotFound(Said.Of("customer.not-found")));
        }

        var rows = await db.AccountTeamMembers.Where(t => t.WorkspaceId == workspaceId && t.CustomerId == customerId).ToListAsync(ct);
        if (actorUserId is not null)
        {
            var actor = await Members.MembershipAsync(db, workspaceId, actorUserId, ct);
            if (actor is null)
            {
                return (null, ChangeResult.Forbidden(Said.Of("member.not-member")));
            }

            AccountOwner? owner = null;
            if (rows.FirstOrDefault(r => r.IsOwner) is { } o)
            {
                var m = await Members.MembershipAsync(db, workspaceId, o.UserId, ct);
                owner = new AccountOwner(o.UserId, m!.Role, m.SupervisorUserId);
            }

            if (!Permissions.Allows(actor.Role, Permission.ManageAccountTeams) || !MayChangeTeam(actor.Role, actorUserId, owner))
            {
                return (null, ChangeResult.Forbidden(Said.Of("account.team-role-may-not", actor.Role, customer.Key)));
            }
        }

        if (requireKeyAccount && !customer.IsKeyAccount)
        {
            return (null, ChangeResult.Invalid(Said.Of("account.not-key", customer.Key)));
        }

        return (new LoadedAccount(customer.Key, rows), null);
    }

    private static Task AuditAsync(KaminoDb db, int workspaceId, long customerId, string? actorUserId, string action, AuditText summary, TimeProvider clock, CancellationToken ct) =>
        AuditLog.AddAsync(db, workspaceId, actorUserId, "team", customerId.ToString(CultureInfo.InvariantCulture), action, summary, customerId, clock, ct);
}
