using Kamino.Accounts;
using Kamino.Import;

namespace Kamino.Host.Tests.Orders;

/// <summary>
/// <c>kamino orders …</c> on a real SQLite file holding <c>sales-small.csv</c> (customers C1–C4): C1 a key account owned
/// by a KAM whom the Lead KAM supervises (default tiers: Key 5–15 %, 24 h), a Director.
/// </summary>
public sealed class OrdersCommandTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
        Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest("acme", path))).Imported);
        await using var db = database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == "acme").Select(w => w.Id).SingleAsync();
        var c1 = await db.Customers.SingleAsync(c => c.WorkspaceId == ws && c.Key == "C1");
        c1.IsKeyAccount = true;
        var lead = TestUsers.Add(db, "lead@acme.test");
        var kam = TestUsers.Add(db, "kam@acme.test");
        var director = TestUsers.Add(db, "director@acme.test");
        var now = TimeProvider.System.GetUtcNow();
        db.Memberships.Add(new Membership { WorkspaceId = ws, UserId = lead.Id, Role = Role.LeadKam, CreatedAt = now });
        db.Memberships.Add(new Membership { WorkspaceId = ws, UserId = kam.Id, Role = Role.Kam, SupervisorUserId = lead.Id, CreatedAt = now });
        db.Memberships.Add(new Membership { WorkspaceId = ws, UserId = director.Id, Role = Role.Director, CreatedAt = now });
        db.AccountTeamMembers.Add(new AccountTeamMember { WorkspaceId = ws, CustomerId = c1.Id, UserId = kam.Id, Department = Department.Sales, IsOwner = true });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Add_InsideTheRange_ThenShowAndList_AsJsonTableAndCsv()
    {
        var added = await RunAsync("orders", "add", "C1", "--line", "Helmets|4|89.90|10", "--line", "Batteries|2|450|15|BAT-1", "--received", "2026-01-05T10:00Z",
            "--channel", "visit", "--requested", "2026-01-09", "--notes", "Deliver to the depot", "--handler", "kam@acme.test", "--user", "kam@acme.test");
        Assert.Equal(0, added.Exit);
        Assert.Equal("order 1 received for C1: 2 line(s), total 1088.64 EUR, promised by 2026-01-06 10:00Z (Key)", added.Out.Trim());

        var json = JsonDocument.Parse((await RunAsync("orders", "show", "1", "--format", "json")).Out).RootElement;
        foreach (var name in new[] { "number", "customerId", "tier", "status", "priority", "promisedAt", "receivedAt", "fulfilledAt", "lines", "totalCents", "needsApproval" })
        {
            Assert.True(json.TryGetProperty(name, out _), name);
        }

        Assert.Equal((1, "Key", "received", 1, 108864L, false), (json.GetProperty("number").GetInt32(), json.GetProperty("tier").GetString(), json.GetProperty("status").GetString(),
            json.GetProperty("priority").GetInt32(), json.GetProperty("totalCents").GetInt64(), json.GetProperty("needsApproval").GetBoolean()));
        Assert.Equal(DateTimeOffset.Parse("2026-01-06T10:00:00Z", CultureInfo.InvariantCulture), json.GetProperty("promisedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("fulfilledAt").ValueKind);
        var line = json.GetProperty("lines")[1];
        Assert.Equal(("BAT-1", 76500L, 15m, true), (line.GetProperty("productCode").GetString(), line.GetProperty("netCents").GetInt64(), line.GetProperty("discountPct").GetDecimal(),
            line.GetProperty("inRange").GetBoolean()));
        Assert.Equal(("visit", "2026-01-09", "kam"), (json.GetProperty("channel").GetString(), json.GetProperty("requestedOn").GetString(), json.GetProperty("handler").GetString()));

        var table = await RunAsync("orders", "show", "1");
        Assert.Contains("Batteries", table.Out, StringComparison.Ordinal);
        Assert.Contains("Total 1088.64 EUR", table.Out, StringComparison.Ordinal);
        var csv = (await RunAsync("orders", "list", "--format", "csv")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("number,customerKey,tier,priority,status,approval,receivedAt,promisedAt,fulfilledAt,lines,totalCents,currency,version", csv[0].Trim());
        Assert.StartsWith("1,C1,Key,1,received,notNeeded,2026-01-05 10:00Z,2026-01-06 10:00Z,,2,108864,EUR,1", csv[1], StringComparison.Ordinal);
        Assert.Single(JsonDocument.Parse((await RunAsync("orders", "list", "--customer", "C1", "--status", "received", "--format", "json")).Out).RootElement.EnumerateArray());
        Assert.Empty(JsonDocument.Parse((await RunAsync("orders", "list", "--status", "fulfilled", "--format", "json")).Out).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Add_BadLines_NamesEachByNumber_NothingStored()
    {
        var result = await RunAsync("orders", "add", "C1", "--line", "Helmets|1|10|5", "--line", "Tyres|0|10|5", "--line", "Caps|abc|1", "--line", "Gloves|1|2.555|5");

        Assert.Equal(3, result.Exit);
        Assert.Equal(["line 2: quantity must be above 0", "line 3: 'abc' is not a quantity", "line 4: the unit price must have at most 2 decimals and be at most 100000000"],
            result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        Assert.Contains("no customer 'NOPE'", (await RunAsync("orders", "add", "NOPE", "--line", "Helmets|1|10|5")).Error, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Orders.CountAsync());
    }

    [Fact]
    public async Task StartFulfilCancel_WithTimes_RefusedWithReasons_HistoryShown()
    {
        await RunAsync("orders", "add", "C1", "--line", "Helmets|1|10|5", "--received", "2026-01-05T10:00Z");

        var early = await RunAsync("orders", "start", "1", "--at", "2026-01-05T09:59Z");
        Assert.Equal((3, "the time 2026-01-05 09:59Z is before order 1 was received (2026-01-05 10:00Z)"), (early.Exit, early.Error.Trim()));
        var started = await RunAsync("orders", "start", "1", "--at", "2026-01-05T11:00Z");
        Assert.Equal((0, "order 1 is inProgress"), (started.Exit, started.Out.Trim()));
        var fulfilled = await RunAsync("orders", "fulfil", "1", "--at", "2026-01-06T09:00Z", "--format", "json");
        Assert.Equal(0, fulfilled.Exit);
        Assert.Equal(DateTimeOffset.Parse("2026-01-06T09:00:00Z", CultureInfo.InvariantCulture), JsonDocument.Parse(fulfilled.Out).RootElement.GetProperty("fulfilledAt").GetDateTimeOffset());

        var cancel = await RunAsync("orders", "cancel", "1", "--reason", "changed their mind");
        Assert.Equal((3, "order 1 is fulfilled: only a received or in-progress order can be cancelled"), (cancel.Exit, cancel.Error.Trim()));
        Assert.Equal(2, (await RunAsync("orders", "cancel", "1")).Exit); // --reason is required

        var show = (await RunAsync("orders", "show", "1")).Out;
        Assert.Contains("received → inProgress at 2026-01-05 11:00Z", show, StringComparison.Ordinal);
        Assert.Contains("inProgress → fulfilled at 2026-01-06 09:00Z", show, StringComparison.Ordinal);
        Assert.Equal(1, (await RunAsync("orders", "show", "9")).Exit);
    }

    [Fact]
    public async Task ProblemsOfALineAndOfAMove_AreSaidInTheRunsLanguage()
    {
        var lineEs = await RunInSpanishAsync("orders", "add", "C1", "--line", "Cascos|4|89.90|150", "--user", "kam@acme.test");
        var lineEn = await RunAsync("orders", "add", "C1", "--line", "Helmets|4|89.90|150", "--user", "kam@acme.test");
        Assert.Equal("línea 1: el descuento debe estar entre 0 y 100 %, con hasta 2 decimales", lineEs.Error.Trim());
        Assert.Equal("line 1: the discount must be from 0 to 100 %, with up to 2 decimals", lineEn.Error.Trim());
        Assert.NotEqual(0, lineEs.Exit);

        Assert.Equal(0, (await RunAsync("orders", "add", "C1", "--line", "Cascos|1|100|20", "--user", "kam@acme.test")).Exit);
        var startEs = await RunInSpanishAsync("orders", "start", "1");
        var startEn = await RunAsync("orders", "start", "1");
        Assert.Equal((3, "el pedido 1 espera la aprobación de un descuento: se puede cancelar, pero no empezar ni servir"), (startEs.Exit, startEs.Error.Trim()));
        Assert.Equal((3, "order 1 waits for a discount approval: it can be cancelled, not started or fulfilled"), (startEn.Exit, startEn.Error.Trim()));
        var missingEs = await RunInSpanishAsync("orders", "cancel", "1", "--reason", " ");
        Assert.Equal("hace falta un motivo", missingEs.Error.Trim());
    }

    [Fact]
    public async Task OutsideTheRange_WaitsForApproval_OwnOrderRefused_LeadApproves_RejectNeedsAReason()
    {
        var added = await RunAsync("orders", "add", "C1", "--line", "Helmets|1|100|20", "--user", "kam@acme.test");
        Assert.EndsWith("; waits for approval: a discount is outside Key's range 5–15 %", added.Out.Trim(), StringComparison.Ordinal);
        var start = await RunAsync("orders", "start", "1");
        Assert.Equal((3, "order 1 waits for a discount approval: it can be cancelled, not started or fulfilled"), (start.Exit, start.Error.Trim()));

        Assert.Equal(2, (await RunAsync("orders", "approve", "1")).Exit); // --user is required
        var own = await RunAsync("orders", "approve", "1", "--user", "kam@acme.test");
        Assert.Equal((1, "nobody approves or rejects their own order"), (own.Exit, own.Error.Trim()));
        var approved = await RunAsync("orders", "approve", "1", "--user", "lead@acme.test", "--reason", "loyal customer");
        Assert.Equal((0, "order 1: discount approved, order received"), (approved.Exit, approved.Out.Trim()));
        Assert.Equal(0, (await RunAsync("orders", "start", "1")).Exit);

        await RunAsync("orders", "add", "C1", "--line", "Helmets|1|100|50", "--user", "kam@acme.test");
        Assert.Equal(2, (await RunAsync("orders", "reject", "2", "--user", "director@acme.test")).Exit); // --reason is required
        var rejected = await RunAsync("orders", "reject", "2", "--user", "director@acme.test", "--reason", "too deep", "--format", "json");
        var o = JsonDocument.Parse(rejected.Out).RootElement;
        Assert.Equal(("cancelled", "rejected", "discount rejected: too deep"), (o.GetProperty("status").GetString(), o.GetProperty("approval").GetString(), o.GetProperty("cancelReason").GetString()));
    }

    [Fact]
    public async Task StaleVersion_IsAConflict_ExitOne_NothingChanged()
    {
        await RunAsync("orders", "add", "C1", "--line", "Helmets|1|10|5");
        Assert.Equal(0, (await RunAsync("orders", "start", "1", "--if-version", "1")).Exit);

        var stale = await RunAsync("orders", "fulfil", "1", "--if-version", "1");

        Assert.Equal((1, "order 1 was changed by someone else; reload it"), (stale.Exit, stale.Error.Trim()));
        var json = JsonDocument.Parse((await RunAsync("orders", "show", "1", "--format", "json")).Out).RootElement;
        Assert.Equal(("inProgress", 2), (json.GetProperty("status").GetString(), json.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task InSpanish_AddShowListAndRefusals_AreWorded_InSpanish_CsvStaysMachineReadable()
    {
        var added = await Es("orders", "add", "C1", "--line", "Helmets|4|89.90|10", "--line", "Batteries|2|450|15|BAT-1", "--received", "2026-01-05T10:00Z",
            "--user", "kam@acme.test");
        Assert.Equal((0, "pedido 1 recibido de C1: 2 línea(s), total 1088,64 EUR, prometido para 2026-01-06 10:00Z (Key)"), (added.Exit, added.Out.Trim()));
        var waits = await Es("orders", "add", "C1", "--line", "Tyres|1.5|100|12.5", "--line", "Caps|1|10|20", "--user", "kam@acme.test");
        Assert.EndsWith("; espera aprobación: un descuento está fuera del margen de Key, 5–15 %", waits.Out.Trim(), StringComparison.Ordinal);

        var show = (await Es("orders", "show", "1")).Out;
        Assert.Contains("recibido (versión 1)", show, StringComparison.Ordinal);
        Assert.Contains("Aprobación: sin aprobación", show, StringComparison.Ordinal);
        Assert.Contains("Lo gestiona: nadie todavía; registrado por kam", show, StringComparison.Ordinal);
        Assert.Contains("Total 1088,64 EUR", show, StringComparison.Ordinal);
        Assert.Matches(@"Línea\s+│\s+Producto\s+│\s+Descripción\s+│\s+Cantidad\s+│\s+Precio unitario\s+│\s+Descuento %\s+│\s+Neto\s+│\s+En margen", show);

        var list = (await Es("orders", "list")).Out;
        Assert.Matches(@"#\s+│\s+Cliente\s+│\s+Nivel\s+│\s+Prioridad\s+│\s+Estado\s+│\s+Aprobación\s+│\s+Recibido\s+│\s+Prometido\s+│\s+Servido", list);
        Assert.Contains("pendiente de aprobación", list, StringComparison.Ordinal);

        // CSV keeps its field names, the API's status words and numbers with a dot in a Spanish run.
        var csv = (await Es("orders", "show", "2", "--format", "csv")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,productCode,description,quantity,unitPriceCents,discountPct,netCents,inRange", csv[0].Trim());
        Assert.Equal("1,,Tyres,1.5,10000,12.5,13125,yes", csv[1].Trim());
        var orders = (await Es("orders", "list", "--format", "csv")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(",received,pending,", orders[1], StringComparison.Ordinal);

        var started = await Es("orders", "start", "1");
        Assert.Equal((0, "el pedido 1 está en curso"), (started.Exit, started.Out.Trim()));
        var missing = await Es("orders", "show", "9");
        Assert.Equal((1, "no hay ningún pedido 9 en el espacio de trabajo 'acme'"), (missing.Exit, missing.Error.Trim()));
        var bad = await Es("orders", "add", "C1", "--line", "Caps|abc|1", "--received", "ayer");
        Assert.Equal(3, bad.Exit);
        Assert.Equal(["línea 1: 'abc' no es una cantidad", "--received: 'ayer' no es aaaa-mm-dd ni aaaa-mm-ddTHH:mm (con desfase horario opcional)"],
            bad.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
    }

    private Task<(int Exit, string Out, string Error)> Es(params string[] args) => CliRunner.RunInAsync("es", [.. args, "--db", Db, "--workspace", "acme"]);
}
