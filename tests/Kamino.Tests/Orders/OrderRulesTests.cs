using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kamino.Customers;
using Kamino.Orders;

namespace Kamino.Tests.Orders;

/// <summary>The pure order rules: line net and rounding, totals, the discount range at its edges, the tier taken, validation, transitions.</summary>
public sealed class OrderRulesTests
{
    private static readonly OrderPromise Key = new("Key", 1, 24, 5m, 15m);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(5, true)]        // min
    [InlineData(15, true)]       // max
    [InlineData(4.99, false)]    // min − 0.01
    [InlineData(15.01, false)]   // max + 0.01
    [InlineData(10, true)]
    [InlineData(0, false)]
    [InlineData(100, false)]
    public void InRange_EdgesIncluded_OneCentOutsideIsOut(double discount, bool inside)
    {
        var d = (decimal)discount;
        Assert.Equal(inside, OrderRules.InRange(d, Key.DiscountMinPct, Key.DiscountMaxPct));
        Assert.Equal(!inside, OrderRules.NeedsApproval([10m, d], Key));
    }

    [Theory]
    [InlineData(1, 1000, 0, 1000)]
    [InlineData(4, 8990, 10, 32364)]       // 359.60 less 10 % = 323.64
    [InlineData(3, 1, 50, 2)]              // 1.5 cents: half away from zero → 2
    [InlineData(1, 5, 10, 5)]              // 4.5 → 5
    [InlineData(1, 15, 10, 14)]            // 13.5 → 14
    [InlineData(2.5, 333, 0, 833)]         // 832.5 → 833
    [InlineData(0.3333, 100, 0, 33)]       // 33.33 → 33
    [InlineData(1, 999, 100, 0)]
    public void LineNetCents_RoundsToTheCentHalfAwayFromZero(double quantity, long unitPriceCents, double discount, long expected) =>
        Assert.Equal(expected, OrderRules.LineNetCents((decimal)quantity, unitPriceCents, (decimal)discount));

    [Property(MaxTest = 300)]
    public Property TotalCents_IsTheSumOfTheLinesNets() =>
        Prop.ForAll(Gen.ListOf(Line()).ToArbitrary(), lines =>
        {
            var nets = lines.Select(l => OrderRules.LineNetCents(l.Quantity, l.UnitPriceCents, l.DiscountPct)).ToList();
            var total = OrderRules.TotalCents(nets);
            // Each net within half a cent of the exact amount, never negative, never above the gross; the total is their sum.
            return total == nets.Sum()
                && lines.Zip(nets).All(x => Math.Abs(x.Second - (x.First.Quantity * x.First.UnitPriceCents * (1 - (x.First.DiscountPct / 100m)))) <= 0.5m
                    && x.Second >= 0 && x.Second <= Math.Round(x.First.Quantity * x.First.UnitPriceCents, MidpointRounding.AwayFromZero));
        });

    [Fact]
    public void TierFor_DesignatedTier_KeyWithoutTierTakesTheFirst_UndesignatedTheLowest()
    {
        IReadOnlyList<TierPolicyDto> tiers =
        [
            new("Gold", 1, true, 30, TierChannel.Any, 5m, 15m, 1, 24),
            new("Silver", 2, true, 60, TierChannel.Any, 2m, 8m, 2, 48),
            new("Standard", 3, false, null, TierChannel.Any, 0m, 5m, 3, 72),
        ];
        Assert.Equal("Silver", OrderRules.TierFor(tiers, "Silver", isKeyAccount: true).Name);
        Assert.Equal("Gold", OrderRules.TierFor(tiers, null, isKeyAccount: true).Name);
        Assert.Equal("Standard", OrderRules.TierFor(tiers, null, isKeyAccount: false).Name);
        Assert.Equal("Key: discounts 5–15 %", Key.Describe());
    }

    [Fact]
    public void Validate_NamesTheBadLinesByNumber()
    {
        var input = new NewOrder(
        [
            new(null, "Helmets", 2, 5000, 10),
            new(null, "Tyres", 0, 8990, 10),
            new(new string('x', 101), " ", 1.00001m, -1, 12.345m),
        ], ReceivedAt: Now.AddHours(1), Notes: new string('n', 2001));

        var problems = OrderRules.Validate(input, Now);

        Assert.Equal(
        [
            ("lines[1].quantity", "line 2: quantity must be above 0"),
            ("lines[2].description", "line 3: a description is required"),
            ("lines[2].productCode", "line 3: the product code has more than 100 characters"),
            ("lines[2].quantity", "line 3: quantity must be at most 1000000 with up to 4 decimals"),
            ("lines[2].unitPrice", "line 3: the unit price must be from 0 to 100000000"),
            ("lines[2].discountPct", "line 3: the discount must be from 0 to 100 %, with up to 2 decimals"),
            ("receivedAt", "The order cannot be received in the future."),
            ("notes", "Notes have at most 2000 characters."),
        ], problems.Select(p => (p.Field, p.Message)));
        Assert.Equal("lines", Assert.Single(OrderRules.Validate(new NewOrder([]), Now)).Field);
        Assert.Empty(OrderRules.Validate(new NewOrder([new("T-1", "Tyres", 0.5m, 0, 100)], ReceivedAt: Now.AddMinutes(4)), Now));
    }

    [Fact]
    public void Transitions_OnlyFromOpenStates_NotWhilePending_NotBeforeReceived()
    {
        var received = Now.UtcDateTime.AddHours(-5);
        var order = new Order { Id = 12, TierName = "Key", Currency = "EUR", ReceivedAt = received, Status = OrderStatus.Received };
        var now = Now.UtcDateTime;

        Assert.Null(OrderRules.StartProblem(order, received, now));
        Assert.Equal("the time 2026-03-10 06:59Z is before order 12 was received (2026-03-10 07:00Z)", OrderRules.StartProblem(order, received.AddMinutes(-1), now)!.Message);
        Assert.Equal("the time is in the future", OrderRules.FulfilProblem(order, now.AddMinutes(6), now)!.Message);
        Assert.Equal("a reason is required", OrderRules.CancelProblem(order, now, now, "  ")!.Message);

        order.Approval = OrderApproval.Pending;
        Assert.Equal("approval", OrderRules.StartProblem(order, now, now)!.Field);
        Assert.Equal("approval", OrderRules.FulfilProblem(order, now, now)!.Field);
        Assert.Null(OrderRules.CancelProblem(order, now, now, "Customer called it off"));
        Assert.Equal("a reason is required", OrderRules.DecisionProblem(order, null, rejecting: true)!.Message);
        Assert.Null(OrderRules.DecisionProblem(order, null, rejecting: false));

        order.Approval = OrderApproval.Approved;
        order.Status = OrderStatus.InProgress;
        order.StartedAt = received.AddHours(1);
        Assert.Equal("order 12 is inProgress: only a received order can be started", OrderRules.StartProblem(order, now, now)!.Message);
        Assert.Equal("the time 2026-03-10 07:30Z is before order 12 was started (2026-03-10 08:00Z)", OrderRules.FulfilProblem(order, received.AddMinutes(30), now)!.Message);
        Assert.Equal("order 12 is not waiting for approval", OrderRules.DecisionProblem(order, "ok", rejecting: false)!.Message);

        order.Status = OrderStatus.Fulfilled;
        Assert.Equal("order 12 is fulfilled: only a received or in-progress order can be fulfilled", OrderRules.FulfilProblem(order, now, now)!.Message);
        Assert.Equal("order 12 is fulfilled: only a received or in-progress order can be cancelled", OrderRules.CancelProblem(order, now, now, "late")!.Message);
    }

    private static Gen<NewOrderLine> Line() =>
        from quantity in Gen.Choose(1, 1_000_000).Select(q => q / 100m)
        from price in Gen.Choose(0, 10_000_000).Select(p => (long)p)
        from discount in Gen.Choose(0, 10_000).Select(d => d / 100m)
        select new NewOrderLine(null, "Item", quantity, price, discount);
}
