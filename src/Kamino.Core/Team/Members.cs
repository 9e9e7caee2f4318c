using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kamino.Audit;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Team;

/// <summary>A member of a workspace as lists show it.</summary>
/// <param name="SupervisorUserId">The Lead KAM supervising this member (KAMs only).</param>
/// <param name="Disabled">The user account is disabled: it cannot sign in anywhere.</param>
public sealed record MemberDto(string UserId, string Email, string DisplayName, Role Role, string? SupervisorUserId, string? SupervisorEmail, bool Disabled);

/// <summary>A workspace a user belongs to, with their role there.</summary>
public sealed record UserWorkspaceDto(int WorkspaceId, string Slug, string Name, Role Role);

/// <summary>
/// A new invitation. <see cref="Token"/> exists only in this object: the database keeps its SHA-256, so the
/// caller must put it in the email link (<c>/invite/{token}</c>) now; it cannot be recovered later.
/// </summary>
public sealed record IssuedInvitation(int WorkspaceId, long Id, string Email, Role Role, DateTimeOffset ExpiresAt, string Token);

/// <summary>What an invitation token is worth.</summary>
public enum InvitationStatus
{
    /// <summary>Unused and not expired (after acceptance: it was valid and is now used).</summary>
    Valid,

    /// <summary>No invitation has this token (mistyped, forged, or of a deleted workspace).</summary>
    Unknown,

    /// <summary>Already accepted once; a token works a single time.</summary>
    Used,

    /// <summary>Past its expiry (7 days after it was created).</summary>
    Expired,
}

/// <summary>Where a valid invitation leads: the caller creates the user (if new) and the membership.</summary>
public sealed record InvitationTarget(int WorkspaceId, string WorkspaceSlug, string Email, Role Role);

/// <summary>The result of checking or accepting a token; <see cref="Target"/> is set only when <see cref="Status"/> is Valid.</summary>
public sealed record InvitationCheck(InvitationStatus Status, InvitationTarget? Target);

