namespace Kamino.Customers;

/// <summary>
/// "Referred by": the customer <see cref="CustomerId"/> came through <see cref="ReferredByCustomerId"/>, another
/// customer of the same workspace. At most one per customer, never itself, never a cycle.
/// </summary>
public sealed class Referral
{
    public int WorkspaceId { get; set; }

    public long CustomerId { get; set; }

    public long ReferredByCustomerId { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset At { get; set; }
}
