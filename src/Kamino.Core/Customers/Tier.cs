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

    /// <summary>Days between check-ins (PRODUCT.md §3, Cadence); null: the tier has no cadence.</summary>
    public int? CheckinDays { get; set; }

    /// <summary>How its check-ins are made.</summary>
    public TierChannel Channel { get; set; }

    /// <summary>Lowest discount, in percent, reserved to the tier (orders).</summary>
    public decimal DiscountMinPct { get; set; }

    /// <summary>Highest discount, in percent, reserved to the tier (orders).</summary>
    public decimal DiscountMaxPct { get; set; }

    /// <summary>Order priority, 1 = highest (orders).</summary>
    public int OrderPriority { get; set; }

    /// <summary>Promised order handling time in calendar hours, received to fulfilled (orders).</summary>
    public int PromisedHours { get; set; }

    /// <summary>
    /// PRODUCT.md §3, Tier policy defaults: the top tier checks in every 30 days by call or visit, discounts 5–15 %,
    /// priority 1, 24 h; any other tier takes the lowest tier's: no cadence, 0–5 %, priority 2, 72 h.
    /// </summary>
    public void ApplyDefaultPolicy(bool top)
    {
        CheckinDays = top ? 30 : null;
        Channel = TierChannel.Any;
        DiscountMinPct = top ? 5m : 0m;
        DiscountMaxPct = top ? 15m : 5m;
        OrderPriority = top ? 1 : 2;
        PromisedHours = top ? 24 : 72;
    }
}
