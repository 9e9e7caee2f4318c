using System.Globalization;
using Kamino.SignIn;
using Kamino.Accounts;
using Kamino.Audit;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.People;

/// <summary>A member of a workspace as lists show it.</summary>
/// <param name="SupervisorUserId">The Lead KAM supervising this member (KAMs only).</param>
/// <param name="Disabled">The user account is disabled: it cannot sign in anywhere.</param>
public sealed record MemberDto(string UserId, string Email, string DisplayName, Role Role, string? SupervisorUserId, string? SupervisorEmail, bool Disabled)
{
    /// <summary>How the member is named to others.</summary>
    public string Name => KaminoUser.NameOf(DisplayName, Email, UserId);
}

/// <summary>A workspace a user belongs to, with their role there.</summary>
public sealed record UserWorkspaceDto(int WorkspaceId, string Slug, string Name, Role Role);

/// <summary>
/// The people of a workspace: roles, supervisors, removal (invitations are <see cref="Invitations"/>). Every change writes an audit entry
/// (entity <c>member</c>). An <c>actorUserId</c> of null is the system (the CLI run by whoever holds the
/// database); otherwise the actor must be a member whose role has <see cref="Permission.ManageMembers"/>.
/// Nothing here reads or changes a record of another workspace.
/// </summary>
public static class Members
{
    /// <summary>The members of a workspace, by email.</summary>
    public static async Task<IReadOnlyList<MemberDto>> ListAsync(KaminoDb db, int workspaceId, CancellationToken ct = default)
    {
        var rows = await (
            from m in db.Memberships.AsNoTracking()
            where m.WorkspaceId == workspaceId
            join u in db.Users.AsNoTracking() on m.UserId equals u.Id
            select new { m.UserId, u.Email, u.DisplayName, m.Role, m.SupervisorUserId, u.DisabledAt }).ToListAsync(ct);
        var emails = rows.ToDictionary(r => r.UserId, r => r.Email ?? "", StringComparer.Ordinal);
        return rows
            .Select(r => new MemberDto(r.UserId, r.Email ?? "", r.DisplayName, r.Role, r.SupervisorUserId,
                r.SupervisorUserId is { } s && emails.TryGetValue(s, out var e) ? e : null, r.DisabledAt is not null))
            .OrderBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.UserId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The workspaces a user belongs to, by slug.</summary>
    public static async Task<IReadOnlyList<UserWorkspaceDto>> WorkspacesOfAsync(KaminoDb db, string userId, CancellationToken ct = default)
    {
        var rows = await (
            from m in db.Memberships.AsNoTracking()
            where m.UserId == userId
            join w in db.Workspaces.AsNoTracking() on m.WorkspaceId equals w.Id
            select new UserWorkspaceDto(w.Id, w.Slug, w.Name, m.Role)).ToListAsync(ct);
        return rows.OrderBy(w => w.Slug, StringComparer.Ordinal).ToList();
    }

    /// <summary>The id of the user with this email (any workspace), or null.</summary>
    public static async Task<string?> FindUserIdAsync(KaminoDb db, string email, CancellationToken ct = default)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The user's membership in the workspace, or null when they are not a member.</summary>
    public static Task<Membership?> MembershipAsync(KaminoDb db, int workspaceId, string userId, CancellationToken ct = default) =>
        db.Memberships.FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);

