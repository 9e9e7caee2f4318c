using Kamino.Data;

namespace Kamino.Contacts;

/// <summary>A person's part in the customer's buying decision.</summary>
public enum ContactRole
{
    DecisionMaker,
    Influencer,
    User,
    Gatekeeper,
    Champion,
}

/// <summary>
/// A person at a customer (personal data: removing a contact deletes the row and what links to it; the audit keeps
/// only that a contact was removed).
/// </summary>
public sealed class Contact : IWorkspaceNumbered
{
    public int WorkspaceId { get; set; }

    public long Id { get; set; }

    public long CustomerId { get; set; }

    public required string Name { get; set; }

    public string? Title { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public ContactRole? Role { get; set; }

    /// <summary>Influence on the decision, 1–5.</summary>
    public int? Influence { get; set; }

    /// <summary>Strength of the relationship, 1–5.</summary>
    public int? Strength { get; set; }

    public string Notes { get; set; } = "";

    /// <summary>At most one primary contact per customer (a unique filtered index).</summary>
    public bool IsPrimary { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A team member who knows a contact.</summary>
public sealed class ContactMember
{
    public int WorkspaceId { get; set; }

    public long ContactId { get; set; }

    public required string UserId { get; set; }
}
