using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kamino.Activities;
using Kamino.Alerts;
using Kamino.Health;

namespace Kamino.Tests.Alerts;

/// <summary>The alert rules (PRODUCT.md §3, Alerts): each kind raised and cleared on the right day, on both sides of its threshold.</summary>
public sealed class AlertRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly RevenueSums Flat = new(100_00, 100_00, 0, true);

    private static AccountSignals Signals(CadenceState? cadence = null, int? csat = null, int? previous = null, DateOnly? csatOn = null, int? nps = null,
        RevenueSums? revenue = null) =>
        new(7, "K1", "Customer K1", "Key", 30, cadence ?? Cadence.Of(Today.AddDays(-1), null, 30, Today), csat, csat is null ? null : csatOn ?? Today.AddDays(-3), previous,
            nps, nps is null ? null : Today.AddDays(-3), null, revenue ?? Flat, 0, "u1", "kam@a.test", "Karl");

    private static IReadOnlyList<Alert> Alerts(AccountSignals s, DateOnly? today = null) => AlertRules.ForAccount(s, "a", today ?? Today);

    [Fact]
    public void AllWell_NoAlert()
    {
        Assert.Empty(Alerts(Signals(csat: 4, previous: 5, nps: 9)));
    }

    [Theory]
    [InlineData(30, false)] // due today: not yet overdue
    [InlineData(31, true)]  // the day after the due day
    [InlineData(45, true)]
    public void CheckinOverdue_FromTheDayAfterTheDueDay(int daysSinceCheckin, bool raised)
    {
        var last = Today.AddDays(-daysSinceCheckin);
        var alerts = Alerts(Signals(Cadence.Of(last, null, 30, Today))).Where(a => a.Kind == AlertKind.CheckinOverdue).ToList();

        Assert.Equal(raised, alerts.Count == 1);
        if (raised)
        {
            var due = last.AddDays(30);
            Assert.Equal(due.AddDays(1), alerts[0].Since);
            Assert.Equal(daysSinceCheckin - 30, alerts[0].Figures.Days);
            Assert.Equal("/w/a/accounts/K1", alerts[0].Link);
            Assert.Equal("checkinOverdue:7", alerts[0].Key);
            Assert.Contains($"overdue by {daysSinceCheckin - 30} day(s)", alerts[0].Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CheckinOverdue_StaysTheSameAlertWhileOverdue_ClearedByACheckin()
    {
        var last = Today.AddDays(-40);
        var day1 = Alerts(Signals(Cadence.Of(last, null, 30, Today))).Single();
        var day2 = Alerts(Signals(Cadence.Of(last, null, 30, Today.AddDays(1))), Today.AddDays(1)).Single();

        Assert.Equal((day1.Key, day1.Fingerprint, day1.Since), (day2.Key, day2.Fingerprint, day2.Since));
        Assert.Empty(Alerts(Signals(Cadence.Of(Today, null, 30, Today))));
    }

    [Fact]
    public void NeverContacted_RaisesCheckinOverdue_SinceTheDayItBecameKey()
    {
        var alert = AlertRules.ForAccount(Signals(Cadence.Of(null, null, 30, Today)), "a", Today, keySince: Today.AddDays(-12)).Single();

        Assert.Equal((AlertKind.CheckinOverdue, Today.AddDays(-12), "never"), (alert.Kind, alert.Since, alert.Fingerprint));
        Assert.Null(alert.Figures.On);
    }

    [Fact]
    public void TierWithoutCadence_NoCheckinAlert()
    {
        Assert.Empty(Alerts(Signals(Cadence.Of(null, null, null, Today))));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void CsatLow_AtOrBelowTwo(int csat, bool raised)
    {
        var alerts = Alerts(Signals(csat: csat, csatOn: Today.AddDays(-5))).Where(a => a.Kind == AlertKind.CsatLow).ToList();

        Assert.Equal(raised, alerts.Count == 1);
        Assert.All(alerts, a => Assert.Equal(Today.AddDays(-5), a.Since));
    }

    [Theory]
    [InlineData(5, 3, true)]  // two points
    [InlineData(5, 4, false)] // one point
    [InlineData(4, 1, true)]  // three points (and low)
    [InlineData(3, 5, false)] // up
    public void CsatDrop_TwoPointsOrMore(int previous, int latest, bool raised)
    {
        var alerts = Alerts(Signals(csat: latest, previous: previous)).Where(a => a.Kind == AlertKind.CsatDrop).ToList();

        Assert.Equal(raised, alerts.Count == 1);
        Assert.All(alerts, a => Assert.Equal((latest, previous), (a.Figures.Score, a.Figures.Previous)));
    }

    [Fact]
    public void CsatDrop_ClearedByTheNextCheckin()
    {
        var dropped = Alerts(Signals(csat: 3, previous: 5)).Single(a => a.Kind == AlertKind.CsatDrop);
        var after = Alerts(Signals(csat: 4, previous: 3, csatOn: Today));

        Assert.Equal("csatDrop:7", dropped.Key);
        Assert.DoesNotContain(after, a => a.Kind == AlertKind.CsatDrop);
    }

    [Property]
    public Property NpsDetractor_ExactlyForAnswersZeroToSix() =>
        Prop.ForAll(Gen.Choose(0, 10).ToArbitrary(), nps =>
            Alerts(Signals(nps: nps)).Any(a => a.Kind == AlertKind.NpsDetractor) == nps <= 6);

    [Property]
    public Property CsatKinds_MatchTheirThresholds() =>
        Prop.ForAll(Gen.Choose(1, 5).ToArbitrary(), Gen.Choose(1, 5).ToArbitrary(), (latest, previous) =>
        {
            var kinds = Alerts(Signals(csat: latest, previous: previous)).Select(a => a.Kind).ToList();
            return kinds.Contains(AlertKind.CsatLow) == latest <= 2 && kinds.Contains(AlertKind.CsatDrop) == previous - latest >= 2;
        });

    [Theory]
    [InlineData(70_00, true)]  // −30%: the threshold itself
    [InlineData(70_01, false)] // just under 30%
    [InlineData(10_00, true)]
    public void RevenueDrop_ThirtyPercentOrMore(long current, bool raised)
    {
        var alerts = AlertRules.ForAccount(Signals(revenue: new RevenueSums(current, 100_00, 0, true)), "a", Today, revenueDropSince: Today.AddDays(-3))
            .Where(a => a.Kind == AlertKind.RevenueDrop).ToList();

        Assert.Equal(raised, alerts.Count == 1);
        Assert.All(alerts, a => Assert.Equal((Today.AddDays(-3), RevenueComparison.YearBefore), (a.Since, a.Figures.Comparison)));
    }

    [Fact]
    public void RevenueDrop_NoneWithoutComparisonRevenue()
    {
        Assert.Empty(Alerts(Signals(revenue: new RevenueSums(0, 0, 0, false))));
    }

    [Fact]
    public void RevenueDropSince_TheFirstDayTheFallReached30Percent()
    {
        // 100 a day for a year and more, then nothing from 2026-02-01: the last 90 days fall against the same days a year before.
        var daily = new Dictionary<DateOnly, long>();
        for (var d = new DateOnly(2024, 1, 1); d < new DateOnly(2026, 2, 1); d = d.AddDays(1))
        {
            daily[d] = 100;
        }

        var since = AlertRules.RevenueDropSince(Today, daily, new DateOnly(2024, 1, 1));

        // Down 30% once 27 of the 90 days are empty: the 27th empty day, 2026-02-27.
        Assert.Equal(new DateOnly(2026, 2, 27), since);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)] // due today
    public void TaskOverdue_FromTheDayAfterItsDueDay_LinksToTheTask(int due, bool overdue)
    {
        var task = new OverdueTask(12, 7, "Send the quote", Today.AddDays(due), "u1");
        var alert = AlertRules.ForTask(task, "K1", "Customer K1", "a", Today);

        Assert.Equal(overdue, alert.Since <= Today);
        Assert.Equal(("taskOverdue:7:12", "/w/a/tasks/12", Today.AddDays(due + 1)), (alert.Key, alert.Link, alert.Since));
        Assert.Equal(7, AlertRules.AccountIdOf(alert.Key));
    }

    [Fact]
    public void Hides_AcknowledgedWhileUnchanged_SnoozedUpToItsDay()
    {
        var alert = Alerts(Signals(csat: 2)).Single();
        AlertDismissal D(AlertAction action, string? fingerprint = null, DateOnly? until = null) =>
            new() { UserId = "u", AlertKey = alert.Key, Fingerprint = fingerprint ?? alert.Fingerprint, Action = action, SnoozedUntil = until };

        Assert.True(AlertRules.Hides(D(AlertAction.Acknowledged), alert, Today));
        Assert.False(AlertRules.Hides(D(AlertAction.Acknowledged, "changed"), alert, Today));
        Assert.True(AlertRules.Hides(D(AlertAction.Snoozed, until: Today), alert, Today));
        Assert.False(AlertRules.Hides(D(AlertAction.Snoozed, until: Today.AddDays(-1)), alert, Today));
        Assert.False(AlertRules.Hides(D(AlertAction.Snoozed, "changed", Today.AddDays(5)), alert, Today));
        Assert.False(AlertRules.Hides(null, alert, Today));
    }

    [Theory]
    [InlineData("2026-03-09", "2026-03-09")] // Monday
    [InlineData("2026-03-15", "2026-03-09")] // Sunday
    [InlineData("2026-03-10", "2026-03-09")]
    public void Digest_WeekOf_IsItsMonday(string day, string monday)
    {
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), AlertDigests.WeekOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
