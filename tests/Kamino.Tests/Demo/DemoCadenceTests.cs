using Kamino.Activities;
using Kamino.Demo;
using Kamino.People;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Demo;

/// <summary>The demo's cadence: its KAM and Lead KAM own the key accounts, so "Check-ins due" and the reminders show something.</summary>
public sealed class DemoCadenceTests
{
    [Fact]
    public async Task Apply_KamOwnsTheKeyAccounts_NotificationsOnce_ExistingOwnersKept()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));
        await using var test = await TestDatabase.CreateAsync(Engine.Sqlite);
        Assert.True(await DemoData.EnsureAsync(test.Database, clock, DemoData.DefaultLanguage));
        await using var db = test.Database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Id).SingleAsync();
        var lead = await TeamData.MemberAsync(db, ws, "lead@demo.test", Role.LeadKam);
        var kam = await TeamData.MemberAsync(db, ws, "kam@demo.test", Role.Kam, lead);

        await DemoCadence.ApplyAsync(db, clock);
        await DemoCadence.ApplyAsync(db, clock);

        var today = new DateOnly(2026, 3, 15);
        var mine = await CheckinsDue.ListAsync(db, ws, CheckinScope.Mine, kam, today);
        Assert.Equal([DemoData.PizzaChainCustomerId, "CLI-0002"], mine.Select(r => r.CustomerId).Order(StringComparer.Ordinal));
        Assert.Equal(mine.Select(r => r.CustomerId), (await CheckinsDue.ListAsync(db, ws, CheckinScope.Team, lead, today)).Select(r => r.CustomerId));
        var texts = await db.Notifications.Where(n => n.UserId == kam).Select(n => n.Text).ToListAsync();
        Assert.Equal(mine.Count, texts.Count); // one per due account, not repeated by the second run
        Assert.All(mine, r => Assert.Contains(texts, t => t.Contains(r.Name, StringComparison.Ordinal)));
    }
}
