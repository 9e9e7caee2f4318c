using Kamino.Customers;
using Kamino.Data;
using Kamino.Orders;
using Kamino.People;
using Microsoft.EntityFrameworkCore;
using static Kamino.Demo.DemoText;

namespace Kamino.Demo;

/// <summary>
/// The demo's orders: three months of history in which the key accounts' orders (24 h promised) are served in about a
/// working day and the standard customers' (72 h) in two to four days, so the dashboard's order card shows with numbers
/// that key accounts are served faster; a queue of open orders, one of the pizza chain's late (so the KAM, the
/// collaborator on its team and the Director see an orderLate alert); and one order the demo KAM entered on an account
/// they own with a discount above the Key range, waiting for the demo Lead KAM who supervises them. Written as entities
/// (numbers from the workspace counter, the tier's promise snapshot taken from the stored tiers), once, unless the
/// workspace has orders already; the history carries no audit entries.
/// </summary>
public static class DemoOrders
{
    private static readonly (DemoText Description, string Code, long UnitCents)[] Products =
    [
        (T("Alquiler diario, moto eléctrica 125cc", "Daily rental, 125cc electric scooter"), "R-125-D", 3500),
        (T("Alquiler semanal, moto de reparto con caja", "Weekly rental, delivery bike with box"), "R-DEL-W", 16500),
        (T("Batería de repuesto 72V", "Spare battery pack 72V"), "B-72", 42000),
        (T("Casco, talla M", "Helmet, size M"), "H-M", 5900),
        (T("Alquiler mensual de flota, 10 motos", "Monthly fleet rental, 10 scooters"), "R-FLT-M", 220000),
        (T("Servicio de taller, pastillas de freno", "Workshop service, brake pads"), "S-BRK", 4800),
    ];

    private static readonly DemoText CalledOff = T("El cliente lo anuló.", "The customer called it off.");

    private static readonly string[] StandardKeys = ["CLI-0020", "CLI-0025", "CLI-0031", "CLI-0040", "CLI-0047", "CLI-0055", "CLI-0063", "CLI-0078"];

    public static async Task EnsureAsync(KaminoDb db, int workspaceId, IReadOnlyDictionary<Role, string> people, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Orders.AnyAsync(o => o.WorkspaceId == workspaceId, ct))
        {
            return;
        }

