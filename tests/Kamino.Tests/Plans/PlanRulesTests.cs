using FsCheck.Xunit;
using Kamino.Plans;

namespace Kamino.Tests.Plans;

public class PlanRulesTests
{
    [Fact]
    public void Problems_BlankTitleAndLongTexts_AreKeyedByField()
    {
        var problems = PlanRules.Problems(new ObjectiveFields(PlanArea.Sales, "  ", Measure: new string('m', 201), Target: new string('t', 201)));
        Assert.Equal(["title", "measure", "target"], problems.Select(p => p.Field));

        var situation = PlanRules.Problems(new SituationFields(new string('s', 1001), "ok", null, new string('t', 1000)));
        Assert.Equal("strengths", Assert.Single(situation).Field);
    }

    [Fact]
    public void Problems_UndefinedAreaStatusOrFarDueDate_AreRefused()
    {
        var problems = PlanRules.Problems(new ObjectiveFields((PlanArea)42, "Grow", DueOn: new DateOnly(2201, 1, 1), Status: (ObjectiveStatus)9));
        Assert.Equal(["area", "status", "dueOn"], problems.Select(p => p.Field));
        Assert.Empty(PlanRules.Problems(new ObjectiveFields(PlanArea.Direction, "Grow", DueOn: new DateOnly(2026, 12, 31))));
    }

    [Fact]
    public void Normalize_TrimsTextAndBlankOwnerIsNobody()
    {
        var f = PlanRules.Normalize(new ObjectiveFields(PlanArea.Sales, "  Grow  ", " ", " 60 bikes "));
        Assert.Equal(("Grow", null, "60 bikes", ""), (f.Title, f.OwnerUserId, f.Measure, f.Target));
    }

    [Theory]
    [InlineData(new bool[0], 0, 0, null)]
    [InlineData(new[] { true }, 1, 1, 100)]
    [InlineData(new[] { true, false, false }, 1, 3, 33)]
    [InlineData(new[] { true, true, false }, 2, 3, 66)]
    public void Progress_IsDoneActionsOverActions(bool[] done, int expectedDone, int expectedTotal, int? percent)
    {
        var progress = PlanRules.Progress(done);
        Assert.Equal((expectedDone, expectedTotal, percent), (progress.Done, progress.Total, progress.Percent));
    }

    [Property]
    public bool Progress_IsAHundredOnlyWhenEveryActionIsDone(bool[] done) =>
        (PlanRules.Progress(done).Percent is not { } p
            ? done.Length == 0
            : p is >= 0 and <= 100 && (p == 100) == done.All(d => d));

    [Fact]
    public void NextYear_ResetsStatusAndMovesTheDueDateAYear()
    {
        var next = PlanRules.NextYear(new ObjectiveFields(PlanArea.Service, "Swaps", "u1", "Median", "30 min", new DateOnly(2028, 2, 29), ObjectiveStatus.AtRisk));
        Assert.Equal((ObjectiveStatus.NotStarted, new DateOnly(2029, 2, 28), "Swaps", "u1"), (next.Status, next.DueOn, next.Title, next.OwnerUserId));
        Assert.False(PlanRules.CarriesOver(ObjectiveStatus.Done));
        Assert.True(PlanRules.CarriesOver(ObjectiveStatus.AtRisk));
    }

    [Theory]
    [InlineData("on-track", ObjectiveStatus.OnTrack)]
    [InlineData("onTrack", ObjectiveStatus.OnTrack)]
    [InlineData("NOT STARTED", ObjectiveStatus.NotStarted)]
    [InlineData("at_risk", ObjectiveStatus.AtRisk)]
    public void TryParseStatus_ReadsUsualSpellings(string text, ObjectiveStatus expected)
    {
        Assert.True(PlanRules.TryParseStatus(text, out var status));
        Assert.Equal(expected, status);
        Assert.False(PlanRules.TryParseStatus("7", out _));
        Assert.False(PlanRules.TryParseArea("finance", out _));
        Assert.True(PlanRules.TryParseArea("Direction", out var area) && area == PlanArea.Direction);
    }
}
