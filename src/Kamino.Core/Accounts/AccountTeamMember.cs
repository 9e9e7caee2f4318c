using Kamino.People;

namespace Kamino.Accounts;

/// <summary>A person on a key account's team; exactly one member per account is its owner KAM.</summary>
public sealed class AccountTeamMember
{
    public int WorkspaceId { get; set; }

    public long CustomerId { get; set; }

    public required string UserId { get; set; }

    public Department Department { get; set; }

    public bool IsOwner { get; set; }
}
