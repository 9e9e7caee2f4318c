using Kamino.Activities;
using Kamino.Demo;
using Kamino.People;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Activities;

/// <summary>The demo's served key accounts: the cadence mix holds on whatever day the demo is made.</summary>
public sealed class DemoActivitiesTests
{
    [Theory]
    [InlineData("2026-03-15T12:00:00Z")]
    [InlineData("2027-08-02T07:00:00Z")]
    public async Task Ensure_OnAnyDay_GivesUpToDateDueSoonOverdueAndNeverContactedKeyAccounts(string now)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        await using var test = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var db = test.Database.CreateDbContext();
        var (ws, people) = await DemoTeam.CreateAsync(test, db, clock);

        await DemoActivities.EnsureAsync(db, ws, people, clock);
        var count = await db.Activities.CountAsync();
        await DemoActivities.EnsureAsync(db, ws, people, clock); // once only

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var status = new Dictionary<string, CheckinStatus?>(StringComparer.Ordinal);
        var keyAccounts = await (from c in db.Customers
                                 join t in db.Tiers on new { c.WorkspaceId, Id = c.TierId!.Value } equals new { t.WorkspaceId, t.Id }
                                 where c.WorkspaceId == ws && c.IsKeyAccount
                                 select new { c.Id, c.Key, t.CheckinDays }).ToListAsync();
        foreach (var account in keyAccounts)
        {
            var last = (await db.Activities.Where(x => x.WorkspaceId == ws && x.CustomerId == account.Id && x.IsCheckin).ToListAsync()).MaxBy(x => x.At);
            status[account.Key] = Cadence.Of(last is null ? null : ActivityRules.DayOf(last.At), last?.NextCheckinOn, account.CheckinDays, today).Status;
        }

        Assert.Equal(count, await db.Activities.CountAsync());
        Assert.Equal(CheckinStatus.UpToDate, status[DemoData.PizzaChainCustomerId]);
        Assert.Equal(CheckinStatus.DueSoon, status["CLI-0002"]);
        Assert.Equal(CheckinStatus.Overdue, status["CLI-0003"]);
        Assert.Equal(CheckinStatus.NeverContacted, status["CLI-0006"]);
        var all = await db.Activities.Where(x => x.WorkspaceId == ws).ToListAsync();
        Assert.All(all, x => Assert.Contains(x.LoggedByUserId, new[] { people[Role.Kam], people[Role.LeadKam] }));
        Assert.Contains(all, x => x.Nps is not null && x.NpsContactId is not null);
        Assert.All(all.Where(x => x.IsCheckin), x => Assert.InRange(x.Csat!.Value, 1, 5));
        Assert.All(all, x => Assert.True(x.At <= clock.GetUtcNow()));
        Assert.True(await db.Tasks.AnyAsync(t => t.WorkspaceId == ws && t.AssigneeUserId == people[Role.Kam]));
    }
}
