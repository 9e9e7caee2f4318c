using System.Globalization;
using Kamino.Customers;

namespace Kamino.Host.Workspaces;

/// <summary>
/// The tier policies form of the key-account settings page: its field names (one set per tier, by rank), the values
/// it shows, and what a post asks for. Numbers are read here; ranges are the library's (<see cref="TierPolicies.Problems(TierPolicyChange, TierPolicy)"/>).
/// </summary>
public sealed class TierPolicyForm
{
    public const string Checkin = "checkin";
    public const string Channel = "channel";
    public const string DiscountMin = "discount-min";
    public const string DiscountMax = "discount-max";
    public const string Priority = "priority";
    public const string Hours = "hours";

    /// <summary>Field name → value the input shows.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Field name → what was wrong with it (a <see cref="TierPolicyProblemKind"/> or <c>NotAWholeNumber</c>/<c>NotANumber</c>), to be worded by the page.</summary>
    public Dictionary<string, (TierPolicyField? Field, TierPolicyProblemKind? Kind)> Problems { get; } = new(StringComparer.Ordinal);

    /// <summary>The changes of the tiers whose posted policy differs from the stored one (tier name, change).</summary>
    public List<(string Name, TierPolicyChange Change)> Changes { get; } = [];

    public static string Field(int rank, string part) => "policy-" + rank.ToString(CultureInfo.InvariantCulture) + "-" + part;

    /// <summary>The stored policies as the form shows them.</summary>
    public static TierPolicyForm Of(IReadOnlyList<TierPolicyDto> policies)
    {
        var form = new TierPolicyForm();
        foreach (var t in policies)
        {
            form.Values[Field(t.Rank, Checkin)] = t.CheckinDays is { } d ? Invariant(d) : "";
            form.Values[Field(t.Rank, Channel)] = t.Channel.ToString();
            form.Values[Field(t.Rank, DiscountMin)] = Invariant(t.DiscountMinPct);
            form.Values[Field(t.Rank, DiscountMax)] = Invariant(t.DiscountMaxPct);
            form.Values[Field(t.Rank, Priority)] = Invariant(t.OrderPriority);
            form.Values[Field(t.Rank, Hours)] = Invariant(t.PromisedHours);
        }

        return form;
    }

    /// <summary>
    /// Reads a post of the form over <paramref name="policies"/>: an empty check-in interval is "no cadence"; a field that is
    /// not a number, and every problem of the library's rule, lands in <see cref="Problems"/> under its field.
    /// </summary>
    public static TierPolicyForm Read(Func<string, string?> posted, IReadOnlyList<TierPolicyDto> policies)
    {
        var form = new TierPolicyForm();
        foreach (var t in policies)
        {
            var checkinRaw = form.Text(posted, t.Rank, Checkin);
            int? checkin = checkinRaw.Length == 0 ? null : form.Whole(t.Rank, Checkin, checkinRaw);
            var channel = Enum.TryParse<TierChannel>(form.Text(posted, t.Rank, Channel), out var c) && Enum.IsDefined(c) ? c : t.Channel;
            var min = form.Number(t.Rank, DiscountMin, form.Text(posted, t.Rank, DiscountMin));
            var max = form.Number(t.Rank, DiscountMax, form.Text(posted, t.Rank, DiscountMax));
            var priority = form.Whole(t.Rank, Priority, form.Text(posted, t.Rank, Priority));
            var hours = form.Whole(t.Rank, Hours, form.Text(posted, t.Rank, Hours));
            var change = new TierPolicyChange(checkin, checkinRaw.Length == 0, channel, min, max, priority, hours);
            foreach (var problem in TierPolicies.Problems(change, t.Policy))
            {
                form.Problems.TryAdd(Field(t.Rank, problem.Field switch
                {
                    TierPolicyField.CheckinDays => Checkin,
                    TierPolicyField.Channel => Channel,
                    TierPolicyField.DiscountMinPct => DiscountMin,
                    TierPolicyField.DiscountMaxPct => DiscountMax,
                    TierPolicyField.OrderPriority => Priority,
                    TierPolicyField.PromisedHours => Hours,
                }), (problem.Field, problem.Kind));
            }

            if (change.ApplyTo(t.Policy) != t.Policy)
            {
                form.Changes.Add((t.Name, change));
            }
        }

        return form;
    }

    private string Text(Func<string, string?> posted, int rank, string part)
    {
        var raw = posted(Field(rank, part))?.Trim() ?? "";
        Values[Field(rank, part)] = raw;
        return raw;
    }

    private int? Whole(int rank, string part, string raw)
    {
        if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Problems[Field(rank, part)] = (null, null);
        return null;
    }

    private decimal? Number(int rank, string part, string raw)
    {
        if (decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Problems[Field(rank, part)] = (null, null);
        return null;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
