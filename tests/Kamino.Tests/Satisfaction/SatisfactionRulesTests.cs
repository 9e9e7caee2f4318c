using FsCheck;
using FsCheck.Xunit;
using Kamino.Satisfaction;

namespace Kamino.Tests.Satisfaction;

/// <summary>NPS groups and score, average CSAT and the CSAT trend, without a database.</summary>
public sealed class SatisfactionRulesTests
{
    [Theory]
    [InlineData(0, NpsGroup.Detractor)]
    [InlineData(6, NpsGroup.Detractor)]
    [InlineData(7, NpsGroup.Passive)]
    [InlineData(8, NpsGroup.Passive)]
    [InlineData(9, NpsGroup.Promoter)]
    [InlineData(10, NpsGroup.Promoter)]
    public void Group_Boundaries(int answer, NpsGroup group) => Assert.Equal(group, SatisfactionRules.Group(answer));

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Group_OutsideZeroToTen_Throws(int answer) => Assert.Throws<ArgumentOutOfRangeException>(() => SatisfactionRules.Group(answer));

    [Fact]
    public void Nps_PercentPromotersMinusPercentDetractors_WithTheCounts()
    {
        // 3 promoters, 1 passive, 2 detractors of 6: 50 % − 33.3 % = 16.7.
        Assert.Equal(new NpsFigure(16.7m, 3, 1, 2), SatisfactionRules.Nps([10, 9, 9, 8, 6, 0]));
        Assert.Equal(new NpsFigure(-100m, 0, 0, 2), SatisfactionRules.Nps([0, 6]));
        Assert.Equal(new NpsFigure(0m, 0, 2, 0), SatisfactionRules.Nps([7, 8]));
    }

    [Fact]
    public void Nps_NoAnswers_NoScore() => Assert.Equal(new NpsFigure(null, 0, 0, 0), SatisfactionRules.Nps([]));

    [Fact]
    public void AverageCsat_TwoDecimals_NoneWithoutCheckins()
    {
        Assert.Equal(3.67m, SatisfactionRules.AverageCsat([5, 4, 2]));
        Assert.Equal(5m, SatisfactionRules.AverageCsat([5]));
        Assert.Null(SatisfactionRules.AverageCsat([]));
    }

    [Theory]
    [InlineData(4, 3, CsatTrend.Up)]
    [InlineData(2, 5, CsatTrend.Down)]
    [InlineData(3, 3, CsatTrend.Same)]
    [InlineData(3, null, CsatTrend.None)]
    [InlineData(null, null, CsatTrend.None)]
    public void Trend_LatestAgainstPrevious(int? latest, int? previous, CsatTrend trend) => Assert.Equal(trend, SatisfactionRules.Trend(latest, previous));

    [Fact]
    public void ForAccount_LatestByTimeThenId_WhateverTheOrder()
    {
        var march = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        // Logged with an offset: 00:30 at +02:00 is the day before in UTC.
        var april = new DateTimeOffset(2026, 4, 2, 0, 30, 0, TimeSpan.FromHours(2));

        var result = SatisfactionRules.ForAccount([(3, april, 2), (1, march, 4), (2, march, 5)]);

        Assert.Equal(new AccountSatisfaction(2, new DateOnly(2026, 4, 1), 5, CsatTrend.Down), result);
        Assert.Equal(new AccountSatisfaction(4, new DateOnly(2026, 3, 2), null, CsatTrend.None), SatisfactionRules.ForAccount([(1, march, 4)]));
        Assert.Equal(new AccountSatisfaction(null, null, null, CsatTrend.None), SatisfactionRules.ForAccount([]));
    }

    [Property(MaxTest = 300)]
    public void Nps_AnyAnswers_ScoreWithinPlusMinus100_CountsAddUp(byte[] raw)
    {
        var answers = raw.Select(b => b % 11).ToList();

        var nps = SatisfactionRules.Nps(answers);

        Assert.Equal(answers.Count, nps.Answers);
        Assert.Equal(answers.Count(a => a >= 9), nps.Promoters);
        Assert.Equal(answers.Count(a => a <= 6), nps.Detractors);
        if (answers.Count == 0)
        {
            Assert.Null(nps.Score);
        }
        else
        {
            Assert.InRange(nps.Score!.Value, -100m, 100m);
            Assert.Equal(Math.Round(100m * (nps.Promoters - nps.Detractors) / answers.Count, 1, MidpointRounding.AwayFromZero), nps.Score);
        }
    }

    [Property(MaxTest = 300)]
    public void Nps_AddingAPromoter_NeverLowersTheScore_AddingADetractor_NeverRaisesIt(byte[] raw)
    {
        var answers = raw.Select(b => b % 11).ToList();
        var before = SatisfactionRules.Nps(answers).Score ?? -100m;

        Assert.True(SatisfactionRules.Nps([.. answers, 10]).Score >= before - 0.1m);
        Assert.True(SatisfactionRules.Nps([.. answers, 0]).Score <= (SatisfactionRules.Nps(answers).Score ?? 100m) + 0.1m);
    }

    [Property(MaxTest = 300)]
    public void AverageCsat_AnyCsats_BetweenTheLowestAndTheHighest(NonEmptyArray<byte> raw)
    {
        var csats = raw.Get.Select(b => b % 5 + 1).ToList();

        var average = SatisfactionRules.AverageCsat(csats)!.Value;

        Assert.InRange(average, csats.Min(), csats.Max());
    }
}
