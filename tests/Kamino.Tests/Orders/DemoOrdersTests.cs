using Kamino.Activities;
using Kamino.Alerts;
using Kamino.Demo;
using Kamino.Orders;
using Kamino.People;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Orders;

/// <summary>The demo's orders: the numbers show key accounts served faster, the queue has a late order, and the demo roles each see something real.</summary>
public sealed class DemoOrdersTests
{
    [Theory]
    [InlineData("2026-12-03T10:00:00Z")]
    [InlineData("2027-05-20T23:30:00Z")]
    public async Task Ensure_KeyAccountsServedFaster_QueueWithALateOrder_ApprovalForTheLead(string now)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        await using var test = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var db = test.Database.CreateDbContext();
        var (ws, people) = await DemoTeam.CreateAsync(test, db, clock);
        // As serve --demo makes them: the KAM is supervised by the Lead KAM.
        await db.Memberships.Where(m => m.WorkspaceId == ws && m.UserId == people[Role.Kam]).ExecuteUpdateAsync(s => s.SetProperty(m => m.SupervisorUserId, people[Role.LeadKam]));
        await DemoActivities.EnsureAsync(db, ws, people, clock);

        await DemoOrders.EnsureAsync(db, ws, people, clock);
        var count = await db.Orders.CountAsync();
        await DemoOrders.EnsureAsync(db, ws, people, clock); // once only

        Assert.Equal(count, await db.Orders.CountAsync());
        Assert.InRange(count, 100, 400);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (from, to) = OrderStats.Period(null, null, today);
        var stats = (await OrderStats.ReportAsync(db, ws, from, to)).Tiers;
        var key = stats.Single(t => t.Tier == "Key");
        var standard = stats.Single(t => t.Tier == "Standard");
        Assert.True(key.MedianHours < standard.MedianHours, $"median {key.MedianHours} vs {standard.MedianHours}");
        Assert.True(key.P90Hours < standard.P90Hours, $"p90 {key.P90Hours} vs {standard.P90Hours}");
        Assert.True(key.Orders >= 20 && standard.Orders >= 20);

        var queue = await OrderQueue.PageAsync(db, ws, clock.GetUtcNow().UtcDateTime);
        Assert.InRange(queue.Total, 3, 10);
        Assert.Equal(1, queue.Late);
        Assert.Equal(DemoData.PizzaChainCustomerId, queue.Orders[0].CustomerId);
        Assert.True(queue.Orders[0].Late);

        async Task<List<AlertKind>> Kinds(Role role, CheckinScope scope) =>
            (await AlertsQuery.ListAsync(db, ws, scope, people[role], today)).Open.Select(a => a.Kind).Where(k => k is AlertKind.OrderLate or AlertKind.DiscountApproval).ToList();
        Assert.Equal([AlertKind.DiscountApproval], await Kinds(Role.LeadKam, CheckinScope.Mine));
        Assert.Equal([AlertKind.OrderLate, AlertKind.DiscountApproval], (await Kinds(Role.Kam, CheckinScope.Mine)).Order());
        Assert.Equal([AlertKind.OrderLate], await Kinds(Role.Collaborator, CheckinScope.Mine));
        Assert.Contains(AlertKind.OrderLate, await Kinds(Role.Viewer, CheckinScope.Workspace));
        Assert.Equal(2, (await Kinds(Role.Director, CheckinScope.Workspace)).Count);
    }
}
