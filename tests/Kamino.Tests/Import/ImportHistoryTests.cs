using Kamino.Customers;
using Kamino.Import;

namespace Kamino.Tests.Import;

/// <summary>
/// <c>kamino imports undo</c>: exactly one import's lines go, with the customers it created that are left
/// with nothing. Run on SQLite and PostgreSQL by the sealed subclasses at the end of the file.
/// </summary>
public abstract class ImportHistoryTests(Engine engine) : DatabaseTests(engine)
{
    private const string Workspace = "acme";
    private const string Header = "invoice,date,customer_id,customer_name,amount";

    private async Task<ImportResult> ImportAsync(string name, string csv)
    {
        var result = await new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, Folder.Write(name, csv)));
        Assert.True(result.Imported, string.Join('\n', result.Problems));
        return result;
    }

    private async Task<List<(string Document, string Customer)>> LinesAsync()
    {
        await using var db = Db();
        var rows = await db.SaleLines.Join(db.Customers, s => new { s.WorkspaceId, Id = s.CustomerId }, c => new { c.WorkspaceId, c.Id }, (s, c) => new { s.DocumentNumber, c.Key })
            .ToListAsync();
        return [.. rows.Select(r => (r.DocumentNumber, r.Key)).OrderBy(r => r.DocumentNumber)];
    }

    private async Task<List<string>> CustomerKeysAsync()
    {
        await using var db = Db();
        return [.. (await db.Customers.Select(c => c.Key).ToListAsync()).Order(StringComparer.Ordinal)];
    }

    private Task<UndoResult> UndoAsync(long id) =>
        ImportHistory.UndoAsync(Test.Database, Workspace, id, null, TimeProvider.System);

    [Fact]
    public async Task UndoAsync_SecondOfTwoOverlapping_LeavesTheFirstsLinesAndRemovesItsNewCustomers()
    {
        // F-2 is in both files: the first import added it, the second found it already imported.
        await ImportAsync("a.csv", $"{Header}\nF-1,2024-01-01,C1,Uno,10.00\nF-2,2024-01-02,C2,Dos,20.00\n");
        var second = await ImportAsync("b.csv", $"{Header}\nF-2,2024-01-02,C2,Dos,20.00\nF-3,2024-01-03,C3,Tres,30.00\nF-4,2024-01-04,C1,Uno,40.00\n");
        Assert.Equal(2, second.LinesAdded);

        var undo = await UndoAsync(second.ImportId!.Value);

        Assert.Equal(new UndoResult(UndoOutcome.Undone, 2, "b.csv", 2, 1, 0), undo);
        Assert.Equal([("F-1", "C1"), ("F-2", "C2")], await LinesAsync());
        Assert.Equal(["C1", "C2"], await CustomerKeysAsync()); // C3 was created by the undone import and had nothing else
        Assert.Equal(3_000, (await Test.CountAsync()).NetCents);
    }

    [Fact]
    public async Task UndoAsync_First_KeepsItsCustomersThatLaterImportsUsed()
    {
        var first = await ImportAsync("a.csv", $"{Header}\nF-1,2024-01-01,C1,Uno,10.00\nF-2,2024-01-02,C2,Dos,20.00\n");
        await ImportAsync("b.csv", $"{Header}\nF-3,2024-01-03,C2,Dos,30.00\n");

        var undo = await UndoAsync(first.ImportId!.Value);

        Assert.Equal((2, 1, 1), (undo.LinesRemoved, undo.CustomersRemoved, undo.CustomersKept));
        Assert.Equal([("F-3", "C2")], await LinesAsync());
        Assert.Equal(["C2"], await CustomerKeysAsync());
    }

    [Fact]
    public async Task UndoAsync_CustomerWithADesignation_Kept()
    {
        var first = await ImportAsync("a.csv", $"{Header}\nF-1,2024-01-01,C1,Uno,10.00\nF-2,2024-01-02,C2,Dos,20.00\n");
        await using (var db = Db())
        {
            var c1 = await db.Customers.SingleAsync(c => c.Key == "C1");
            Assert.True((await Designations.SetAsync(db, c1.WorkspaceId, c1.Id, true, "Biggest buyer", null, TimeProvider.System)).Succeeded);
        }

        var undo = await UndoAsync(first.ImportId!.Value);

        Assert.Equal((2, 1, 1), (undo.LinesRemoved, undo.CustomersRemoved, undo.CustomersKept));
        Assert.Empty(await LinesAsync());
        Assert.Equal(["C1"], await CustomerKeysAsync());
    }

    [Fact]
    public async Task UndoAsync_CustomersWithARatingOrAReferral_KeptWithWhatPeopleEntered()
    {
        var first = await ImportAsync("a.csv", $"{Header}\nF-1,2024-01-01,C1,Uno,10.00\nF-2,2024-01-02,C2,Dos,20.00\nF-3,2024-01-03,C3,Tres,5.00\nF-4,2024-01-04,C4,Cuatro,5.00\n");
        await using (var db = Db())
        {
            var ids = await db.Customers.ToDictionaryAsync(c => c.Key, c => (c.WorkspaceId, c.Id));
            var (ws, c1) = ids["C1"];
            Assert.True((await Ratings.RateAsync(db, ws, c1, new Dictionary<string, int> { ["brand"] = 4 }, "Known brand", null, TimeProvider.System)).Succeeded);
            Assert.True((await Referrals.SetAsync(db, ws, ids["C2"].Id, ids["C3"].Id, null, TimeProvider.System)).Succeeded);
        }

        var undo = await UndoAsync(first.ImportId!.Value);

        Assert.Equal((4, 1, 3), (undo.LinesRemoved, undo.CustomersRemoved, undo.CustomersKept));
        Assert.Equal(["C1", "C2", "C3"], await CustomerKeysAsync());
        await using var check = Db();
        Assert.Equal(1, await check.Ratings.CountAsync());
        Assert.Equal(1, await check.Referrals.CountAsync());
    }

    [Fact]
    public async Task UndoAsync_CustomersWithAContactAnActivityOrAPlan_KeptWithThem()
    {
        var first = await ImportAsync("a.csv", $"{Header}\nF-1,2024-01-01,C1,Uno,10.00\nF-2,2024-01-02,C2,Dos,20.00\nF-3,2024-01-03,C3,Tres,5.00\nF-4,2024-01-04,C4,Cuatro,1.00\n");
        await using (var db = Db())
        {
            var ids = await db.Customers.ToDictionaryAsync(c => c.Key, c => (c.WorkspaceId, c.Id));
            var at = new DateTimeOffset(2024, 2, 1, 10, 0, 0, TimeSpan.Zero);
            db.Contacts.Add(new Kamino.Contacts.Contact { WorkspaceId = ids["C1"].WorkspaceId, Id = 1, CustomerId = ids["C1"].Id, Name = "Ana", CreatedAt = at });
            db.Activities.Add(new Kamino.Activities.Activity { WorkspaceId = ids["C2"].WorkspaceId, Id = 1, CustomerId = ids["C2"].Id, Summary = "Called", At = at, CreatedAt = at });
            db.AccountPlans.Add(new Kamino.Plans.AccountPlan { WorkspaceId = ids["C4"].WorkspaceId, Id = 1, CustomerId = ids["C4"].Id, Year = 2024, CreatedAt = at, UpdatedAt = at });
            await db.SaveChangesAsync();
        }

        var undo = await UndoAsync(first.ImportId!.Value);

        Assert.Equal((4, 1, 3), (undo.LinesRemoved, undo.CustomersRemoved, undo.CustomersKept));
        Assert.Equal(["C1", "C2", "C4"], await CustomerKeysAsync());
    }

    [Fact]
    public async Task UndoAsync_MarksTheImportUndone_AuditsIt_AndRefusesASecondTime()
    {
        var first = await ImportAsync("a.csv", $"{Header}\nF-1,2024-01-01,C1,Uno,10.00\n");
        var id = first.ImportId!.Value;

        await UndoAsync(id);
        var again = await UndoAsync(id);

        Assert.Equal(UndoOutcome.AlreadyUndone, again.Outcome);
        await using var db = Db();
        var record = await ImportHistory.For(db, 1).SingleAsync();
        Assert.NotNull(record.UndoneAt);
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal(("import", "1", "undo"), (audit.Entity, audit.EntityId, audit.Action));
        Assert.Contains("1 lines", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoAsync_ThenReimport_AddsTheLinesAgainUnderANewNumber()
    {
        var first = await ImportAsync("a.csv", $"{Header}\nF-1,2024-01-01,C1,Uno,10.00\n");
        await UndoAsync(first.ImportId!.Value);

        var again = await ImportAsync("a.csv", $"{Header}\nF-1,2024-01-01,C1,Uno,10.00\n");

        Assert.Equal((2L, 1, 1), (again.ImportId!.Value, again.LinesAdded, again.CustomersAdded));
    }

    [Fact]
    public async Task UndoAsync_UnknownImportOrWorkspace_ChangesNothing()
    {
        await ImportAsync("a.csv", $"{Header}\nF-1,2024-01-01,C1,Uno,10.00\n");
        var before = await Test.CountAsync();

        Assert.Equal(UndoOutcome.ImportNotFound, (await UndoAsync(99)).Outcome);
        Assert.Equal(UndoOutcome.WorkspaceNotFound, (await ImportHistory.UndoAsync(Test.Database, "nope", 1, null, TimeProvider.System)).Outcome);
        Assert.Equal(before, await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_RecordsDialectDelimiterAndEncoding()
    {
        await ImportAsync("es.csv", "fecha;cliente;importe\n25/12/2024;C1;1.234,50\n");

        await using var db = Db();
        var record = await db.Imports.SingleAsync();
        Assert.Equal(("es", ";", "utf-8"), (record.Dialect, record.Delimiter, record.Encoding));
    }
}

public sealed class SqliteImportHistoryTests() : ImportHistoryTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresImportHistoryTests() : ImportHistoryTests(Engine.Postgres);
