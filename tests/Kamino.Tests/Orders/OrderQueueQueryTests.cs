using Kamino.Activities;
using Kamino.Alerts;
using Kamino.Orders;
using Kamino.People;

namespace Kamino.Tests.Orders;

/// <summary>
/// The queue, the statistics and the order alerts on stored orders, on SQLite and PostgreSQL (sealed subclasses at the
/// end). Workspace a: a director, a lead KAM, a KAM they supervise (owner of K1), another KAM, a viewer; customers K1
/// (key account) and S1 (standard). Workspace b holds an order that must never show in a.
/// </summary>
public abstract class OrderQueueQueryTests(Engine engine) : DatabaseTests(engine)
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);

    private int a;
    private int b;
    private long k1;
    private long s1;
    private readonly Dictionary<string, string> users = new(StringComparer.Ordinal);

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        a = await TeamData.WorkspaceAsync(db, "a");
        b = await TeamData.WorkspaceAsync(db, "b");
        users["director"] = await TeamData.MemberAsync(db, a, "director@example.com", Role.Director);
        users["lead"] = await TeamData.MemberAsync(db, a, "lead@example.com", Role.LeadKam);
        users["kam"] = await TeamData.MemberAsync(db, a, "kam@example.com", Role.Kam, users["lead"]);
        users["other"] = await TeamData.MemberAsync(db, a, "other@example.com", Role.Kam);
        users["viewer"] = await TeamData.MemberAsync(db, a, "viewer@example.com", Role.Viewer);
        k1 = await TeamData.CustomerAsync(db, a, "K1");
        s1 = await TeamData.CustomerAsync(db, a, "S1", isKeyAccount: false);
        await TeamData.TeamRowAsync(db, a, k1, users["kam"], Department.Sales, isOwner: true);
        var bCustomer = await TeamData.CustomerAsync(db, b, "K1");
        await OrderSeed.AddAsync(db, b, bCustomer, Now.AddDays(-3));
    }

    private Task<Order> Standard(KaminoDb db, DateTime received, OrderStatus status = OrderStatus.Received, DateTime? fulfilled = null) =>
        OrderSeed.AddAsync(db, a, s1, received, "Standard", 2, 72, status, fulfilled);

    private Task<Order> Key(KaminoDb db, DateTime received, OrderStatus status = OrderStatus.Received, DateTime? fulfilled = null,
        OrderApproval approval = OrderApproval.NotNeeded, string? createdBy = null) =>
        OrderSeed.AddAsync(db, a, k1, received, "Key", 1, 24, status, fulfilled, approval, createdBy, createdBy);

    [Fact]
    public async Task PageAsync_OpenOrders_ByPriorityPromisedReceived_LateFlagged_OnlyThisWorkspace()
    {
        await using var db = Db();
        var oldStandard = await Standard(db, Now.AddHours(-80));          // promised −8 h: late 8 h
        var newStandard = await Standard(db, Now.AddHours(-1));
        var key = await Key(db, Now.AddHours(-2));
        var lateKey = await Key(db, Now.AddHours(-30));                   // promised −6 h: late 6 h
        await Key(db, Now.AddHours(-50), OrderStatus.Fulfilled, Now.AddHours(-40));
        await Key(db, Now.AddHours(-5), OrderStatus.Cancelled);
        await Key(db, Now.AddHours(-1), approval: OrderApproval.Pending);  // in the approvals inbox, not the queue
        var started = await Key(db, Now.AddHours(-3), OrderStatus.InProgress);

        var page = await OrderQueue.PageAsync(db, a, Now);

        Assert.Equal([lateKey.Id, started.Id, key.Id, oldStandard.Id, newStandard.Id], page.Orders.Select(o => o.Number));
        Assert.Equal(5, page.Total);
        Assert.Equal(2, page.Late);
        Assert.Equal([true, false, false, true, false], page.Orders.Select(o => o.Late));
        Assert.Equal(6 * 60, page.Orders[0].LateMinutes);
        Assert.Equal(8 * 60, page.Orders[3].LateMinutes);
        var first = page.Orders[0];
        Assert.Equal(("K1", "Key", 1, OrderStatus.Received), (first.CustomerId, first.Tier, first.Priority, first.Status));
        Assert.Equal(new DateTimeOffset(Now.AddHours(-6)), first.PromisedAt);
        Assert.Equal(TimeSpan.Zero, first.PromisedAt.Offset);
    }

    [Fact]
    public async Task PageAsync_Paged_PagesFollowTheQueue()
    {
        await using var db = Db();
        var numbers = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            numbers.Add((await Standard(db, Now.AddHours(-10 + i))).Id);
        }

        var first = await OrderQueue.PageAsync(db, a, Now, 0, 3);
        var second = await OrderQueue.PageAsync(db, a, Now, 3, 3);
        var last = await OrderQueue.PageAsync(db, a, Now, 6, 3);

        Assert.Equal(numbers, first.Orders.Concat(second.Orders).Concat(last.Orders).Select(o => o.Number));
        Assert.Equal((7, 3), (first.Total, first.Limit));
        Assert.Single(last.Orders);
        Assert.Equal(OrderQueue.MaxLimit, (await OrderQueue.PageAsync(db, a, Now, 0, 10_000)).Limit);
    }

    [Fact]
    public async Task ReportAsync_Period_CountsOrdersReceivedInsideIt_PerTier()
    {
        await using var db = Db();
        await Key(db, Now.AddDays(-1), OrderStatus.Fulfilled, Now.AddDays(-1).AddHours(10));   // 10 h, on time
        await Key(db, Now.AddDays(-2), OrderStatus.Fulfilled, Now.AddDays(-2).AddHours(30));   // 30 h, late
        await Key(db, Now.AddDays(-3), OrderStatus.Fulfilled, Now.AddDays(-3).AddHours(4));    // 4 h, on time
        await Key(db, Now.AddDays(-3));                                                         // open
        await Standard(db, Now.AddDays(-5), OrderStatus.Fulfilled, Now.AddDays(-5).AddHours(50)); // 50 h, on time
        await Standard(db, Now.AddDays(-95), OrderStatus.Fulfilled, Now.AddDays(-95).AddHours(5)); // before the period
        await Standard(db, new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc));              // after it

        var report = await OrderStats.ReportAsync(db, a, Today.AddDays(-89), Today);

        // Key: 4, 10, 30 → median rank 2 = 10 h, p90 rank 3 = 30 h, on time 2 of 3.
        Assert.Equal(
        [
            new TierOrderStats("Key", 1, 4, 3, 10.0m, 30.0m, 0.6667m),
            new TierOrderStats("Standard", 2, 1, 1, 50.0m, 50.0m, 1m),
        ], report.Tiers);
        Assert.Equal(1, (await OrderStats.ReportAsync(db, a, Today.AddDays(-99), Today.AddDays(-90))).Tiers.Single().Orders);
        Assert.Empty((await OrderStats.ReportAsync(db, b, Today, Today)).Tiers);
    }

    private async Task<List<Alert>> AlertsAsync(string user, DateOnly day, CheckinScope scope = CheckinScope.Workspace)
    {
        await using var db = Db();
        return (await AlertsQuery.ListAsync(db, a, scope, users[user], day)).Open.Where(x => x.Kind is AlertKind.OrderLate or AlertKind.DiscountApproval).ToList();
    }

    [Fact]
    public async Task OrderLate_RaisedTheDayAfterThePromise_GoneWhenFulfilled()
    {
        Order order;
        await using (var db = Db())
        {
            order = await Key(db, new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc)); // promised 12-03 09:00
        }

        Assert.Empty(await AlertsAsync("director", Today)); // promised today: the queue flags it, the day's alerts not yet
        var late = Assert.Single(await AlertsAsync("director", Today.AddDays(1)));
        Assert.Equal(AlertKind.OrderLate, late.Kind);
        Assert.Equal($"orderLate:{k1}:{order.Id}", late.Key);
        Assert.Equal($"/w/a/orders/{order.Id}", late.Link);
        Assert.Equal(Today.AddDays(1), late.Since);
        Assert.Equal(15, late.Figures.Hours);
        Assert.Equal($"Order {order.Id} of Customer K1 promised by 2026-12-03 09:00 UTC is 15 h late (at the start of 2026-12-04)", late.Reason);

        await using (var db = Db())
        {
            await OrderSeed.UpdateAsync(db, a, order.Id, o => { o.Status = OrderStatus.Fulfilled; o.FulfilledAt = Now; });
        }

        Assert.Empty(await AlertsAsync("director", Today.AddDays(1)));
    }

    [Fact]
    public async Task OrderLate_Scopes_TeamAndHandlerSeeIt_OtherKamOnlyInTheWorkspace()
    {
        await using (var db = Db())
        {
            await Key(db, Now.AddDays(-3));
        }

        var tomorrow = Today.AddDays(1);
        Assert.Single(await AlertsAsync("kam", tomorrow, CheckinScope.Mine));
        Assert.Single(await AlertsAsync("lead", tomorrow, CheckinScope.Team));
        Assert.Empty(await AlertsAsync("lead", tomorrow, CheckinScope.Mine));
        Assert.Empty(await AlertsAsync("other", tomorrow, CheckinScope.Mine));
        Assert.Single(await AlertsAsync("other", tomorrow, CheckinScope.Workspace));
    }

    [Fact]
    public async Task DiscountApproval_ShownToApproversAndTheCreator_GoneWhenApproved()
    {
        Order order;
        await using (var db = Db())
        {
            order = await Key(db, Now.AddHours(-2), approval: OrderApproval.Pending, createdBy: users["kam"]);
        }

        foreach (var user in new[] { "director", "lead", "kam" })
        {
            var alert = Assert.Single(await AlertsAsync(user, Today, CheckinScope.Mine));
            Assert.Equal((AlertKind.DiscountApproval, $"discountApproval:{k1}:{order.Id}", Today), (alert.Kind, alert.Key, alert.Since));
        }

        // The other KAM and the viewer may not approve it and did not enter it.
        Assert.Empty(await AlertsAsync("other", Today));
        Assert.Empty(await AlertsAsync("viewer", Today));

        await using (var db = Db())
        {
            await OrderSeed.UpdateAsync(db, a, order.Id, o => { o.Approval = OrderApproval.Approved; o.DecidedByUserId = users["lead"]; });
        }

        Assert.Empty(await AlertsAsync("lead", Today));
        Assert.Empty(await AlertsAsync("kam", Today));
    }

    [Fact]
    public async Task DiscountApproval_LeadEnteredIt_OnlyTheDirectorMayApprove()
    {
        await using (var db = Db())
        {
            await Key(db, Now.AddHours(-2), approval: OrderApproval.Pending, createdBy: users["lead"]);
        }

        Assert.Single(await AlertsAsync("director", Today));
        var own = Assert.Single(await AlertsAsync("lead", Today)); // as its creator, to follow it
        Assert.Equal(AlertKind.DiscountApproval, own.Kind);
        Assert.Empty(await AlertsAsync("kam", Today)); // neither approver nor creator, though the account is theirs
    }

    [Fact]
    public async Task OrderAlerts_AcknowledgedByKey_Hidden()
    {
        Order order;
        await using (var db = Db())
        {
            order = await Key(db, Now.AddDays(-3));
        }

        await using (var db = Db())
        {
            var done = await AlertDismissals.AcknowledgeAsync(db, a, users["director"], $"orderLate:{k1}:{order.Id}", Today, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
            Assert.True(done.Succeeded);
        }

        Assert.Empty(await AlertsAsync("director", Today));
        Assert.Single(await AlertsAsync("lead", Today));
    }
}

public sealed class OrderQueueQueryTestsSqlite() : OrderQueueQueryTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class OrderQueueQueryTestsPostgres() : OrderQueueQueryTests(Engine.Postgres);