/// <summary>
/// The people of a workspace: roles, supervisors, removal, invitations. Every change writes an audit entry
/// (entity <c>member</c>). An <c>actorUserId</c> of null is the system (the CLI run by whoever holds the
/// database); otherwise the actor must be a member whose role has <see cref="Permission.ManageMembers"/>.
/// Nothing here reads or changes a record of another workspace.
/// </summary>
public static class Members
{
    /// <summary>How long an invitation link works.</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    private const int TokenBytes = 32;

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
            return ChangeResult.NotFound($"no user {userId}");
        }

        if (await MembershipAsync(db, workspaceId, userId, ct) is not null)
        {
            return ChangeResult.Invalid($"{email} is already a member");
        }

        db.Memberships.Add(new Membership { WorkspaceId = workspaceId, UserId = userId, Role = role, CreatedAt = clock.GetUtcNow() });
        await AuditLog.AddAsync(db, workspaceId, actorUserId, "member", userId, "added", $"{email} joined as {role}", null, clock, ct);
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
            return ChangeResult.NotFound("not a member of this workspace");
        }

        if (member.Role == role)
        {
            return ChangeResult.Done;
        }

        var email = await EmailOfAsync(db, userId, ct);
        if (member.Role == Role.Director && await DirectorCountAsync(db, workspaceId, ct) == 1)
        {
            return ChangeResult.Invalid($"{email} is the last Director; make someone else Director first");
        }

        if (!AccountTeams.MayOwn(role))
        {
            var owned = await db.AccountTeamMembers.CountAsync(t => t.WorkspaceId == workspaceId && t.UserId == userId && t.IsOwner, ct);
            if (owned > 0)
            {
                return ChangeResult.Invalid($"{email} owns {owned} account(s) and a {role} cannot own one; set another owner first");
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

        await AuditLog.AddAsync(db, workspaceId, actorUserId, "member", userId, "role", $"{email}: role {from} → {role}", null, clock, ct);
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
            return ChangeResult.NotFound("not a member of this workspace");
        }

        var kamEmail = await EmailOfAsync(db, kamUserId, ct);
        if (kam.Role != Role.Kam)
        {
            return ChangeResult.Invalid($"{kamEmail} is {kam.Role}: only a KAM has a supervisor");
        }

        string? leadEmail = null;
        if (leadUserId is not null)
        {
            var lead = await MembershipAsync(db, workspaceId, leadUserId, ct);
            if (lead is null)
            {
                return ChangeResult.NotFound("the supervisor is not a member of this workspace");
            }

            leadEmail = await EmailOfAsync(db, leadUserId, ct);
            if (lead.Role != Role.LeadKam)
            {
                return ChangeResult.Invalid($"{leadEmail} is {lead.Role}: a supervisor must be a Lead KAM");
            }
        }

        if (kam.SupervisorUserId == leadUserId)
        {
            return ChangeResult.Done;
        }

        var previous = kam.SupervisorUserId is { } p ? await EmailOfAsync(db, p, ct) : "none";
        kam.SupervisorUserId = leadUserId;
        await AuditLog.AddAsync(db, workspaceId, actorUserId, "member", kamUserId, "supervisor",
            $"{kamEmail}: supervisor {previous} → {leadEmail ?? "none"}", null, clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>
    /// Removes a member from the workspace (the user keeps their other workspaces). Refused for the last
    /// Director, an owner of accounts, and someone with tasks (reassign them first). Their non-owner places on
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
            return ChangeResult.NotFound("not a member of this workspace");
        }

        var email = await EmailOfAsync(db, userId, ct);
        if (member.Role == Role.Director && await DirectorCountAsync(db, workspaceId, ct) == 1)
        {
            return ChangeResult.Invalid($"{email} is the last Director and cannot be removed");
        }

        var places = await db.AccountTeamMembers.Where(t => t.WorkspaceId == workspaceId && t.UserId == userId).ToListAsync(ct);
        var owned = places.Count(p => p.IsOwner);
        if (owned > 0)
        {
            return ChangeResult.Invalid($"{email} owns {owned} account(s); set another owner first");
        }

        // Tasks reference their assignee; keeping them readable needs the member, so they are reassigned first.
        var tasks = await db.Tasks.CountAsync(t => t.WorkspaceId == workspaceId && t.AssigneeUserId == userId, ct);
        if (tasks > 0)
        {
            return ChangeResult.Invalid($"{email} has {tasks} task(s); reassign them first");
        }

        if (member.Role == Role.LeadKam)
        {
            await ReleaseSupervisedAsync(db, workspaceId, userId, email, actorUserId, clock, ct);
        }

        foreach (var place in places)
        {
            db.AccountTeamMembers.Remove(place);
            await AuditLog.AddAsync(db, workspaceId, actorUserId, "team", place.CustomerId.ToString(CultureInfo.InvariantCulture),
                "member-removed", $"{email} left the team ({place.Department}): removed from the workspace", place.CustomerId, clock, ct);
        }

        db.Memberships.Remove(member);
        await AuditLog.AddAsync(db, workspaceId, actorUserId, "member", userId, "removed", $"{email} ({member.Role}) removed", null, clock, ct);
        await db.SaveChangesAsync(ct);
        return ChangeResult.Done;
    }

    /// <summary>
    /// Invites <paramref name="email"/> to join as <paramref name="role"/>: a random 256-bit token whose SHA-256
    /// alone is stored, valid for <see cref="InvitationLifetime"/>. The token is returned once.
    /// </summary>
    public static async Task<(ChangeResult Result, IssuedInvitation? Invitation)> InviteAsync(
        KaminoDb db, int workspaceId, string email, Role role, string invitedByUserId, TimeProvider clock, CancellationToken ct = default)
    {
        if (await RefuseAsync(db, workspaceId, invitedByUserId, ct) is { } refused)
        {
            return (refused, null);
        }

        email = email.Trim();
        if (email.Length is 0 or > 256 || email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@'))
        {
            return (ChangeResult.Invalid($"'{email}' is not an email address"), null);
        }

        var existing = await FindUserIdAsync(db, email, ct);
        if (existing is not null && await MembershipAsync(db, workspaceId, existing, ct) is not null)
        {
            return (ChangeResult.Invalid($"{email} is already a member"), null);
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        var now = clock.GetUtcNow();
        var invitation = new Invitation
        {
            WorkspaceId = workspaceId,
            Id = await db.NextIdAsync(db.Invitations, workspaceId, ct),
            Email = email,
            Role = role,
            TokenHash = HashToken(token),
            InvitedByUserId = invitedByUserId,
            CreatedAt = now,
            ExpiresAt = now + InvitationLifetime,
        };
        db.Invitations.Add(invitation);
        await AuditLog.AddAsync(db, workspaceId, invitedByUserId, "member", email, "invited", $"{email} invited as {role}", null, clock, ct);
        await db.SaveChangesAsync(ct);
        return (ChangeResult.Done, new IssuedInvitation(workspaceId, invitation.Id, email, role, invitation.ExpiresAt, token));
    }

    /// <summary>What a token is worth, without using it (for the page that asks for a password).</summary>
    public static async Task<InvitationCheck> CheckInvitationAsync(KaminoDb db, string token, TimeProvider clock, CancellationToken ct = default)
    {
        var (check, _) = await LookUpAsync(db, token, clock, ct);
        return check;
    }

    /// <summary>
    /// Uses a token: when valid, marks the invitation accepted (so it never works again, even for a request
    /// racing this one) and returns where it leads. The caller then creates the user and the membership.
    /// </summary>
    public static async Task<InvitationCheck> AcceptInvitationAsync(KaminoDb db, string token, TimeProvider clock, CancellationToken ct = default)
    {
        var (check, invitation) = await LookUpAsync(db, token, clock, ct);
        if (check.Status != InvitationStatus.Valid)
        {
            return check;
        }

        var now = clock.GetUtcNow();
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (ownTransaction)
        {
            // The conditional update is what makes a token single-use when two requests race.
            var claimed = await db.Invitations
                .Where(i => i.WorkspaceId == invitation!.WorkspaceId && i.Id == invitation.Id && i.AcceptedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), ct);
            if (claimed == 0)
            {
                return new InvitationCheck(InvitationStatus.Used, null);
            }

            await AuditLog.AddAsync(db, invitation!.WorkspaceId, null, "member", invitation.Email, "invitation-accepted",
                $"{invitation.Email} accepted the invitation as {invitation.Role}", null, clock, ct);
            await db.SaveChangesAsync(ct);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(ct);
            }
        }

        return check;
    }

    /// <summary>Lower-case hex SHA-256 of the token's characters: what <see cref="Invitation.TokenHash"/> holds.</summary>
    internal static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static async Task<(InvitationCheck Check, Invitation? Invitation)> LookUpAsync(KaminoDb db, string token, TimeProvider clock, CancellationToken ct)
    {
        var unknown = (new InvitationCheck(InvitationStatus.Unknown, null), (Invitation?)null);
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return unknown;
        }

        var hash = HashToken(token);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(invitation.TokenHash)))
        {
            return unknown;
        }

        if (invitation.AcceptedAt is not null)
        {
            return (new InvitationCheck(InvitationStatus.Used, null), invitation);
        }

        if (clock.GetUtcNow() >= invitation.ExpiresAt)
        {
            return (new InvitationCheck(InvitationStatus.Expired, null), invitation);
        }

        var slug = await db.Workspaces.Where(w => w.Id == invitation.WorkspaceId).Select(w => w.Slug).FirstAsync(ct);
        return (new InvitationCheck(InvitationStatus.Valid, new InvitationTarget(invitation.WorkspaceId, slug, invitation.Email, invitation.Role)), invitation);
    }

    /// <summary>Null when <paramref name="actorUserId"/> may manage members; otherwise why not.</summary>
    private static async Task<ChangeResult?> RefuseAsync(KaminoDb db, int workspaceId, string? actorUserId, CancellationToken ct)
    {
        if (actorUserId is null)
        {
            return null;
        }

        var actor = await MembershipAsync(db, workspaceId, actorUserId, ct);
        return actor is not null && Permissions.Allows(actor.Role, Permission.ManageMembers)
            ? null
            : ChangeResult.Forbidden("only a Director manages members");
    }

    private static async Task ReleaseSupervisedAsync(KaminoDb db, int workspaceId, string leadUserId, string leadEmail, string? actorUserId, TimeProvider clock, CancellationToken ct)
    {
        var supervised = await db.Memberships.Where(m => m.WorkspaceId == workspaceId && m.SupervisorUserId == leadUserId).ToListAsync(ct);
        foreach (var kam in supervised)
        {
            kam.SupervisorUserId = null;
            await AuditLog.AddAsync(db, workspaceId, actorUserId, "member", kam.UserId, "supervisor",
                $"{await EmailOfAsync(db, kam.UserId, ct)}: supervisor {leadEmail} → none ({leadEmail} is no longer a Lead KAM here)", null, clock, ct);
        }
    }

    private static Task<int> DirectorCountAsync(KaminoDb db, int workspaceId, CancellationToken ct) =>
        db.Memberships.CountAsync(m => m.WorkspaceId == workspaceId && m.Role == Role.Director, ct);

    internal static async Task<string> EmailOfAsync(KaminoDb db, string userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? userId;
}
