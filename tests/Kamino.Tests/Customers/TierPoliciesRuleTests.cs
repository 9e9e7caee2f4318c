using Kamino.Customers;

namespace Kamino.Tests.Customers;

/// <summary>The tier policy rule answers every problem at once, each keyed by the field a form shows it at.</summary>
public sealed class TierPoliciesRuleTests
{
    private static readonly TierPolicy Key = new(30, TierChannel.Any, 5m, 15m, 1, 24);

    [Fact]
    public void Problems_EveryFieldWrong_OneProblemPerField_InTheOrderOfTheForm()
    {
        var problems = TierPolicies.Problems(new TierPolicyChange(CheckinDays: 0, DiscountMinPct: -1m, DiscountMaxPct: 100.5m, OrderPriority: 0, PromisedHours: 0), Key);

        Assert.Equal(
            [
                (TierPolicyField.CheckinDays, TierPolicyProblemKind.OutOfRange),
                (TierPolicyField.DiscountMinPct, TierPolicyProblemKind.OutOfRange),
                (TierPolicyField.DiscountMaxPct, TierPolicyProblemKind.OutOfRange),
                (TierPolicyField.OrderPriority, TierPolicyProblemKind.OutOfRange),
                (TierPolicyField.PromisedHours, TierPolicyProblemKind.OutOfRange),
            ],
            problems.Select(p => (p.Field, p.Kind)));
    }

    [Fact]
    public void Problems_MinAboveMax_IsBlamedOnTheMax_AgainstTheCurrentMaxWhenOnlyMinChanges()
    {
        var problem = Assert.Single(TierPolicies.Problems(new TierPolicyChange(DiscountMinPct: 20m), Key));

        Assert.Equal((TierPolicyField.DiscountMaxPct, TierPolicyProblemKind.DiscountOrder), (problem.Field, problem.Kind));
        Assert.Equal("the highest discount (15 %) is below the lowest (20 %)", problem.Message);
    }

    [Fact]
    public void Problems_IntervalAndNone_Conflict()
    {
        var problem = Assert.Single(TierPolicies.Problems(new TierPolicyChange(CheckinDays: 14, NoCheckin: true), Key));

        Assert.Equal((TierPolicyField.CheckinDays, TierPolicyProblemKind.Conflict), (problem.Field, problem.Kind));
    }

    [Theory]
    [InlineData(1, 0, 0, 1, 1)]
    [InlineData(3650, 0, 100, 100, 8760)]
    [InlineData(null, 7.5, 7.5, 2, 72)]
    public void Problems_Bounds_AreAccepted(int? days, double min, double max, int priority, int hours) =>
        Assert.Empty(TierPolicies.Problems(new TierPolicy(days, TierChannel.Visit, (decimal)min, (decimal)max, priority, hours)));

    [Theory]
    [InlineData(3651, 0, 5, 1, 1, TierPolicyField.CheckinDays)]
    [InlineData(30, 0, 5, 101, 1, TierPolicyField.OrderPriority)]
    [InlineData(30, 0, 5, 1, 8761, TierPolicyField.PromisedHours)]
    public void Problems_JustPastABound_IsThatField(int? days, double min, double max, int priority, int hours, TierPolicyField field) =>
        Assert.Equal(field, Assert.Single(TierPolicies.Problems(new TierPolicy(days, TierChannel.Call, (decimal)min, (decimal)max, priority, hours))).Field);

    [Fact]
    public void ApplyTo_OnlyGivenFieldsChange_NoCheckinClearsTheInterval()
    {
        Assert.Equal(Key with { OrderPriority = 3 }, new TierPolicyChange(OrderPriority: 3).ApplyTo(Key));
        Assert.Equal(Key with { CheckinDays = null, Channel = TierChannel.Call }, new TierPolicyChange(NoCheckin: true, Channel: TierChannel.Call).ApplyTo(Key));
        Assert.True(new TierPolicyChange().IsEmpty);
    }

    [Theory]
    [InlineData("5-15", 5, 15)]
    [InlineData(" 2.5 - 10 ", 2.5, 10)]
    [InlineData("0-0", 0, 0)]
    public void ParseDiscount_MinHyphenMax(string text, double min, double max) =>
        Assert.Equal(((decimal)min, (decimal)max), TierPolicies.ParseDiscount(text));

    [Theory]
    [InlineData("5")]
    [InlineData("5-")]
    [InlineData("-5-10")]
    [InlineData("5,5-10")]
    [InlineData("a-b")]
    [InlineData(null)]
    public void ParseDiscount_NotMinHyphenMax_IsNull(string? text) => Assert.Null(TierPolicies.ParseDiscount(text));

    [Fact]
    public void Describe_SaysTheWholePolicy() =>
        Assert.Equal("check-in every 30 days (Any), discounts 5–15 %, priority 1, 24 h", Key.Describe());
}