    /// <summary>Makes an existing user a member (after <c>users add</c> or an accepted invitation).</summary>
    public static async Task<ChangeResult> AddAsync(KaminoDb db, int workspaceId, string userId, Role role, string? actorUserId, TimeProvider clock, CancellationToken ct = default)
    {
        if (await RefuseAsync(db, workspaceId, actorUserId, ct) is { } refused)
        {
            return refused;
        }

        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (email is null)
        {
            return ChangeResult.NotFound(Said.Of("member.no-user", userId));
        }

        if (await MembershipAsync(db, workspaceId, userId, ct) is not null)
        {
            return ChangeResult.Invalid(Said.Of("member.already-member", email));
        }

        db.Memberships.Add(new Membership { WorkspaceId = workspaceId, UserId = userId, Role = role, CreatedAt = clock.GetUtcNow() });
        await AuditLog.AddAsync(db, workspaceId, actorUserId, "member", userId, "added", AuditText.Of("member.added", email, role), null, clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>
    /// Changes a member's role. Refused for the last Director, and for an owner of key accounts moving to a
    /// role that cannot own one. Leaving the KAM role clears the supervisor; leaving the Lead KAM role clears
    /// it on the KAMs they supervised.
    /// </summary>
    public static async Task<ChangeResult> ChangeRoleAsync(KaminoDb db, int workspaceId, string userId, Role role, string? actorUserId, TimeProvider clock, CancellationToken ct = default)
    {
        if (await RefuseAsync(db, workspaceId, actorUserId, ct) is { } refused)
        {
            return refused;
        }

        var member = await MembershipAsync(db, workspaceId, userId, ct);
        if (member is null)
        {
            return ChangeResult.NotFound(Said.Of("member.not-member"));
        }

        if (member.Role == role)
        {
            return ChangeResult.Done;
        }

        var email = await EmailOfAsync(db, userId, ct);
        if (member.Role == Role.Director && await DirectorCountAsync(db, workspaceId, ct) == 1)
        {
            return ChangeResult.Invalid(Said.Of("member.last-director", email));
        }

        if (!AccountTeams.MayOwn(role))
        {
            var owned = await db.AccountTeamMembers.CountAsync(t => t.WorkspaceId == workspaceId && t.UserId == userId && t.IsOwner, ct);
            if (owned > 0)
            {
                return ChangeResult.Invalid(Said.Of("member.owner-of-role", email, owned, role));
            }
        }

        var from = member.Role;
        member.Role = role;
        if (from == Role.Kam && member.SupervisorUserId is not null)
        {
            member.SupervisorUserId = null;
        }

        if (from == Role.LeadKam)
        {
            await ReleaseSupervisedAsync(db, workspaceId, userId, email, actorUserId, clock, ct);
        }

        await AuditLog.AddAsync(db, workspaceId, actorUserId, "member", userId, "role", AuditText.Of("member.role", email, from, role), null, clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>Sets (or, with a null <paramref name="leadUserId"/>, clears) the Lead KAM supervising a KAM of the same workspace.</summary>
    public static async Task<ChangeResult> SetSupervisorAsync(KaminoDb db, int workspaceId, string kamUserId, string? leadUserId, string? actorUserId, TimeProvider clock, CancellationToken ct = default)
    {
        if (await RefuseAsync(db, workspaceId, actorUserId, ct) is { } refused)
        {
            return refused;
        }

        var kam = await MembershipAsync(db, workspaceId, kamUserId, ct);
        if (kam is null)
        {
            return ChangeResult.NotFound(Said.Of("member.not-member"));
        }

        var kamEmail = await EmailOfAsync(db, kamUserId, ct);
        if (kam.Role != Role.Kam)
        {
            return ChangeResult.Invalid(Said.Of("member.supervised-not-kam", kamEmail, kam.Role));
        }

        string? leadEmail = null;
        if (leadUserId is not null)
        {
            var lead = await MembershipAsync(db, workspaceId, leadUserId, ct);
            if (lead is null)
            {
                return ChangeResult.NotFound(Said.Of("member.supervisor-not-member"));
            }

            leadEmail = await EmailOfAsync(db, leadUserId, ct);
            if (lead.Role != Role.LeadKam)
            {
                return ChangeResult.Invalid(Said.Of("member.supervisor-not-lead", leadEmail, lead.Role));
            }
        }

        if (kam.SupervisorUserId == leadUserId)
        {
            return ChangeResult.Done;
        }

        var previous = kam.SupervisorUserId is { } p ? await EmailOfAsync(db, p, ct) : "none";
        kam.SupervisorUserId = leadUserId;
        await AuditLog.AddAsync(db, workspaceId, actorUserId, "member", kamUserId, "supervisor",
            AuditText.Of("member.supervisor", kamEmail, previous, leadEmail ?? "none"), null, clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>
    /// Removes a member from the workspace (the user keeps their other workspaces). Refused for the last
    /// Director, an owner of accounts, someone with tasks and the owner of plan objectives (reassign them first). Their non-owner places on
    /// account teams go with them, each audited.
    /// </summary>
    public static async Task<ChangeResult> RemoveAsync(KaminoDb db, int workspaceId, string userId, string? actorUserId, TimeProvider clock, CancellationToken ct = default)
    {
        if (await RefuseAsync(db, workspaceId, actorUserId, ct) is { } refused)
        {
            return refused;
        }

        var member = await MembershipAsync(db, workspaceId, userId, ct);
        if (member is null)
        {
            return ChangeResult.NotFound(Said.Of("member.not-member"));
        }

        var email = await EmailOfAsync(db, userId, ct);
        if (member.Role == Role.Director && await DirectorCountAsync(db, workspaceId, ct) == 1)
        {
            return ChangeResult.Invalid(Said.Of("member.last-director-stays", email));
        }

        var places = await db.AccountTeamMembers.Where(t => t.WorkspaceId == workspaceId && t.UserId == userId).ToListAsync(ct);
        var owned = places.Count(p => p.IsOwner);
        if (owned > 0)
        {
            return ChangeResult.Invalid(Said.Of("member.owner-of-accounts", email, owned));
        }

        // Tasks reference their assignee; keeping them readable needs the member, so they are reassigned first.
        var tasks = await db.Tasks.CountAsync(t => t.WorkspaceId == workspaceId && t.AssigneeUserId == userId, ct);
        if (tasks > 0)
        {
            return ChangeResult.Invalid(Said.Of("member.has-tasks", email, tasks));
        }

        // An objective names its owner; the plan should say who carries it, so the member is replaced there first.
        var objectives = await db.PlanObjectives.CountAsync(o => o.WorkspaceId == workspaceId && o.OwnerUserId == userId, ct);
        if (objectives > 0)
        {
            return ChangeResult.Invalid(Said.Of("member.owner-of-objectives", email, objectives));
        }

        if (member.Role == Role.LeadKam)
        {
            await ReleaseSupervisedAsync(db, workspaceId, userId, email, actorUserId, clock, ct);
        }

        foreach (var place in places)
        {
            db.AccountTeamMembers.Remove(place);
            await AuditLog.AddAsync(db, workspaceId, actorUserId, "team", place.CustomerId.ToString(CultureInfo.InvariantCulture),
                "member-removed", AuditText.Of("team.member-left-workspace", email, place.Department), place.CustomerId, clock, ct);
        }

        db.Memberships.Remove(member);
        await AuditLog.AddAsync(db, workspaceId, actorUserId, "member", userId, "removed", AuditText.Of("member.removed", email, member.Role), null, clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>Null when <paramref name="actorUserId"/> may manage members; otherwise why not.</summary>
    internal static async Task<ChangeResult?> RefuseAsync(KaminoDb db, int workspaceId, string? actorUserId, CancellationToken ct)
    {
        if (actorUserId is null)
        {
            return null;
        }

        var actor = await MembershipAsync(db, workspaceId, actorUserId, ct);
        return actor is not null && Permissions.Allows(actor.Role, Permission.ManageMembers)
            ? null
            : ChangeResult.Forbidden(Said.Of("member.only-director-manages"));
    }

    private static async Task ReleaseSupervisedAsync(KaminoDb db, int workspaceId, string leadUserId, string leadEmail, string? actorUserId, TimeProvider clock, CancellationToken ct)
    {
        var supervised = await db.Memberships.Where(m => m.WorkspaceId == workspaceId && m.SupervisorUserId == leadUserId).ToListAsync(ct);
        foreach (var kam in supervised)
        {
            kam.SupervisorUserId = null;
            await AuditLog.AddAsync(db, workspaceId, actorUserId, "member", kam.UserId, "supervisor",
                AuditText.Of("member.supervisor-lost", await EmailOfAsync(db, kam.UserId, ct), leadEmail), null, clock, ct);
        }
    }

    private static Task<int> DirectorCountAsync(KaminoDb db, int workspaceId, CancellationToken ct) =>
        db.Memberships.CountAsync(m => m.WorkspaceId == workspaceId && m.Role == Role.Director, ct);

    internal static async Task<string> EmailOfAsync(KaminoDb db, string userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? userId;
}
