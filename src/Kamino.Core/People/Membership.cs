namespace Kamino.People;

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
