using Kamino.Orders;
using Kamino.Tests.Support;

namespace Kamino.Host.Tests.Orders;

/// <summary>
/// <see cref="TeamServer"/> with orders (times from the real clock, as the server's): C1's key order received 30 h ago
/// (24 h promised: 6 h late), C2's key order received 1 h ago, C3's standard order received 10 h ago (72 h promised), a
/// pending order of C1 entered by KAM 1, a key order fulfilled in 10 h and a standard one in 50 h two days ago, and an
/// order in the other workspace.
/// </summary>
public sealed class OrdersQueueServer : IAsyncLifetime
{
    public TeamServer Team { get; } = new();

    public KaminoTestServer Server => Team.Server;

    /// <summary>The order numbers by name: late, key, standard, pending, other.</summary>
    public Dictionary<string, long> Numbers { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        await Team.InitializeAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using var db = Team.Db();
        var acme = await Team.WorkspaceIdAsync(TeamServer.Slug);
        var other = await Team.WorkspaceIdAsync(TeamServer.OtherSlug);
        var ids = await db.Customers.Where(c => c.WorkspaceId == acme).ToDictionaryAsync(c => c.Key, c => c.Id);
        var kam1 = await Team.UserIdAsync(TeamServer.Kam1);
        Numbers["late"] = (await OrderSeed.AddAsync(db, acme, ids["C1"], now.AddHours(-30), handler: kam1)).Id;
        Numbers["key"] = (await OrderSeed.AddAsync(db, acme, ids["C2"], now.AddHours(-1))).Id;
        Numbers["standard"] = (await OrderSeed.AddAsync(db, acme, ids["C3"], now.AddHours(-10), "Standard", 2, 72)).Id;
        Numbers["pending"] = (await OrderSeed.AddAsync(db, acme, ids["C1"], now.AddHours(-2), approval: OrderApproval.Pending, createdBy: kam1, handler: kam1)).Id;
        await OrderSeed.AddAsync(db, acme, ids["C1"], now.AddDays(-2), status: OrderStatus.Fulfilled, fulfilledAt: now.AddDays(-2).AddHours(10));
        await OrderSeed.AddAsync(db, acme, ids["C3"], now.AddDays(-2), "Standard", 2, 72, OrderStatus.Fulfilled, now.AddDays(-2).AddHours(50));
        Numbers["other"] = (await OrderSeed.AddAsync(db, other, 1, now.AddHours(-40))).Id;
    }

    public Task DisposeAsync() => Team.DisposeAsync();
}