        var spanish = await IsSpanishAsync(db, workspaceId, ct);
        var tiers = await Tiers.PoliciesAsync(db, workspaceId, ct);
        var stored = await db.Tiers.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var customers = await db.Customers.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).ToListAsync(ct);
        var byKey = customers.ToDictionary(c => c.Key, StringComparer.Ordinal);
        var currency = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Currency).FirstAsync(ct);
        TierPolicyDto TierOf(Customer c) =>
            !c.IsKeyAccount ? tiers[^1]
            : c.TierId is { } id && stored.TryGetValue(id, out var name) ? tiers.First(t => t.Name == name) : tiers[0];

        var keyAccounts = customers.Where(c => c.IsKeyAccount).OrderBy(c => c.Key, StringComparer.Ordinal).Take(6).ToList();
        var standard = StandardKeys.Where(byKey.ContainsKey).Select(k => byKey[k]).Where(c => !c.IsKeyAccount).ToList();
        if (keyAccounts.Count == 0 || standard.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var kam = people[Role.Kam];
        var lead = people[Role.LeadKam];
        var random = new Random(14);

        async Task AddAsync(Customer c, DateTime received, string by, Action<Order> finish, decimal discount = -1)
        {
            var tier = TierOf(c);
            var order = new Order
            {
                WorkspaceId = workspaceId,
                Id = await db.NextIdAsync(db.Orders, workspaceId, ct),
                CustomerId = c.Id,
                Channel = (OrderChannel)random.Next(4),
                ReceivedAt = received,
                CreatedAt = received,
                CreatedByUserId = by,
                HandlerUserId = by,
                Status = OrderStatus.Received,
                TierName = tier.Name,
                Priority = tier.OrderPriority,
                PromisedHours = tier.PromisedHours,
                PromisedAt = received.AddHours(tier.PromisedHours),
                DiscountMinPct = tier.DiscountMinPct,
                DiscountMaxPct = tier.DiscountMaxPct,
                Approval = OrderApproval.NotNeeded,
                Currency = currency,
            };
            var pct = discount >= 0 ? discount : tier.DiscountMinPct + Math.Floor((tier.DiscountMaxPct - tier.DiscountMinPct) / 2m);
            var lines = random.Next(1, 4);
            for (var i = 1; i <= lines; i++)
            {
                var (description, code, unit) = Products[random.Next(Products.Length)];
                var quantity = random.Next(1, 6);
                var net = (long)Math.Round(quantity * unit * (1m - pct / 100m), 0, MidpointRounding.AwayFromZero);
                db.OrderLines.Add(new OrderLine
                {
                    WorkspaceId = workspaceId, OrderId = order.Id, Line = i, ProductCode = code, Description = description.In(spanish),
                    Quantity = quantity, UnitPriceCents = unit, DiscountPct = pct, NetCents = net,
                });
                order.TotalCents += net;
            }

            finish(order);
            db.Orders.Add(order);
        }

        void Fulfil(Order o, double hours)
        {
            o.Status = OrderStatus.Fulfilled;
            o.StartedAt = o.ReceivedAt.AddHours(Math.Min(2, hours / 2));
            o.FulfilledAt = o.ReceivedAt.AddHours(hours);
            o.Version = 2;
        }

        // History: about 90 days, one to three orders a day; a few cancelled.
        for (var day = 92; day >= 3; day--)
        {
            var count = random.Next(1, 4);
            for (var n = 0; n < count; n++)
            {
                var key = random.Next(5) < 2;
                var c = key ? keyAccounts[random.Next(keyAccounts.Count)] : standard[random.Next(standard.Count)];
                var received = now.Date.AddDays(-day).AddHours(8 + random.Next(10)).AddMinutes(random.Next(60));
                // Key: 4–30 h (mostly within the 24 h promised); standard: 20–110 h against 72 h.
                var hours = key ? 4 + (random.NextDouble() * 26) : 20 + (random.NextDouble() * 90);
                await AddAsync(c, received, key ? kam : lead, o =>
                {
                    if (random.Next(25) == 0)
                    {
                        o.Status = OrderStatus.Cancelled;
                        o.CancelledAt = received.AddHours(3);
                        o.CancelReason = CalledOff.In(spanish);
                        o.Version = 1;
                    }
                    else
                    {
                        Fulfil(o, Math.Round(hours, 1));
                    }
                });
            }
        }

        // The queue: open orders, the pizza chain's one past its promised time since before today began.
        var pizza = byKey.GetValueOrDefault(DemoData.PizzaChainCustomerId) is { IsKeyAccount: true } p ? p : keyAccounts[0];
        await AddAsync(pizza, now.Date.AddHours(-30), kam, o => { o.Status = OrderStatus.InProgress; o.StartedAt = o.ReceivedAt.AddHours(2); o.Version = 1; });
        await AddAsync(keyAccounts[^1], now.AddHours(-3), lead, _ => { });
        await AddAsync(standard[0], now.AddHours(-20), lead, o => o.HandlerUserId = null);
        await AddAsync(standard[1 % standard.Count], now.AddHours(-50), people[Role.Director], o => { o.Status = OrderStatus.InProgress; o.StartedAt = o.ReceivedAt.AddHours(5); o.Version = 1; });

        // Waiting for the Lead KAM: the KAM's order on an account they own (owned by the KAM in the demo), 20 % off.
        var kamAccount = await db.AccountTeamMembers.AsNoTracking()
            .Where(t => t.WorkspaceId == workspaceId && t.IsOwner && t.UserId == kam && t.CustomerId != pizza.Id)
            .Select(t => (long?)t.CustomerId).FirstOrDefaultAsync(ct);
        var pending = customers.FirstOrDefault(c => c.Id == kamAccount) ?? pizza;
        await AddAsync(pending, now.AddHours(-5), kam, o => o.Approval = OrderApproval.Pending, discount: TierOf(pending).DiscountMaxPct + 5m);
        await db.SaveChangesAsync(ct);
    }
}
