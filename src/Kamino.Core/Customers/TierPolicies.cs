using System.Globalization;

namespace Kamino.Customers;

/// <summary>
/// What a tier promises its customers (PRODUCT.md §3, Tier policy): the check-in interval in days (null: no cadence) and
/// channel, the discount range in percent reserved to it (inclusive), the order priority (1 = highest) and the promised
/// order handling time in calendar hours.
/// </summary>
public sealed record TierPolicy(int? CheckinDays, TierChannel Channel, decimal DiscountMinPct, decimal DiscountMaxPct, int OrderPriority, int PromisedHours)
{
    /// <summary>The policy a tier holds.</summary>
    public static TierPolicy Of(Tier tier) =>
        new(tier.CheckinDays, tier.Channel, KeyAccounts.Normal(tier.DiscountMinPct), KeyAccounts.Normal(tier.DiscountMaxPct), tier.OrderPriority, tier.PromisedHours);

    /// <summary>Writes the policy onto <paramref name="tier"/>.</summary>
    public void ApplyTo(Tier tier)
    {
        tier.CheckinDays = CheckinDays;
        tier.Channel = Channel;
        tier.DiscountMinPct = DiscountMinPct;
        tier.DiscountMaxPct = DiscountMaxPct;
        tier.OrderPriority = OrderPriority;
        tier.PromisedHours = PromisedHours;
    }

    /// <summary>One line for people and the audit trail: "check-in every 30 days (Any), discounts 5–15 %, priority 1, 24 h".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{(CheckinDays is { } d ? $"check-in every {d} days ({Channel})" : "no check-in cadence")}, discounts {DiscountMinPct:0.##}–{DiscountMaxPct:0.##} %, priority {OrderPriority}, {PromisedHours} h");
}

/// <summary>A tier with its policy, as lists show it (<c>kamino tiers list</c>, <c>GET …/tiers</c>, the settings page).</summary>
/// <param name="IsKey">Its customers are key accounts (every tier but the last).</param>
public sealed record TierPolicyDto(string Name, int Rank, bool IsKey, int? CheckinDays, TierChannel Channel, decimal DiscountMinPct, decimal DiscountMaxPct, int OrderPriority, int PromisedHours)
{
    public TierPolicy Policy => new(CheckinDays, Channel, DiscountMinPct, DiscountMaxPct, OrderPriority, PromisedHours);
}

/// <summary>
/// A change of one tier's policy: null fields stay as they are; <paramref name="NoCheckin"/> removes the check-in cadence
/// (not together with <paramref name="CheckinDays"/>).
/// </summary>
public sealed record TierPolicyChange(int? CheckinDays = null, bool NoCheckin = false, TierChannel? Channel = null, decimal? DiscountMinPct = null,
    decimal? DiscountMaxPct = null, int? OrderPriority = null, int? PromisedHours = null)
{
    /// <summary>The policy after the change.</summary>
    public TierPolicy ApplyTo(TierPolicy current) => new(
        NoCheckin ? null : CheckinDays ?? current.CheckinDays,
        Channel ?? current.Channel,
        DiscountMinPct ?? current.DiscountMinPct,
        DiscountMaxPct ?? current.DiscountMaxPct,
        OrderPriority ?? current.OrderPriority,
        PromisedHours ?? current.PromisedHours);

    /// <summary>Whether the change sets anything at all.</summary>
    public bool IsEmpty => this == new TierPolicyChange();
}

/// <summary>A field of a tier policy, to which a <see cref="TierPolicyProblem"/> belongs.</summary>
public enum TierPolicyField
{
    CheckinDays,
    Channel,
    DiscountMinPct,
    DiscountMaxPct,
    OrderPriority,
    PromisedHours,
}

/// <summary>What kind of thing is wrong with a tier policy field (a page words each its own way).</summary>
public enum TierPolicyProblemKind
{
    OutOfRange,

    /// <summary>The lowest discount is above the highest.</summary>
    DiscountOrder,

    /// <summary>Both an interval and "no cadence" were asked for.</summary>
    Conflict,
}

/// <summary>One thing wrong with a tier policy: the field, its kind, and why (<see cref="Message"/>: the recorded English).</summary>
public sealed record TierPolicyProblem(TierPolicyField Field, TierPolicyProblemKind Kind, Said Why)
{
    public string Message => Why.ToString();
}

