using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kamino.Activities;
using Kamino.Health;

namespace Kamino.Tests.Health;

/// <summary>The health score rule (PRODUCT.md §3, Health score) and the revenue trend it and the alerts share.</summary>
public sealed class HealthRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly CadenceState UpToDate = Cadence.Of(Today.AddDays(-1), null, 30, Today);
    private static readonly RevenueTrendResult Flat = RevenueTrend.Of(new RevenueSums(100_00, 100_00, 0, true));

    private static HealthScore Score(CadenceState cadence, int? latest = null, int? previous = null, RevenueTrendResult? revenue = null, int overdue = 0, int? interval = 30) =>
        HealthRules.Score(new HealthInputs(interval, cadence, latest, previous, revenue ?? Flat, overdue), HealthWeights.Default);

    private static HealthPart Part(HealthScore s, HealthPartName name) => s.Parts.Single(p => p.Name == name);

    [Fact]
    public void AllWell_Is100Green_WithTheDefaultWeights()
    {
        var s = Score(UpToDate, latest: 5, previous: 5);

        Assert.Equal((100, HealthBand.Green), (s.Score, s.Band));
        Assert.Equal([35, 25, 30, 10], s.Parts.Select(p => p.Points));
        Assert.Equal([HealthPartName.Freshness, HealthPartName.Satisfaction, HealthPartName.RevenueTrend, HealthPartName.OverdueTasks], s.Parts.Select(p => p.Name));
    }

    [Theory]
    [InlineData(-1, 1.0)]       // up to date
    [InlineData(-25, 0.75)]     // due in 5 days: due soon
    [InlineData(-31, 0.4833)]   // 1 day overdue of 30: 0.5 × (1 − 1/30)
    [InlineData(-45, 0.25)]     // 15 days overdue: 0.5 × 0.5
    [InlineData(-60, 0.0)]      // 30 days overdue: nothing left
    [InlineData(-200, 0.0)]
    public void Freshness_AgainstTheTiersInterval(int daysAgo, double factor)
    {
        var part = Part(Score(Cadence.Of(Today.AddDays(daysAgo), null, 30, Today)), HealthPartName.Freshness);

        Assert.Equal((decimal)factor, part.Value);
    }

    [Fact]
    public void Freshness_NeverContacted0_NoCadence1_WithTheirReasons()
    {
        var never = Part(Score(Cadence.Of(null, null, 30, Today)), HealthPartName.Freshness);
        var none = Part(Score(Cadence.Of(Today.AddDays(-400), null, null, Today), interval: null), HealthPartName.Freshness);

        Assert.Equal((0m, HealthReasonKind.NeverContacted, "never contacted"), (never.Value, never.Reason.Kind, never.Reason.Text));
        Assert.Equal((1m, HealthReasonKind.NoCadence), (none.Value, none.Reason.Kind));
        var overdue = Part(Score(Cadence.Of(Today.AddDays(-45), null, 30, Today)), HealthPartName.Freshness);
        Assert.Equal(("check-in 15 days overdue (every 30 days)", 15, 30), (overdue.Reason.Text, overdue.Reason.Count, overdue.Reason.Of));
    }

    [Theory]
    [InlineData(null, null, 0.5)]   // no CSAT yet
    [InlineData(5, null, 1.0)]
    [InlineData(3, 3, 0.5)]
    [InlineData(3, 4, 0.25)]        // fell by one point: −0.25
    [InlineData(1, 5, 0.0)]         // floor 0
    [InlineData(2, 1, 0.25)]        // rose: no penalty
    public void Satisfaction_LatestCsat_MinusAQuarterWhenItFell(int? latest, int? previous, double factor)
    {
        Assert.Equal((decimal)factor, Part(Score(UpToDate, latest, previous), HealthPartName.Satisfaction).Value);
    }

    [Theory]
    [InlineData(120_00, 100_00, 1.0)]   // growing
    [InlineData(100_00, 100_00, 1.0)]   // flat
    [InlineData(80_00, 100_00, 0.6)]    // −20%: 1 + 2 × −0.2
    [InlineData(50_00, 100_00, 0.0)]    // −50%
    [InlineData(0, 100_00, 0.0)]
    [InlineData(50_00, 0, 1.0)]         // no revenue in the window
    public void RevenueTrend_ClampOf1Plus2r(long current, long yearBefore, double factor)
    {
        var trend = RevenueTrend.Of(new RevenueSums(current, yearBefore, 999_00, HasYearBeforeHistory: true));

        Assert.Equal(RevenueComparison.YearBefore, trend.Comparison);
        Assert.Equal((decimal)factor, Part(Score(UpToDate, revenue: trend), HealthPartName.RevenueTrend).Value);
    }

    [Fact]
    public void RevenueTrend_WithoutAYearOfHistory_ComparesWithThePrevious90Days()
    {
        var trend = RevenueTrend.Of(new RevenueSums(70_00, 0, 100_00, HasYearBeforeHistory: false));

        Assert.Equal(new RevenueTrendResult(RevenueComparison.Previous90Days, 70_00, 100_00, -0.3m), trend);
        Assert.True(RevenueTrend.IsDrop(trend));
        Assert.False(RevenueTrend.IsDrop(RevenueTrend.Of(new RevenueSums(70_01, 0, 100_00, false))));
        Assert.Equal("last 90 days -30% against the previous 90 days", Part(Score(UpToDate, revenue: trend), HealthPartName.RevenueTrend).Reason.Text);
    }

    [Fact]
    public void Windows_Last90Days_TheSame90DaysAYearBefore_AndThe90DaysBefore()
    {
        var w = RevenueTrend.Windows(Today);

        Assert.Equal((new DateOnly(2025, 12, 11), Today), (w.Current.From, w.Current.To));
        Assert.Equal((new DateOnly(2024, 12, 11), new DateOnly(2025, 3, 10)), (w.YearBefore.From, w.YearBefore.To));
        Assert.Equal((new DateOnly(2025, 9, 12), new DateOnly(2025, 12, 10)), (w.Previous.From, w.Previous.To));
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.0)]
    [InlineData(5, 0.0)]
    public void OverdueTasks_HalfAPointEach(int overdue, double factor)
    {
        Assert.Equal((decimal)factor, Part(Score(UpToDate, overdue: overdue), HealthPartName.OverdueTasks).Value);
    }

    [Theory]
    [InlineData(0, HealthBand.Red)]
    [InlineData(50, HealthBand.Red)]
    [InlineData(51, HealthBand.Amber)]
    [InlineData(75, HealthBand.Amber)]
    [InlineData(76, HealthBand.Green)]
    [InlineData(100, HealthBand.Green)]
    public void Bands(int score, HealthBand band) => Assert.Equal(band, HealthRules.BandOf(score));

    [Fact]
    public void Example_PartsAndReasons()
    {
        // 15 days overdue (0.25 × 35 = 8.75), CSAT 3 down from 4 (0.25 × 25 = 6.25), −20% (0.6 × 30 = 18), one overdue task (5): 38.
        var s = Score(Cadence.Of(Today.AddDays(-45), null, 30, Today), 3, 4, RevenueTrend.Of(new RevenueSums(80_00, 100_00, 0, true)), overdue: 1);

        Assert.Equal((38, HealthBand.Red), (s.Score, s.Band));
        Assert.Equal([9, 6, 18, 5], s.Parts.Select(p => p.Points));
        Assert.Equal("latest CSAT 3, down from 4", Part(s, HealthPartName.Satisfaction).Reason.Text);
        Assert.Equal("1 overdue task", Part(s, HealthPartName.OverdueTasks).Reason.Text);
    }

    [Property(MaxTest = 500)]
    public Property Score_Is0To100_AndThePartsPointsSumToIt(int seed)
    {
        var r = new Random(seed);
        var weights = RandomWeights(r);
        var cadence = Cadence.Of(r.Next(3) == 0 ? null : Today.AddDays(-r.Next(0, 200)), null, r.Next(4) == 0 ? null : r.Next(7, 90), Today);
        int? latest = r.Next(4) == 0 ? null : r.Next(1, 6);
        int? previous = r.Next(3) == 0 ? null : r.Next(1, 6);
        var trend = RevenueTrend.Of(new RevenueSums(r.Next(-1000, 100_000), r.Next(-1000, 100_000), r.Next(-1000, 100_000), r.Next(2) == 0));
        var s = HealthRules.Score(new HealthInputs(r.Next(7, 90), cadence, latest, previous, trend, r.Next(0, 4)), weights);

        var partsOk = s.Parts.All(p => p.Value is >= 0m and <= 1m && p.Points >= 0 && p.Points <= p.Weight && Math.Abs(p.Points - p.Weight * p.Value) < 1m);
        return (s.Score is >= 0 and <= 100 && s.Parts.Sum(p => p.Points) == s.Score && s.Band == HealthRules.BandOf(s.Score) && partsOk)
            .Label($"{weights} → {s}");
    }

    [Property(MaxTest = 200)]
    public Property Score_NeverFalls_WhenOnePartGetsBetter(int seed)
    {
        var r = new Random(seed);
        var weights = RandomWeights(r);
        var cadence = Cadence.Of(Today.AddDays(-r.Next(0, 120)), null, 30, Today);
        var trend = RevenueTrend.Of(new RevenueSums(r.Next(0, 100_000), r.Next(1, 100_000), 0, true));
        var overdue = r.Next(1, 4);
        var worse = HealthRules.Score(new HealthInputs(30, cadence, 2, 3, trend, overdue), weights);
        var better = HealthRules.Score(new HealthInputs(30, cadence, 2, 3, trend, overdue - 1), weights);

        return (better.Score >= worse.Score).Label($"{worse.Score} → {better.Score}");
    }

    [Fact]
    public void Weights_EachFrom0To100_SummingTo100()
    {
        Assert.Empty(HealthWeights.Default.Problems());
        Assert.Empty(new HealthWeights(100, 0, 0, 0).Problems());
        Assert.Equal([HealthWeightField.Sum], new HealthWeights(35, 25, 30, 11).Problems().Select(p => p.Field));
        Assert.Equal([HealthWeightField.Satisfaction, HealthWeightField.Tasks], new HealthWeights(35, -1, 30, 101).Problems().Select(p => p.Field));
    }

    [Fact]
    public void Json_NamesAreCamelCase()
    {
        Assert.Equal("""["red","amber","green"]""", JsonSerializer.Serialize(Enum.GetValues<HealthBand>(), KaminoJson.Options).Replace(" ", "", StringComparison.Ordinal).ReplaceLineEndings(""));
        Assert.Equal("""["freshness","satisfaction","revenueTrend","overdueTasks"]""",
            JsonSerializer.Serialize(Enum.GetValues<HealthPartName>(), KaminoJson.Options).Replace(" ", "", StringComparison.Ordinal).ReplaceLineEndings(""));
    }

    private static HealthWeights RandomWeights(Random r)
    {
        var a = r.Next(0, 101);
        var b = r.Next(0, 101 - a);
        var c = r.Next(0, 101 - a - b);
        return new HealthWeights(a, b, c, 100 - a - b - c);
    }
}
