using Kamino.Data;

namespace Kamino.Customers;

/// <summary>
/// One decision to make a customer a key account or to stop it being one, with the reason. Append-only:
/// the current state is <see cref="Customer.IsKeyAccount"/>, the history is these rows.
/// </summary>
public sealed class Designation : IWorkspaceNumbered
{
    public int WorkspaceId { get; set; }

    public long Id { get; set; }

    public long CustomerId { get; set; }

    /// <summary>Whether the customer is a key account after this decision.</summary>
    public bool IsKeyAccount { get; set; }

    /// <summary>Name of the tier before the decision (as named then); null when it had none.</summary>
    public string? FromTier { get; set; }

    /// <summary>Name of the tier after the decision (as named then); null for an undesignation.</summary>
    public string? ToTier { get; set; }

    public required string Reason { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset At { get; set; }
}
