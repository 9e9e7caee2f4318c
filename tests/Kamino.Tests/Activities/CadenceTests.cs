using System.Text.Json;
using FsCheck.Xunit;
using Kamino.Activities;

namespace Kamino.Tests.Activities;

/// <summary>The cadence rule (PRODUCT.md §3, Cadence) on chosen days.</summary>
public sealed class CadenceTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Fact]
    public void Of_NeverContacted_IsDueNow()
    {
        var s = Cadence.Of(null, null, 30, Today);

        Assert.Equal(new CadenceState(null, null, CheckinStatus.NeverContacted, 0), s);
    }

    [Fact]
    public void Of_NoCadence_HasNoStatus_EvenWhenNeverContacted()
    {
        Assert.Null(Cadence.Of(null, null, null, Today).Status);
        Assert.Null(Cadence.Of(Today.AddDays(-400), null, null, Today).Status);
    }

    [Theory]
    [InlineData(-1, CheckinStatus.UpToDate, 0)]     // checked in yesterday: due in 29 days
    [InlineData(-22, CheckinStatus.UpToDate, 0)]    // due in 8 days
    [InlineData(-23, CheckinStatus.DueSoon, 0)]     // due in 7 days: due soon
    [InlineData(-30, CheckinStatus.DueSoon, 0)]     // due today: not overdue yet
    [InlineData(-31, CheckinStatus.Overdue, 1)]     // due yesterday
    [InlineData(-100, CheckinStatus.Overdue, 70)]
    public void Of_LastCheckinPlusInterval(int daysAgo, CheckinStatus status, int overdue)
    {
        var s = Cadence.Of(Today.AddDays(daysAgo), null, 30, Today);

        Assert.Equal(Today.AddDays(daysAgo + 30), s.NextDue);
        Assert.Equal((status, overdue), (s.Status, s.DaysOverdue));
    }

    [Fact]
    public void Of_ExplicitNextDate_WinsOverTheInterval_AndWorksWithoutOne()
    {
        var last = Today.AddDays(-40);
        var callBack = Today.AddDays(5);

        Assert.Equal((callBack, CheckinStatus.DueSoon), (Cadence.Of(last, callBack, 30, Today).NextDue, Cadence.Of(last, callBack, 30, Today).Status));
        Assert.Equal(CheckinStatus.DueSoon, Cadence.Of(last, callBack, null, Today).Status);
    }

    [Fact]
    public void Status_InJson_IsCamelCase()
    {
        var json = JsonSerializer.Serialize(Enum.GetValues<CheckinStatus>(), KaminoJson.Options);

        Assert.Equal("""["upToDate","dueSoon","overdue","neverContacted"]""", json.ReplaceLineEndings("").Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void InDueOrder_NeverContactedFirst_ThenMostOverdue_ThenNextDue()
    {
        CheckinDue Row(string key, CheckinStatus status, int overdue, int? dueIn) =>
            new(key, "Customer " + key, "Key", null, null, dueIn is { } d ? Today.AddDays(d) : null, status, overdue);
        var rows = new[]
        {
            Row("up", CheckinStatus.UpToDate, 0, 20),
            Row("soon", CheckinStatus.DueSoon, 0, 3),
            Row("late2", CheckinStatus.Overdue, 2, -2),
            Row("never", CheckinStatus.NeverContacted, 0, null),
            Row("late9", CheckinStatus.Overdue, 9, -9),
            Row("today", CheckinStatus.DueSoon, 0, 0),
        };

        Assert.Equal(["never", "late9", "late2", "today", "soon", "up"], CheckinsDue.InDueOrder(rows, r => r).Select(r => r.CustomerId));
    }
}

/// <summary>
/// Properties of the cadence over random check-in histories: a history is a list of day offsets (the check-ins),
/// optionally with an explicit next date set by the latest; the rule sees the latest, as the query passes it.
/// </summary>
public sealed class CadenceProperties
{
    private static readonly DateOnly Origin = new(2026, 1, 1);

    private static CadenceState Judge(int[] history, int? explicitIn, int interval, int todayOffset)
    {
        DateOnly? last = history.Length == 0 ? null : Origin.AddDays(history.Max(d => Math.Abs(d % 400)));
        DateOnly? next = last is { } l && explicitIn is { } e ? l.AddDays(Math.Abs(e % 120)) : null;
        return Cadence.Of(last, next, interval, Origin.AddDays(Math.Abs(todayOffset % 600)));
    }

    private static int Interval(byte b) => b % 120 + 1;

    [Property(MaxTest = 500)]
    public void OverdueIffDaysOverdueArePositive(int[] history, int? explicitIn, byte interval, int today)
    {
        var s = Judge(history, explicitIn, Interval(interval), today);

        Assert.Equal(s.Status == CheckinStatus.Overdue, s.DaysOverdue > 0);
        Assert.True(s.DaysOverdue >= 0);
    }

    [Property(MaxTest = 500)]
    public void NeverContactedOnlyWithoutACheckin(int[] history, byte interval, int today)
    {
        var s = Judge(history, null, Interval(interval), today);

        Assert.Equal(history.Length == 0, s.Status == CheckinStatus.NeverContacted);
        Assert.Equal(history.Length == 0, s.NextDue is null);
    }

    [Property(MaxTest = 500)]
    public void ALaterCheckinNeverMakesAnAccountMoreOverdue(int[] history, int later, byte interval, int today)
    {
        var before = Judge(history, null, Interval(interval), today);
        var after = Judge([.. history, later], null, Interval(interval), today);

        Assert.True(after.DaysOverdue <= before.DaysOverdue || before.Status == CheckinStatus.NeverContacted);
        Assert.NotEqual(CheckinStatus.NeverContacted, after.Status);
    }

    [Property(MaxTest = 500)]
    public void AnExplicitNextDateWins(int[] history, int explicitIn, byte interval, int today)
    {
        var withIt = Judge(history, explicitIn, Interval(interval), today);
        var last = history.Length == 0 ? (DateOnly?)null : Origin.AddDays(history.Max(d => Math.Abs(d % 400)));

        Assert.Equal(last?.AddDays(Math.Abs(explicitIn % 120)), withIt.NextDue);
    }

    [Property(MaxTest = 500)]
    public void StatusFollowsTheDaysToTheDueDate(int[] history, byte interval, int today)
    {
        var todayDay = Origin.AddDays(Math.Abs(today % 600));
        var s = Judge(history, null, Interval(interval), today);
        if (s.NextDue is not { } due)
        {
            return;
        }

        var daysLeft = due.DayNumber - todayDay.DayNumber;
        var expected = daysLeft < 0 ? CheckinStatus.Overdue : daysLeft <= Cadence.DueSoonDays ? CheckinStatus.DueSoon : CheckinStatus.UpToDate;
        Assert.Equal(expected, s.Status);
    }
}
