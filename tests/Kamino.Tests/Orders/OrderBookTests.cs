using Kamino.Orders;
using Kamino.People;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Orders;

/// <summary>
/// Orders on SQLite and PostgreSQL (sealed subclasses at the end). Workspace <c>a</c>: a Director, a Lead KAM who
/// supervises the KAM, another Lead KAM who supervises another KAM, a Collaborator and a Viewer; key account KEY1 owned
/// by the KAM, key account KEY2 owned by the other KAM, customer PLAIN (not key: the lowest tier). Default tiers: Key
/// 5–15 %, priority 1, 24 h; Standard 0–5 %, priority 2, 72 h. Workspace <c>b</c> has its own Director and customer.
/// </summary>
public abstract class OrderBookTests(Engine engine) : DatabaseTests(engine)
{
    private readonly FakeTimeProvider clock = new(TeamData.Start);
    private readonly Dictionary<string, string> users = [];
    private int a;
    private int b;
    private long key1;
    private long key2;
    private long plain;
    private long foreign;

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        a = await TeamData.WorkspaceAsync(db, "a");
        b = await TeamData.WorkspaceAsync(db, "b");
        users["director"] = await TeamData.MemberAsync(db, a, "director@a.test", Role.Director);
        users["lead"] = await TeamData.MemberAsync(db, a, "lead@a.test", Role.LeadKam);
        users["otherLead"] = await TeamData.MemberAsync(db, a, "other-lead@a.test", Role.LeadKam);
        users["kam"] = await TeamData.MemberAsync(db, a, "kam@a.test", Role.Kam, users["lead"]);
        users["otherKam"] = await TeamData.MemberAsync(db, a, "other-kam@a.test", Role.Kam, users["otherLead"]);
        users["collaborator"] = await TeamData.MemberAsync(db, a, "collab@a.test", Role.Collaborator);
        users["viewer"] = await TeamData.MemberAsync(db, a, "viewer@a.test", Role.Viewer);
        users["outsider"] = await TeamData.MemberAsync(db, b, "boss@b.test", Role.Director);
        key1 = await TeamData.CustomerAsync(db, a, "KEY1");
        key2 = await TeamData.CustomerAsync(db, a, "KEY2");
        plain = await TeamData.CustomerAsync(db, a, "PLAIN", isKeyAccount: false);
        foreign = await TeamData.CustomerAsync(db, b, "FOREIGN");
        await TeamData.TeamRowAsync(db, a, key1, users["kam"], Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, a, key1, users["collaborator"], Department.Marketing);
        await TeamData.TeamRowAsync(db, a, key2, users["otherKam"], Department.Sales, isOwner: true);
    }

    [Fact]
    public async Task Create_InsideTheRange_ProceedsWithTheTiersPromise_NumberedNext_Audited()
    {
        await using var db = Db();
        var received = TeamData.Start.AddHours(-2);
        var first = await CreateAsync(db, key1, "kam", [Line("Helmets", 4, 8990, 5), Line("Batteries", 2, 45000, 15)], received);
        var second = await CreateAsync(db, plain, null, [Line("Gloves", 1, 1000, 0)]);

        var o = first.Order!;
        Assert.Equal((1L, "Key", 1, OrderStatus.Received, false, OrderApproval.NotNeeded), (o.Number, o.Tier, o.Priority, o.Status, o.NeedsApproval, o.Approval));
        Assert.Equal((received, received.AddHours(24)), (o.ReceivedAt, o.PromisedAt));
        Assert.Equal((34162L, 76500L, 110662L, "EUR"), (o.Lines[0].NetCents, o.Lines[1].NetCents, o.TotalCents, o.Currency));
        Assert.Equal((5m, 15m, 1), (o.DiscountMinPct, o.DiscountMaxPct, o.Version));
        Assert.Equal("kam", o.CreatedBy);
        var s = second.Order!;
        Assert.Equal((2L, "Standard", 2, TeamData.Start.AddHours(72), (string?)null), (s.Number, s.Tier, s.Priority, s.PromisedAt, s.CreatedBy));

        var history = await OrderBook.HistoryAsync(db, a, 1);
        var created = Assert.Single(history);
        Assert.Equal(("create", "kam"), (created.Action, created.By));
        Assert.Contains("→ received", created.Summary, StringComparison.Ordinal);
        Assert.Equal(0, await db.Notifications.CountAsync());
    }

    [Theory]
    [InlineData(4.99)]
    [InlineData(15.01)]
    public async Task Create_OneCentOutsideTheRange_WaitsForApproval_TheDirectorAndTheOwnersLeadAreNotified(double discount)
    {
        await using var db = Db();
        var result = await CreateAsync(db, key1, "kam", [Line("Helmets", 1, 1000, 10), Line("Batteries", 1, 1000, (decimal)discount)]);

        Assert.Equal((true, OrderApproval.Pending), (result.Order!.NeedsApproval, result.Order.Approval));
        Assert.Equal([false, true], result.Order.Lines.Select(l => !l.InRange));
        var notified = await db.Notifications.Where(n => n.WorkspaceId == a).ToListAsync();
        Assert.Equal(new[] { users["director"], users["lead"] }.Order(StringComparer.Ordinal), notified.Select(n => n.UserId).Order(StringComparer.Ordinal));
        Assert.All(notified, n => Assert.Equal("/w/a/orders/1", n.Link));
        Assert.Contains("outside Key's range (5–15 %)", notified[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Undesignated_UsesTheLowestTiersRange()
    {
        await using var db = Db();
        var inside = await CreateAsync(db, plain, "kam", [Line("Gloves", 1, 1000, 5)]);
        var outside = await CreateAsync(db, plain, "kam", [Line("Gloves", 1, 1000, 5.01m)]);

        Assert.Equal(("Standard", 0m, 5m, OrderApproval.NotNeeded), (inside.Order!.Tier, inside.Order.DiscountMinPct, inside.Order.DiscountMaxPct, inside.Order.Approval));
        Assert.Equal(OrderApproval.Pending, outside.Order!.Approval);
        // Nobody owns a customer that is not a key account: every Lead KAM and the Director may decide.
        Assert.Equal(3, await db.Notifications.CountAsync(n => n.Link == "/w/a/orders/2"));
    }

    [Theory]
    [InlineData("director", true)]
    [InlineData("lead", true)]          // supervises the owner
    [InlineData("otherLead", false)]    // Lead KAM of another team
    [InlineData("kam", false)]          // the creator, and a KAM
    [InlineData("otherKam", false)]
    [InlineData("collaborator", false)]
    [InlineData("viewer", false)]
    [InlineData("outsider", false)]
    public async Task Approve_ByRoleAndSupervision(string who, bool allowed)
    {
        await using var db = Db();
        var order = (await CreateAsync(db, key1, "kam", [Line("Helmets", 1, 1000, 30)])).Order!;
        var inInbox = (await OrderBook.ApprovalsForAsync(db, a, users[who])).Any(o => o.Number == order.Number);

        var result = await OrderBook.ApproveAsync(db, a, order.Number, order.Version, null, users[who], clock);

        Assert.Equal(allowed, inInbox);
        Assert.Equal(allowed ? OrderOutcome.Done : OrderOutcome.Forbidden, result.Outcome);
        Assert.Equal(allowed ? OrderApproval.Approved : OrderApproval.Pending, (await OrderBook.GetAsync(db, a, order.Number))!.Approval);
    }

    [Fact]
    public async Task Approve_OwnOrder_RefusedEvenForADirector()
    {
        await using var db = Db();
        var order = (await CreateAsync(db, key1, "director", [Line("Helmets", 1, 1000, 30)])).Order!;

        var result = await OrderBook.ApproveAsync(db, a, order.Number, order.Version, "fine", users["director"], clock);

        Assert.Equal((OrderOutcome.Forbidden, "nobody approves or rejects their own order"), (result.Outcome, result.Message));
        Assert.DoesNotContain(users["director"], await db.Notifications.Select(n => n.UserId).ToListAsync());
        Assert.Empty(await OrderBook.ApprovalsForAsync(db, a, users["director"]));
        Assert.Single(await OrderBook.ApprovalsForAsync(db, a, users["lead"]));
    }

    [Fact]
    public async Task Pending_CannotStart_ApprovedThenMovesOn_CreatorNotified_DecisionAudited()
    {
        await using var db = Db();
        var order = (await CreateAsync(db, key1, "kam", [Line("Helmets", 1, 1000, 20)])).Order!;
        var start = await OrderBook.StartAsync(db, a, order.Number, order.Version, null, users["kam"], clock);
        Assert.Equal((OrderOutcome.Invalid, "approval"), (start.Outcome, start.Problems[0].Field));

        var approved = await OrderBook.ApproveAsync(db, a, order.Number, order.Version, "long-standing customer", users["lead"], clock);
        Assert.Equal((OrderApproval.Approved, "lead", "long-standing customer", 2), (approved.Order!.Approval, approved.Order.DecidedBy, approved.Order.DecisionReason, approved.Order.Version));
        var note = await db.Notifications.SingleAsync(n => n.UserId == users["kam"]);
        Assert.Equal("lead approved the discount of your order 1 for Customer KEY1: long-standing customer", note.Text);

        clock.Advance(TimeSpan.FromHours(1));
        var started = await OrderBook.StartAsync(db, a, order.Number, approved.Order.Version, null, users["kam"], clock);
        clock.Advance(TimeSpan.FromHours(1));
        var fulfilled = await OrderBook.FulfilAsync(db, a, order.Number, started.Order!.Version, null, null, clock);
        Assert.Equal((OrderStatus.Fulfilled, TeamData.Start.AddHours(2), 4), (fulfilled.Order!.Status, fulfilled.Order.FulfilledAt, fulfilled.Order.Version));

        var history = await OrderBook.HistoryAsync(db, a, order.Number);
        Assert.Equal(["create", "approve", "start", "fulfil"], history.Select(e => e.Action));
        Assert.Equal(["kam", "lead", "kam", null], history.Select(e => e.By));
        Assert.Equal("Order 1 for KEY1: discount pending → approved: long-standing customer", history[1].Summary);
        Assert.Equal("Order 1 for KEY1: received → inProgress at 2026-03-02 10:00Z", history[2].Summary);
        Assert.Equal("Order 1 for KEY1: inProgress → fulfilled at 2026-03-02 11:00Z", history[3].Summary);
    }

    [Fact]
    public async Task Reject_NeedsAReason_CancelsTheOrder_CreatorNotifiedInTheirLanguage()
    {
        await using var db = Db();
        await db.Users.Where(u => u.Id == users["kam"]).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "es"));
        var order = (await CreateAsync(db, key1, "kam", [Line("Helmets", 1, 1000, 40)])).Order!;

        var noReason = await OrderBook.RejectAsync(db, a, order.Number, order.Version, " ", users["director"], clock);
        var rejected = await OrderBook.RejectAsync(db, a, order.Number, order.Version, "too deep", users["director"], clock);

        Assert.Equal((OrderOutcome.Invalid, "reason"), (noReason.Outcome, noReason.Problems[0].Field));
        var o = rejected.Order!;
        Assert.Equal((OrderStatus.Cancelled, OrderApproval.Rejected, "discount rejected: too deep", false), (o.Status, o.Approval, o.CancelReason, o.NeedsApproval));
        Assert.Equal("director ha rechazado el descuento de tu pedido 1 de Customer KEY1: too deep",
            (await db.Notifications.SingleAsync(n => n.UserId == users["kam"])).Text);
        Assert.Equal("Order 1 for KEY1: discount pending → rejected; received → cancelled: too deep", (await OrderBook.HistoryAsync(db, a, 1))[^1].Summary);
        Assert.Empty(await OrderBook.ApprovalsForAsync(db, a, users["lead"]));
    }

    [Fact]
    public async Task Transitions_RefusedWithClearMessages_NothingChanges()
    {
        await using var db = Db();
        var received = TeamData.Start.AddHours(-3);
        var order = (await CreateAsync(db, key1, "kam", [Line("Helmets", 1, 1000, 10)], received)).Order!;

        var early = await OrderBook.FulfilAsync(db, a, order.Number, order.Version, received.AddMinutes(-1), null, clock);
        var noReason = await OrderBook.CancelAsync(db, a, order.Number, order.Version, "", null, null, clock);
        var done = await OrderBook.FulfilAsync(db, a, order.Number, order.Version, received.AddHours(1), null, clock);
        var again = await OrderBook.CancelAsync(db, a, order.Number, done.Order!.Version, "too late", null, null, clock);
        var approve = await OrderBook.ApproveAsync(db, a, order.Number, done.Order.Version, null, users["director"], clock);

        Assert.Equal("the time 2026-03-02 05:59Z is before order 1 was received (2026-03-02 06:00Z)", early.Message);
        Assert.Equal("a reason is required", noReason.Message);
        Assert.Equal((OrderStatus.Fulfilled, received.AddHours(1), (DateTimeOffset?)null), (done.Order.Status, done.Order.FulfilledAt, done.Order.StartedAt));
        Assert.Equal("order 1 is fulfilled: only a received or in-progress order can be cancelled", again.Message);
        Assert.Equal("order 1 is not waiting for approval", approve.Message);
        Assert.Equal(["create", "fulfil"], (await OrderBook.HistoryAsync(db, a, 1)).Select(e => e.Action));
    }

    [Theory]
    [InlineData("kam", "KEY1", OrderOutcome.Done)]
    [InlineData("kam", "PLAIN", OrderOutcome.Done)]
    [InlineData("kam", "KEY2", OrderOutcome.Forbidden)]        // not on its team
    [InlineData("collaborator", "KEY1", OrderOutcome.Forbidden)] // on the team, but may not handle orders
    [InlineData("viewer", "PLAIN", OrderOutcome.Forbidden)]
    [InlineData("otherLead", "KEY1", OrderOutcome.Done)]
    [InlineData("outsider", "KEY1", OrderOutcome.Forbidden)]
    public async Task Create_WhoMayHandleOrders(string who, string customer, OrderOutcome expected)
    {
        await using var db = Db();
        var id = customer switch { "KEY1" => key1, "KEY2" => key2, _ => plain };
        Assert.Equal(expected, (await CreateAsync(db, id, who, [Line("Helmets", 1, 1000, 10)])).Outcome);
        Assert.Equal(expected == OrderOutcome.Done ? 1 : 0, await db.Orders.CountAsync());
    }

    [Fact]
    public async Task TwoContexts_ChangeTheSameOrder_OneWins_TheOtherGetsAConflict_TheWinnersChangeIntact()
    {
        long number;
        await using (var setup = Db())
        {
            number = (await CreateAsync(setup, key1, "kam", [Line("Helmets", 1, 1000, 10)])).Order!.Number;
        }

        await using var alice = Db();
        await using var bob = Db();
        var seenByAlice = (await OrderBook.GetAsync(alice, a, number))!;
        var seenByBob = (await OrderBook.GetAsync(bob, a, number))!;
        var won = await OrderBook.StartAsync(alice, a, number, seenByAlice.Version, null, users["kam"], clock);
        var lost = await OrderBook.CancelAsync(bob, a, number, seenByBob.Version, "duplicate", null, users["lead"], clock);

        Assert.Equal(OrderOutcome.Done, won.Outcome);
        Assert.Equal((OrderOutcome.Conflict, "order 1 was changed by someone else; reload it"), (lost.Outcome, lost.Message));
        await using var check = Db();
        var now = (await OrderBook.GetAsync(check, a, number))!;
        Assert.Equal((OrderStatus.InProgress, (string?)null, 2), (now.Status, now.CancelReason, now.Version));
        Assert.Equal(["create", "start"], (await OrderBook.HistoryAsync(check, a, number)).Select(e => e.Action));
    }

    [Fact]
    public async Task VersionToken_TheDatabaseRefusesAStaleWrite()
    {
        await using (var setup = Db())
        {
            await CreateAsync(setup, key1, "kam", [Line("Helmets", 1, 1000, 10)]);
        }

        // Both contexts hold version 1 when they write: the database, not a read, decides.
        await using var first = Db();
        await using var second = Db();
        var one = await first.Orders.SingleAsync(o => o.WorkspaceId == a && o.Id == 1);
        var two = await second.Orders.SingleAsync(o => o.WorkspaceId == a && o.Id == 1);
        one.Status = OrderStatus.InProgress;
        one.Version++;
        two.Status = OrderStatus.Cancelled;
        two.Version++;
        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = Db();
        Assert.Equal(OrderStatus.InProgress, (await check.Orders.SingleAsync(o => o.WorkspaceId == a && o.Id == 1)).Status);
    }

    [Fact]
    public async Task ParallelChanges_FromTheSameVersion_ExactlyOneIsDone()
    {
        await using (var setup = Db())
        {
            await CreateAsync(setup, key1, "kam", [Line("Helmets", 1, 1000, 10)]);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            await using var db = Db();
            return i % 2 == 0
                ? await OrderBook.StartAsync(db, a, 1, 1, null, users["kam"], clock)
                : await OrderBook.CancelAsync(db, a, 1, 1, "duplicate", null, users["lead"], clock);
        }));

        Assert.Equal(1, results.Count(r => r.Outcome == OrderOutcome.Done));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(OrderOutcome.Conflict, r.Outcome));
        await using var check = Db();
        Assert.Equal(2, (await OrderBook.GetAsync(check, a, 1))!.Version);
        Assert.Equal(2, await check.AuditEntries.CountAsync(e => e.Entity == "order"));
    }

    [Fact]
    public async Task Workspaces_AreIsolated_NumbersAreTheirOwn()
    {
        await using var db = Db();
        await CreateAsync(db, key1, "kam", [Line("Helmets", 1, 1000, 10)]);
        var theirs = await OrderBook.CreateAsync(db, b, foreign, new NewOrder([Line("Scooters", 1, 1000, 10)]), users["outsider"], clock);
        var crossCustomer = await OrderBook.CreateAsync(db, b, key2, new NewOrder([Line("Scooters", 1, 1000, 10)]), users["outsider"], clock);

        Assert.Equal(1L, theirs.Order!.Number);
        Assert.Equal(OrderOutcome.NotFound, crossCustomer.Outcome);
        Assert.Equal("FOREIGN", Assert.Single(await OrderBook.ListAsync(db, b, new OrderFilter())).CustomerKey);
        Assert.Equal("KEY1", (await OrderBook.GetAsync(db, a, 1))!.CustomerKey);
        Assert.Equal(OrderOutcome.Forbidden, (await OrderBook.StartAsync(db, a, 1, 1, null, users["outsider"], clock)).Outcome);
        Assert.Equal(OrderOutcome.NotFound, (await OrderBook.StartAsync(db, b, 2, 1, null, users["outsider"], clock)).Outcome);
        Assert.Single(await OrderBook.HistoryAsync(db, b, 1));
        Assert.Equal(OrderStatus.Received, (await OrderBook.GetAsync(db, a, 1))!.Status);
    }

    [Fact]
    public async Task List_FiltersByStatusAndCustomer_NewestFirst_Paged()
    {
        await using var db = Db();
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(db, key1, "kam", [Line("Helmets", 1, 1000, 10)]);
        }

        await CreateAsync(db, plain, "kam", [Line("Gloves", 1, 1000, 0)]);
        await OrderBook.StartAsync(db, a, 2, 1, null, null, clock);

        Assert.Equal([4L, 3, 2, 1], (await OrderBook.ListAsync(db, a, new OrderFilter())).Select(o => o.Number));
        Assert.Equal([3L, 2, 1], (await OrderBook.ListAsync(db, a, new OrderFilter(CustomerId: key1))).Select(o => o.Number));
        Assert.Equal([2L], (await OrderBook.ListAsync(db, a, new OrderFilter(OrderStatus.InProgress))).Select(o => o.Number));
        Assert.Equal([3L, 2], (await OrderBook.ListAsync(db, a, new OrderFilter(Skip: 1, Take: 2))).Select(o => o.Number));
    }

    private Task<OrderResult> CreateAsync(KaminoDb db, long customerId, string? who, IReadOnlyList<NewOrderLine> lines, DateTimeOffset? received = null) =>
        OrderBook.CreateAsync(db, a, customerId, new NewOrder(lines, ReceivedAt: received), who is null ? null : users[who], clock);

    private static NewOrderLine Line(string description, decimal quantity, long unitPriceCents, decimal discount) => new(null, description, quantity, unitPriceCents, discount);
}

/// <summary><see cref="OrderBookTests"/> on SQLite.</summary>
public sealed class SqliteOrderBookTests() : OrderBookTests(Engine.Sqlite);

/// <summary><see cref="OrderBookTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresOrderBookTests() : OrderBookTests(Engine.Postgres);