/// <summary>The tier policy rules, pure: the ranges of each field and the order of the discount range.</summary>
public static class TierPolicies
{
    public const int MaxCheckinDays = 3650;
    public const int MaxOrderPriority = 100;

    /// <summary>A year: the longest handling time a tier may promise.</summary>
    public const int MaxPromisedHours = 8760;

    /// <summary>
    /// Everything wrong with a change applied to <paramref name="current"/>, keyed by the field to blame (a form shows
    /// each next to its field), in the order of the form: the interval (1 to <see cref="MaxCheckinDays"/> days, or none),
    /// the channel, each discount 0–100 %, the lowest above the highest (blamed on the highest, checked only when both are
    /// in range), the priority (1 to <see cref="MaxOrderPriority"/>), the promised hours (1 to <see cref="MaxPromisedHours"/>).
    /// </summary>
    public static IReadOnlyList<TierPolicyProblem> Problems(TierPolicyChange change, TierPolicy current)
    {
        var problems = new List<TierPolicyProblem>();
        if (change.NoCheckin && change.CheckinDays is not null)
        {
            problems.Add(new(TierPolicyField.CheckinDays, TierPolicyProblemKind.Conflict, Said.Of("tier.checkin-conflict")));
        }

        problems.AddRange(Problems(change.ApplyTo(current)));
        return problems;
    }

    /// <summary>Everything wrong with a whole policy (see <see cref="Problems(TierPolicyChange, TierPolicy)"/>).</summary>
    public static IReadOnlyList<TierPolicyProblem> Problems(TierPolicy policy)
    {
        var problems = new List<TierPolicyProblem>();
        if (policy.CheckinDays is < 1 or > MaxCheckinDays)
        {
            problems.Add(new(TierPolicyField.CheckinDays, TierPolicyProblemKind.OutOfRange, Said.Of("tier.checkin-range", MaxCheckinDays)));
        }

        if (!Enum.IsDefined(policy.Channel))
        {
            problems.Add(new(TierPolicyField.Channel, TierPolicyProblemKind.OutOfRange, Said.Of("tier.channel")));
        }

        var minInRange = policy.DiscountMinPct is >= 0m and <= 100m;
        var maxInRange = policy.DiscountMaxPct is >= 0m and <= 100m;
        if (!minInRange)
        {
            problems.Add(new(TierPolicyField.DiscountMinPct, TierPolicyProblemKind.OutOfRange, Said.Of("tier.discount-range")));
        }

        if (!maxInRange)
        {
            problems.Add(new(TierPolicyField.DiscountMaxPct, TierPolicyProblemKind.OutOfRange, Said.Of("tier.discount-range")));
        }

        if (minInRange && maxInRange && policy.DiscountMinPct > policy.DiscountMaxPct)
        {
            problems.Add(new(TierPolicyField.DiscountMaxPct, TierPolicyProblemKind.DiscountOrder,
                Said.Of("tier.discount-order", Pct(policy.DiscountMaxPct), Pct(policy.DiscountMinPct))));
        }

        if (policy.OrderPriority is < 1 or > MaxOrderPriority)
        {
            problems.Add(new(TierPolicyField.OrderPriority, TierPolicyProblemKind.OutOfRange, Said.Of("tier.priority-range", MaxOrderPriority)));
        }

        if (policy.PromisedHours is < 1 or > MaxPromisedHours)
        {
            problems.Add(new(TierPolicyField.PromisedHours, TierPolicyProblemKind.OutOfRange, Said.Of("tier.hours-range", MaxPromisedHours)));
        }

        return problems;
    }

    /// <summary>A percent as the problems record it: two decimals at most, without trailing zeros (15.50 → 15.5).</summary>
    private static decimal Pct(decimal pct) => decimal.Parse(pct.ToString("0.##", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads <c>MIN-MAX</c> (percent, invariant decimals, e.g. <c>5-15</c> or <c>2.5-10</c>); null when it is not two
    /// numbers joined by a hyphen. Ranges are <see cref="Problems(TierPolicy)"/>'s to check.
    /// </summary>
    public static (decimal Min, decimal Max)? ParseDiscount(string? text)
    {
        var parts = (text ?? "").Split('-', StringSplitOptions.TrimEntries);
        return parts is [var min, var max]
            && decimal.TryParse(min, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var lo)
            && decimal.TryParse(max, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hi)
            ? (lo, hi)
            : null;
    }
}
