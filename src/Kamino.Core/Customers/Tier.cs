using Kamino.Data;

namespace Kamino.Customers;

/// <summary>
/// A level of customer a person designates (PRODUCT.md §2: Key / Standard by default, two to five). Tiers are
/// ordered by <see cref="Rank"/> (1 = highest); every tier but the last makes its customers key accounts.
/// </summary>
public sealed class Tier : IWorkspaceNumbered
{
    public int WorkspaceId { get; set; }

    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>1 for the highest tier; ranks are consecutive.</summary>
    public int Rank { get; set; }
}
