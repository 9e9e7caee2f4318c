using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kamino.Orders;

namespace Kamino.Tests.Orders;

/// <summary>Order statistics as pure rules, against a computation by hand.</summary>
public sealed class OrderStatsRuleTests
{
    private static readonly DateTime T0 = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    private static OrderTimes Key(double hours, OrderStatus status = OrderStatus.Fulfilled) =>
        new("Key", 1, status, T0, T0.AddHours(24), status == OrderStatus.Fulfilled ? T0.AddHours(hours) : null);

    private static OrderTimes Standard(double hours, OrderStatus status = OrderStatus.Fulfilled) =>
        new("Standard", 2, status, T0, T0.AddHours(72), status == OrderStatus.Fulfilled ? T0.AddHours(hours) : null);

    [Fact]
    public void Of_WorkedExample_MatchesTheHandComputation()
    {
        // Key: 6 orders; fulfilled after 2, 30, 5, 12, 20 h (one still open).
        //   sorted 2, 5, 12, 20, 30 (n = 5). Nearest rank: median rank ⌈0.5 × 5⌉ = 3 → 12 h;
        //   p90 rank ⌈0.9 × 5⌉ = 5 → 30 h. On time (≤ 24 h): 2, 5, 12, 20 → 4 of 5 = 0.8.
        // Standard: 5 orders; fulfilled after 80, 40, 100, 60 h (one cancelled).
        //   sorted 40, 60, 80, 100 (n = 4). Median rank ⌈2⌉ = 2 → 60 h (the lower middle);
        //   p90 rank ⌈3.6⌉ = 4 → 100 h. On time (≤ 72 h): 40, 60 → 2 of 4 = 0.5.
        // Exactly on the promise (Key 24 h) counts as on time: see Of_FulfilledExactlyAtThePromise_IsOnTime.
        OrderTimes[] orders =
        [
            Standard(80), Key(2), Key(30), Standard(40), Key(5), Key(0, OrderStatus.InProgress), Standard(100), Key(12),
            Standard(0, OrderStatus.Cancelled), Key(20), Standard(60),
        ];

        var stats = OrderStats.Of(orders);

        Assert.Equal(
        [
            new TierOrderStats("Key", 1, 6, 5, 12.0m, 30.0m, 0.8m),
            new TierOrderStats("Standard", 2, 5, 4, 60.0m, 100.0m, 0.5m),
        ], stats);
    }

    [Fact]
    public void Of_FulfilledExactlyAtThePromise_IsOnTime()
    {
        var stats = Assert.Single(OrderStats.Of([Key(24), Key(24.01)]));
        Assert.Equal(0.5m, stats.OnTimeShare);
    }

    [Fact]
    public void Of_NothingFulfilled_HoursAndShareAreNull()
    {
        var stats = Assert.Single(OrderStats.Of([Key(0, OrderStatus.Received), Key(0, OrderStatus.Cancelled)]));
        Assert.Equal(new TierOrderStats("Key", 1, 2, 0, null, null, null), stats);
    }

    [Fact]
    public void Of_HoursRoundedToOneDecimal()
    {
        // 1 h 27 min = 1.45 h → 1.5 (half away from zero).
        var stats = Assert.Single(OrderStats.Of([new("Key", 1, OrderStatus.Fulfilled, T0, T0.AddHours(24), T0.AddMinutes(87))]));
        Assert.Equal(1.5m, stats.MedianHours);
    }

    [Theory]
    [InlineData(new[] { 7.0 }, 50, 7.0)]
    [InlineData(new[] { 1.0, 2.0 }, 50, 1.0)]
    [InlineData(new[] { 1.0, 2.0 }, 90, 2.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0 }, 90, 9.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0 }, 90, 10.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 100, 3.0)]
    public void NearestRank_ByHand(double[] sorted, int p, double expected) =>
        Assert.Equal((decimal)expected, OrderStats.NearestRank(sorted.Select(v => (decimal)v).ToList(), p));

    [Property(MaxTest = 200)]
    public Property NearestRank_IsAValue_WithAtLeastPPercentAtOrBelowIt() =>
        Prop.ForAll(Gen.NonEmptyListOf(Gen.Choose(0, 500)).ToArbitrary(), Gen.Choose(1, 100).ToArbitrary(), (values, p) =>
        {
            var sorted = values.Select(v => (decimal)v).Order().ToList();
            var x = OrderStats.NearestRank(sorted, p);
            Assert.Contains(x, sorted);
            // The smallest value with at least p % of the values at or below it.
            Assert.True(sorted.Count(v => v <= x) * 100 >= p * sorted.Count);
            Assert.True(sorted.Count(v => v < x) * 100 < p * sorted.Count);
        });

    [Property(MaxTest = 100)]
    public Property Of_MedianAtMostP90_AndCountsAddUp() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(0, 200)).ToArbitrary(), Gen.ListOf(Gen.Choose(0, 200)).ToArbitrary(), (key, standard) =>
        {
            var orders = key.Select(h => h % 5 == 0 ? Key(0, OrderStatus.Received) : Key(h)).Concat(standard.Select(h => Standard(h))).ToList();
            var stats = OrderStats.Of(orders);
            Assert.Equal(orders.Count, stats.Sum(s => s.Orders));
            foreach (var s in stats)
            {
                Assert.True(s.Fulfilled <= s.Orders);
                Assert.True(s.MedianHours is null ? s.Fulfilled == 0 : s.MedianHours <= s.P90Hours);
                Assert.True(s.OnTimeShare is null or >= 0m and <= 1m);
            }
        });

    [Theory]
    [InlineData(null, null, "2026-09-05", "2026-12-03")]
    [InlineData("2026-11-01", null, "2026-11-01", "2026-12-03")]
    [InlineData(null, "2026-06-30", "2026-04-02", "2026-06-30")]
    [InlineData("2026-01-01", "2026-01-31", "2026-01-01", "2026-01-31")]
    public void Period_DefaultsToTheNinetyDaysEndingToday(string? from, string? to, string first, string last)
    {
        static DateOnly? D(string? s) => s is null ? null : DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((D(first)!.Value, D(last)!.Value), OrderStats.Period(D(from), D(to), new DateOnly(2026, 12, 3)));
    }
}
