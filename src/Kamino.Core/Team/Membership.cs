using Kamino.Data;

namespace Kamino.Team;

/// <summary>Roles in a workspace (PRODUCT.md §6); what each may do is <see cref="Permissions"/>.</summary>
public enum Role
{
    Director,
    LeadKam,
    Kam,
    Collaborator,
    Viewer,
}

/// <summary>Departments people work for on an account or a task.</summary>
public enum Department
{
    Direction,
    Sales,
    Communication,
    Marketing,
    Advertising,
    Operations,
    Other,
}

/// <summary>A user's place in one workspace: role, and for a KAM the Lead KAM who supervises them.</summary>
public sealed class Membership
{
    public int WorkspaceId { get; set; }

    public required string UserId { get; set; }

    public Role Role { get; set; }

    /// <summary>The Lead KAM supervising this member (KAMs only).</summary>
    public string? SupervisorUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

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

/// <summary>A person on a key account's team; exactly one member per account is its owner KAM.</summary>
public sealed class AccountTeamMember
{
    public int WorkspaceId { get; set; }

    public long CustomerId { get; set; }

    public required string UserId { get; set; }

    public Department Department { get; set; }

    public bool IsOwner { get; set; }
}
