using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kamino.Orders;

namespace Kamino.Tests.Orders;

/// <summary>The queue's order and late flag as pure rules (the same expressions the database query uses).</summary>
public sealed class OrderQueueRuleTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    private static Gen<Func<long, Order>> AnOrder() =>
        from priority in Gen.Choose(1, 3)
        from hours in Gen.Elements(24, 48, 72)
        from minutesAgo in Gen.Choose(0, 20) // few distinct times, so ties on the first keys are common
        from status in Gen.Elements(OrderStatus.Received, OrderStatus.InProgress, OrderStatus.Fulfilled, OrderStatus.Cancelled)
        from approval in Gen.Elements(OrderApproval.NotNeeded, OrderApproval.Pending, OrderApproval.Approved, OrderApproval.Rejected)
        select (Func<long, Order>)(id => Make(id, priority, Now.AddHours(-minutesAgo * 6), hours, status, approval));

    private static Order Make(long id, int priority, DateTime received, int hours, OrderStatus status = OrderStatus.Received, OrderApproval approval = OrderApproval.NotNeeded) => new()
    {
        Id = id, Priority = priority, ReceivedAt = received, PromisedHours = hours, PromisedAt = received.AddHours(hours), Status = status, Approval = approval,
        TierName = "T" + priority, Currency = "EUR",
    };

    private static Gen<List<Order>> Orders() =>
        from makers in Gen.ListOf(AnOrder())
        select makers.Select((make, i) => make(i + 1)).OrderBy(o => (o.Id * 7919) % 41).ToList(); // numbers not in queue order

    [Property(MaxTest = 200)]
    public Property InQueueOrder_AnyOrders_IsTheOpenOnesSortedByPriorityPromisedReceived() =>
        Prop.ForAll(Orders().ToArbitrary(), orders =>
        {
            var queue = orders.AsQueryable().Queued().InQueueOrder().ToList();

            // A permutation of exactly the open orders that do not wait for approval.
            var open = orders.Where(o => o.Status is OrderStatus.Received or OrderStatus.InProgress && o.Approval != OrderApproval.Pending).Select(o => o.Id).Order();
            Assert.Equal(open, queue.Select(o => o.Id).Order());
            foreach (var (a, b) in queue.Zip(queue.Skip(1)))
            {
                var ordered = a.Priority < b.Priority
                    || (a.Priority == b.Priority && (a.PromisedAt < b.PromisedAt
                        || (a.PromisedAt == b.PromisedAt && (a.ReceivedAt < b.ReceivedAt || (a.ReceivedAt == b.ReceivedAt && a.Id < b.Id)))));
                Assert.True(ordered, $"order {a.Id} before {b.Id}");
            }

            foreach (var o in queue)
            {
                var secondsLate = (Now - o.PromisedAt).TotalSeconds;
                Assert.Equal(secondsLate > 0, OrderQueue.IsLate(o.PromisedAt, Now));
                var minutes = OrderQueue.LateMinutes(o.PromisedAt, Now);
                Assert.True(secondsLate <= 0 ? minutes == 0 : minutes * 60 <= secondsLate && secondsLate < (minutes + 1) * 60);
            }
        });

    [Fact]
    public void InQueueOrder_KeyAccountInsideItsRange_GoesToTheTop()
    {
        // A standard order received long before still comes after a key account's order received now.
        var standard = Make(1, 2, Now.AddHours(-70), 72);
        var key = Make(2, 1, Now, 24);
        var laterKey = Make(3, 1, Now.AddMinutes(1), 24);

        var queue = new[] { standard, laterKey, key }.AsQueryable().InQueueOrder().Select(o => o.Id).ToList();

        Assert.Equal([2, 3, 1], queue);
    }

    [Fact]
    public void InQueueOrder_SamePriority_EarlierPromiseFirstEvenIfReceivedLater()
    {
        // Same priority, different promised hours (the tier changed between the two): the promise decides.
        var a = Make(1, 1, Now.AddHours(-1), 48); // promised at +47 h
        var b = Make(2, 1, Now, 24);               // promised at +24 h

        Assert.Equal([2, 1], new[] { a, b }.AsQueryable().InQueueOrder().Select(o => o.Id).ToList());
    }

    [Theory]
    [InlineData(0, false, 0)]
    [InlineData(-1, false, 0)]
    [InlineData(1, true, 1)]
    [InlineData(300, true, 300)]
    public void LateMinutes_AroundThePromise(int minutesPast, bool late, int expected)
    {
        var promised = Now.AddMinutes(-minutesPast);
        Assert.Equal(late, OrderQueue.IsLate(promised, Now));
        Assert.Equal(expected, OrderQueue.LateMinutes(promised, Now));
    }

    [Theory]
    [InlineData(null, null, 0, 50)]
    [InlineData(-5, 0, 0, 1)]
    [InlineData(10, 501, 10, 500)]
    [InlineData(3, 20, 3, 20)]
    public void Page_ClampsOffsetAndLimit(int? offset, int? limit, int expectedOffset, int expectedLimit) =>
        Assert.Equal((expectedOffset, expectedLimit), OrderQueue.Page(offset, limit));
}
