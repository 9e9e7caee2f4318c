using Kamino.Orders;
using Kamino.Tests.Support;
using Kamino.Workspaces;

namespace Kamino.Host.Tests.Orders;

/// <summary>
/// <c>kamino orders queue</c> and <c>kamino orders stats</c> on a real SQLite file. At 2026-12-03 12:00 UTC: PIZZA's key
/// order received 30 h before (6 h late), SHOP's standard order received 1 h before, PIZZA's key order received 2 h before
/// (queued before SHOP's by priority); in November a key order fulfilled in 6 h and one in 30 h, a standard one in 50 h.
/// </summary>
public sealed class OrdersQueueCommandTests : CliDatabaseTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);
    private long late;
    private long key;
    private long standard;

    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        var ws = new Workspace { Slug = "acme", Name = "Acme", CreatedAt = Now };
        db.Workspaces.Add(ws);
        await db.SaveChangesAsync();
        db.Customers.Add(new Kamino.Customers.Customer { WorkspaceId = ws.Id, Id = 1, Key = "PIZZA", Name = "Pizza", IsKeyAccount = true });
        db.Customers.Add(new Kamino.Customers.Customer { WorkspaceId = ws.Id, Id = 2, Key = "SHOP", Name = "=Shop", IsKeyAccount = false });
        await db.SaveChangesAsync();
        late = (await OrderSeed.AddAsync(db, ws.Id, 1, Now.AddHours(-30))).Id;
        standard = (await OrderSeed.AddAsync(db, ws.Id, 2, Now.AddHours(-1), "Standard", 2, 72)).Id;
        key = (await OrderSeed.AddAsync(db, ws.Id, 1, Now.AddHours(-2))).Id;
        var nov = new DateTime(2026, 11, 10, 8, 0, 0, DateTimeKind.Utc);
        await OrderSeed.AddAsync(db, ws.Id, 1, nov, status: OrderStatus.Fulfilled, fulfilledAt: nov.AddHours(6));
        await OrderSeed.AddAsync(db, ws.Id, 1, nov, status: OrderStatus.Fulfilled, fulfilledAt: nov.AddHours(30));
        await OrderSeed.AddAsync(db, ws.Id, 2, nov, "Standard", 2, 72, OrderStatus.Fulfilled, nov.AddHours(50));
    }

    [Fact]
    public async Task Queue_Json_InQueueOrder_WithTheIssuesFields()
    {
        var result = await RunAsync("orders", "queue", "--now", "2026-12-03T12:00Z", "--format", "json");

        Assert.Equal(0, result.Exit);
        var orders = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal([late, key, standard], orders.Select(o => o.GetProperty("number").GetInt64()));
        var first = orders[0];
        Assert.Equal(("PIZZA", "Key", "received", 1, "2026-12-03T06:00:00+00:00", "2026-12-02T06:00:00+00:00", true, 360),
            (first.GetProperty("customerId").GetString(), first.GetProperty("tier").GetString(), first.GetProperty("status").GetString(), first.GetProperty("priority").GetInt32(),
             first.GetProperty("promisedAt").GetString(), first.GetProperty("receivedAt").GetString(), first.GetProperty("late").GetBoolean(), first.GetProperty("lateMinutes").GetInt32()));
        Assert.False(orders[2].GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task Queue_CsvAndTable_LateShown_FormulaNeutralised_Paged()
    {
        var csv = Lines((await RunAsync("orders", "queue", "--today", "2026-12-03T12:00Z", "--format", "csv")).Out);
        Assert.Equal("number,customerId,customerName,tier,priority,status,receivedAt,promisedAt,handler,late", csv[0]);
        Assert.Equal($"{late},PIZZA,Pizza,Key,1,received,2026-12-02 06:00Z,2026-12-03 06:00Z,,late 6 h 0 min", csv[1]);
        Assert.StartsWith($"{standard},SHOP,'=Shop,Standard,2,", csv[3], StringComparison.Ordinal);

        var table = await RunAsync("orders", "queue", "--now", "2026-12-03T12:00Z", "--offset", "1", "--limit", "1");
        Assert.Equal(0, table.Exit);
        Assert.Contains("1 of 3 open order(s) shown from 2; 1 late", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("6 h 0 min", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_Json_PerTier_AndTheTable()
    {
        var result = await RunAsync("orders", "stats", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json");

        Assert.Equal(0, result.Exit);
        var tiers = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["Key", "Standard"], tiers.Select(t => t.GetProperty("tier").GetString()));
        // Key: 6 h and 30 h → nearest rank: median (rank 1) 6, p90 (rank 2) 30; on time 1 of 2.
        Assert.Equal((2, 6.0m, 30.0m, 0.5m), (tiers[0].GetProperty("orders").GetInt32(), tiers[0].GetProperty("medianHours").GetDecimal(),
            tiers[0].GetProperty("p90Hours").GetDecimal(), tiers[0].GetProperty("onTimeShare").GetDecimal()));
        Assert.Equal((1, 50.0m, 1m), (tiers[1].GetProperty("orders").GetInt32(), tiers[1].GetProperty("medianHours").GetDecimal(), tiers[1].GetProperty("onTimeShare").GetDecimal()));

        var table = await RunAsync("orders", "stats", "--from", "2026-11-01", "--to", "2026-11-30");
        Assert.Contains("50.0%", table.Out, StringComparison.Ordinal);
        Assert.Contains("Orders received 2026-11-01 .. 2026-11-30", table.Out, StringComparison.Ordinal);
        var empty = await RunAsync("orders", "stats", "--from", "2001-01-01", "--to", "2001-01-31");
        Assert.Contains("No orders received in this period.", empty.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("queue", "--now", "soon")]
    [InlineData("queue", "--limit", "501")]
    [InlineData("stats", "--from", "2026-02-30")]
    [InlineData("stats", "--from", "2026-12-01", "--to", "2026-11-01")]
    public async Task BadOption_IsAUsageError(params string[] args) =>
        Assert.Equal(2, (await RunAsync(["orders", .. args])).Exit);

    [Fact]
    public async Task UnknownWorkspace_Exit1() =>
        Assert.Equal(1, (await CliRunner.RunAsync("orders", "queue", "--db", Db, "--workspace", "nobody")).Exit);

    [Fact]
    public async Task InSpanish_QueueAndStats_SpeakSpanish_TheirCsvKeepsNamesAndDots()
    {
        var queue = await Es("orders", "queue", "--now", "2026-12-03T12:00Z");
        Assert.Equal(0, queue.Exit);
        Assert.Matches(@"N\.º\s+│\s+Cliente\s+│\s+Nombre\s+│\s+Nivel\s+│\s+Prioridad\s+│\s+Estado\s+│\s+Recibido\s+│\s+Prometido\s+│\s+Lo gestiona\s+│\s+Retraso", queue.Out);
        Assert.Contains("con retraso de 6 h 0 min", queue.Out, StringComparison.Ordinal);
        Assert.Contains("3 de 3 pedido(s) abierto(s) mostrados desde el 1; 1 con retraso a las 2026-12-03 12:00Z", queue.Out, StringComparison.Ordinal);
        var csv = Lines((await Es("orders", "queue", "--now", "2026-12-03T12:00Z", "--format", "csv")).Out);
        Assert.Equal("number,customerId,customerName,tier,priority,status,receivedAt,promisedAt,handler,late", csv[0]);
        Assert.Equal($"{late},PIZZA,Pizza,Key,1,received,2026-12-02 06:00Z,2026-12-03 06:00Z,,late 6 h 0 min", csv[1]);

        var stats = await Es("orders", "stats", "--from", "2026-11-01", "--to", "2026-11-30");
        Assert.Contains("Pedidos recibidos 2026-11-01 .. 2026-11-30", stats.Out, StringComparison.Ordinal);
        Assert.Matches(@"Nivel\s+│\s+Pedidos\s+│\s+Servidos\s+│\s+Mediana h\s+│\s+P90 h\s+│\s+A tiempo", stats.Out);
        Assert.Matches(@"Key\s+│\s+2\s+│\s+2\s+│\s+6(,0+)?\s+│\s+30(,0+)?\s+│\s+50,0%", stats.Out);
        var statsCsv = Lines((await Es("orders", "stats", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv")).Out);
        Assert.Equal("tier,orders,fulfilled,medianHours,p90Hours,onTimeShare", statsCsv[0]);
        Assert.Matches(@"^Key,2,2,6(\.0+)?,30(\.0+)?,0\.50*$", statsCsv[1]);
        Assert.Contains("No se recibió ningún pedido en este periodo.", (await Es("orders", "stats", "--from", "2001-01-01", "--to", "2001-01-31")).Out, StringComparison.Ordinal);
        var badDate = await Es("orders", "stats", "--from", "junio");
        Assert.Equal((2, "--from: 'junio' no es una fecha con la forma aaaa-mm-dd"), (badDate.Exit, badDate.Error.Trim()));

        var bad = await Es("orders", "queue", "--limit", "501");
        Assert.Equal((2, "--offset es 0 o más y --limit de 1 a 500"), (bad.Exit, bad.Error.Trim()));
    }

    private Task<(int Exit, string Out, string Error)> Es(params string[] args) => CliRunner.RunInAsync("es", [.. args, "--db", Db, "--workspace", "acme"]);

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
