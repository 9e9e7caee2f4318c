using Kamino.Analysis;
using Kamino.Customers;

namespace Kamino.Tests.Customers;

/// <summary>The suggestions that fit the team (PRODUCT.md §3, Capacity), without a database.</summary>
public sealed class SuggestionCapacityTests
{
    private static long next;

    /// <summary>A row whose <see cref="AccountRow.Suggested"/> is the rule's answer, as the scored list hands it over.</summary>
    private static AccountRow Row(string key, decimal score, decimal revenue = 100m, bool meetsRule = true, bool isKey = false) =>
        new(Interlocked.Increment(ref next), key, "Customer " + key, revenue, 1, AbcClass.B, score, null, score, meetsRule, isKey ? "Key" : null, isKey);

    private static List<string> Suggested(IEnumerable<AccountRow> rows) => [.. rows.Where(r => r.Suggested && !r.IsKeyAccount).Select(r => r.Key).Order(StringComparer.Ordinal)];

    private static List<string> Over(IEnumerable<AccountRow> rows) => [.. rows.Where(r => r.OverCapacity).Select(r => r.Key).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData(15, 0, 15)] // no KAM yet: the team is counted as one
    [InlineData(15, 1, 15)]
    [InlineData(15, 3, 45)]
    [InlineData(1, 2, 2)]
    public void TeamCapacity_IsPerKamTimesKams_AtLeastOneKam(int perKam, int kams, int team) =>
        Assert.Equal(team, KeyAccountScore.TeamCapacity(perKam, kams));

    [Fact]
    public void FitToCapacity_KeepsTheBestScores_UpToTheRoomLeft()
    {
        AccountRow[] rows = [Row("A", 0.9m), Row("B", 0.5m), Row("C", 0.7m), Row("D", 0.8m), Row("E", 0.2m, meetsRule: false)];

        var fitted = KeyAccountScore.FitToCapacity(rows, 2);

        Assert.Equal(["A", "D"], Suggested(fitted));
        Assert.Equal(["B", "C"], Over(fitted));
        Assert.False(fitted.Single(r => r.Key == "E").OverCapacity); // not meeting the rule is not "over capacity"
        Assert.Equal(rows.Select(r => r.Key), fitted.Select(r => r.Key)); // the order of the list is kept
    }

    [Fact]
    public void FitToCapacity_ScoreTies_GoToHigherRevenueThenKey()
    {
        AccountRow[] rows = [Row("B", 0.6m, 100m), Row("A", 0.6m, 100m), Row("C", 0.6m, 500m), Row("D", 0.6m, 50m)];

        Assert.Equal(["C"], Suggested(KeyAccountScore.FitToCapacity(rows, 1)));
        Assert.Equal(["A", "C"], Suggested(KeyAccountScore.FitToCapacity(rows, 2))); // A before B: same score and revenue, key order
        Assert.Equal(["A", "B", "C"], Suggested(KeyAccountScore.FitToCapacity(rows, 3)));
    }

    [Fact]
    public void FitToCapacity_DesignatedKeyAccounts_TakeTheirPlaceFirst()
    {
        AccountRow[] rows = [Row("K1", 0.3m, isKey: true, meetsRule: false), Row("K2", 0.9m, isKey: true), Row("A", 0.8m), Row("B", 0.7m), Row("C", 0.65m)];

        var fitted = KeyAccountScore.FitToCapacity(rows, 3); // 2 key accounts leave room for 1

        Assert.Equal(["A"], Suggested(fitted));
        Assert.Equal(["B", "C"], Over(fitted));
        // Key accounts keep the rule's answer: K2 still meets it, K1 is "designated, no longer suggested"; neither is over capacity.
        Assert.True(fitted.Single(r => r.Key == "K2").Suggested);
        Assert.False(fitted.Single(r => r.Key == "K1").Suggested);
        Assert.DoesNotContain(fitted, r => r.IsKeyAccount && r.OverCapacity);
    }

    [Fact]
    public void FitToCapacity_MoreKeyAccountsThanCapacity_SuggestsNothing_NeverBelowZero()
    {
        AccountRow[] rows = [Row("K1", 0.9m, isKey: true), Row("K2", 0.9m, isKey: true), Row("K3", 0.9m, isKey: true), Row("A", 0.99m)];

        var fitted = KeyAccountScore.FitToCapacity(rows, 2);

        Assert.Empty(Suggested(fitted));
        Assert.Equal(["A"], Over(fitted));
    }

    [Fact]
    public void FitToCapacity_RoomForAll_ChangesNothing()
    {
        AccountRow[] rows = [Row("A", 0.9m), Row("B", 0.61m), Row("C", 0.1m, meetsRule: false)];

        Assert.Equal(rows, KeyAccountScore.FitToCapacity(rows, 15));
    }
}
