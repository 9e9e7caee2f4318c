using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Kamino.Audit;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.People;

/// <summary>
/// An invitation to join a workspace: a one-time link to set a password. Only the SHA-256 of the token is
/// stored; the token itself exists only in the email.
/// </summary>
public sealed class Invitation : IWorkspaceNumbered
{
    public int WorkspaceId { get; set; }

    public long Id { get; set; }

    public required string Email { get; set; }

    public Role Role { get; set; }

    public required string TokenHash { get; set; }

    public required string InvitedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }
}

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
/// How people join a workspace: a Director invites an email address with a role, and the one-time link in the
/// invitation email lets the invitee set a password (or sign in) and become a member. Every change is audited
/// (entity <c>member</c>); the actor rules are those of <see cref="Members"/>.
/// </summary>
public static class Invitations
{
    /// <summary>How long an invitation link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private const int TokenBytes = 32;

    /// <summary>
    /// Invites <paramref name="email"/> to join as <paramref name="role"/>: a random 256-bit token whose SHA-256
    /// alone is stored, valid for <see cref="Lifetime"/>. The token is returned once.
    /// </summary>
    public static async Task<(ChangeResult Result, IssuedInvitation? Invitation)> InviteAsync(
        KaminoDb db, int workspaceId, string email, Role role, string invitedByUserId, TimeProvider clock, CancellationToken ct = default)
    {
        if (await Members.RefuseAsync(db, workspaceId, invitedByUserId, ct) is { } refused)
        {
            return (refused, null);
        }

        email = email.Trim();
        if (email.Length is 0 or > 256 || email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@'))
        {
            return (ChangeResult.Invalid(Said.Of("member.not-an-email", email)), null);
        }

        var existing = await Members.FindUserIdAsync(db, email, ct);
        if (existing is not null && await Members.MembershipAsync(db, workspaceId, existing, ct) is not null)
        {
            return (ChangeResult.Invalid(Said.Of("member.already-member", email)), null);
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
            ExpiresAt = now + Lifetime,
        };
        db.Invitations.Add(invitation);
        await AuditLog.AddAsync(db, workspaceId, invitedByUserId, "member", email, "invited", AuditText.Of("member.invited", email, role), null, clock, ct);
        await db.SaveChangesAsync(ct);
        return (ChangeResult.Done, new IssuedInvitation(workspaceId, invitation.Id, email, role, invitation.ExpiresAt, token));
    }

    /// <summary>What a token is worth, without using it (for the page that asks for a password).</summary>
    public static async Task<InvitationCheck> CheckAsync(KaminoDb db, string token, TimeProvider clock, CancellationToken ct = default)
    {
        var (check, _) = await LookUpAsync(db, token, clock, ct);
        return check;
    }

    /// <summary>
    /// Uses a token: when valid, marks the invitation accepted (so it never works again, even for a request
    /// racing this one) and returns where it leads. The caller then creates the user and the membership.
    /// </summary>
    public static async Task<InvitationCheck> AcceptAsync(KaminoDb db, string token, TimeProvider clock, CancellationToken ct = default)
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
                AuditText.Of("member.invitation-accepted", invitation.Email, invitation.Role), null, clock, ct);
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
}
