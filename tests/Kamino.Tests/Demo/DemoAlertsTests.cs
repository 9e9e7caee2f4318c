using Kamino.Activities;
using Kamino.Alerts;
using Kamino.Demo;
using Kamino.People;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Demo;

/// <summary>The demo's alerts: on whatever day the demo is made, the demo KAM and Lead KAM have alerts of several kinds on their accounts.</summary>
public sealed class DemoAlertsTests
{
    [Theory]
    [InlineData("2026-03-15T12:00:00Z")]
    [InlineData("2027-08-02T07:00:00Z")]
    public async Task Demo_KamAndLeadKam_SeeAlertsOfSeveralKinds(string now)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        await using var test = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var db = test.Database.CreateDbContext();
        var (ws, people) = await DemoTeam.CreateAsync(test, db, clock);

        await DemoActivities.EnsureAsync(db, ws, people, clock);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

        var kam = (await AlertsQuery.ListAsync(db, ws, CheckinScope.Mine, people[Role.Kam], today)).Open;
        var lead = (await AlertsQuery.ListAsync(db, ws, CheckinScope.Mine, people[Role.LeadKam], today)).Open;
        var director = (await AlertsQuery.ListAsync(db, ws, CheckinScope.Workspace, people[Role.Director], today)).Open;

        Assert.Superset(new HashSet<AlertKind> { AlertKind.CheckinOverdue, AlertKind.CsatLow, AlertKind.CsatDrop, AlertKind.NpsDetractor, AlertKind.TaskOverdue },
            kam.Select(a => a.Kind).ToHashSet());
        Assert.Contains(lead, a => a.Kind == AlertKind.TaskOverdue && a.CustomerId == "CLI-0002");
        Assert.Superset(kam.Concat(lead).Select(a => a.Key).ToHashSet(StringComparer.Ordinal), director.Select(a => a.Key).ToHashSet(StringComparer.Ordinal));
        Assert.All(director, a => Assert.StartsWith("/w/demo/", a.Link, StringComparison.Ordinal));
    }
}
