using Kamino.Analysis;
using Kamino.Import;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Kamino.Tests.Analysis;

/// <summary>
/// <c>sale_day</c> (revenue and line count per customer and day, what every analysis reads) follows every writer of
/// sale lines in its own transaction: an import (the bulk path and the path over stored lines), <c>--replace</c>, an
/// undo, EF Core changes and raw SQL; two workspaces never mix; the migration fills it from lines already stored.
/// Each test states the expected days and also runs <see cref="SaleDayCheck"/>.
/// </summary>
public abstract class SaleDayTests(Engine engine) : DatabaseTests(engine)
{
    private const string Header = "invoice,date,customer_id,customer_name,amount";

    private async Task<long> ImportAsync(string csv, bool replace = false, string workspace = "acme")
    {
        var result = await new SalesImporter(Test.Database, TimeProvider.System)
            .ImportAsync(new ImportRequest(workspace, Folder.Write($"{Guid.NewGuid():N}.csv", $"{Header}\n{csv}"), Replace: replace));
        Assert.True(result.Imported, string.Join('\n', result.Problems));
        return result.ImportId!.Value;
    }

    /// <summary>The stored days of a workspace as "customer-key date cents/lines", sorted, after checking them against the lines.</summary>
    private async Task<List<string>> DaysAsync(string workspace = "acme")
    {
        await using var db = Db();
        var check = await SaleDayCheck.RunAsync(db, null);
        Assert.True(check.Matches, string.Join('\n', check.Differences));
        var ws = await db.Workspaces.Where(w => w.Slug == workspace).Select(w => w.Id).SingleAsync();
        var rows = await (
                from d in db.SaleDays.Where(d => d.WorkspaceId == ws)
                join c in db.Customers.Where(c => c.WorkspaceId == ws) on d.CustomerId equals c.Id
                select new { c.Key, d.Date, d.NetCents, d.LineCount })
            .ToListAsync();
        return rows.Select(r => $"{r.Key} {r.Date:yyyy-MM-dd} {r.NetCents}/{r.LineCount}").Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Import_SumsLinesPerCustomerAndDay()
    {
        await ImportAsync("F-1,2024-06-01,C1,Uno,100.00\nF-1,2024-06-01,C1,Uno,0.50\nF-2,2024-06-01,C2,Dos,30.00\nF-3,2024-06-02,C1,Uno,-20.00");
        Assert.Equal(["C1 2024-06-01 10050/2", "C1 2024-06-02 -2000/1", "C2 2024-06-01 3000/1"], await DaysAsync());

        // A second import goes through the path over stored lines (PostgreSQL: the stage and INSERT … SELECT); a repeated line is not counted twice.
        await ImportAsync("F-3,2024-06-02,C1,Uno,-20.00\nF-4,2024-06-02,C1,Uno,20.00\nF-5,2024-06-03,C3,Tres,1.00");
        Assert.Equal(["C1 2024-06-01 10050/2", "C1 2024-06-02 0/2", "C2 2024-06-01 3000/1", "C3 2024-06-03 100/1"], await DaysAsync());
    }

    [Fact]
    public async Task Replace_MovesTheDocumentsRevenue()
    {
        await ImportAsync("F-1,2024-06-01,C1,Uno,100.00\nF-1,2024-06-01,C1,Uno,50.00\nF-2,2024-06-02,C2,Dos,30.00");
        await ImportAsync("F-1,2024-06-05,C2,Dos,70.00", replace: true);
        Assert.Equal(["C2 2024-06-02 3000/1", "C2 2024-06-05 7000/1"], await DaysAsync());
    }

    [Fact]
    public async Task Replace_LineUnchanged_KeepsTheDay()
    {
        // The unchanged line is re-pointed to the new import (an UPDATE of import_id on SQLite), the changed one replaced.
        await ImportAsync("F-1,2024-06-01,C1,Uno,100.00\nF-1,2024-06-01,C1,Uno,50.00");
        await ImportAsync("F-1,2024-06-01,C1,Uno,100.00\nF-1,2024-06-01,C1,Uno,60.00", replace: true);
        Assert.Equal(["C1 2024-06-01 16000/2"], await DaysAsync());
    }

    [Fact]
    public async Task Undo_RemovesTheImportsDays()
    {
        await ImportAsync("F-1,2024-06-01,C1,Uno,100.00");
        var second = await ImportAsync("F-2,2024-06-01,C1,Uno,5.00\nF-3,2024-06-02,C2,Dos,30.00");
        Assert.Equal(["C1 2024-06-01 10500/2", "C2 2024-06-02 3000/1"], await DaysAsync());

        Assert.Equal(UndoOutcome.Undone, (await ImportHistory.UndoAsync(Test.Database, "acme", second, null, TimeProvider.System)).Outcome);
        Assert.Equal(["C1 2024-06-01 10000/1"], await DaysAsync());
    }

    [Fact]
    public async Task EfCoreChanges_EditMoveAndDeleteLines()
    {
        await ImportAsync("F-1,2024-06-01,C1,Uno,100.00\nF-1,2024-06-01,C1,Uno,50.00\nF-2,2024-06-02,C2,Dos,30.00");
        await using (var db = Db())
        {
            var lines = await db.SaleLines.OrderBy(s => s.DocumentNumber).ThenBy(s => s.LineNumber).ToListAsync();
            lines[0].NetCents = 12_345;                  // an amount within its day
            lines[1].Date = new DateOnly(2024, 6, 9);    // a line to another day
            db.SaleLines.Remove(lines[2]);               // the only line of a day
            await db.SaveChangesAsync();
        }

        Assert.Equal(["C1 2024-06-01 12345/1", "C1 2024-06-09 5000/1"], await DaysAsync());

        await using (var db = Db())
        {
            var c2 = await db.Customers.Where(c => c.Key == "C2").Select(c => c.Id).SingleAsync();
            var line = await db.SaleLines.SingleAsync(s => s.Date == new DateOnly(2024, 6, 9));
            line.CustomerId = c2;                        // a line to another customer
            line.ProductName = "renamed";
            await db.SaveChangesAsync();
        }

        Assert.Equal(["C1 2024-06-01 12345/1", "C2 2024-06-09 5000/1"], await DaysAsync());
    }

    [Fact]
    public async Task RawSql_DeleteAndUpdate_AreFollowed()
    {
        await ImportAsync("F-1,2024-06-01,C1,Uno,100.00\nF-2,2024-06-01,C1,Uno,50.00\nF-3,2024-06-02,C2,Dos,30.00");
        await using (var db = Db())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM sale_line WHERE document_number = 'F-2'");
            await db.Database.ExecuteSqlRawAsync("UPDATE sale_line SET net_cents = net_cents * 2 WHERE document_number IN ('F-1', 'F-3')");
        }

        Assert.Equal(["C1 2024-06-01 20000/1", "C2 2024-06-02 6000/1"], await DaysAsync());

        await using (var db = Db())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM sale_line");
            Assert.Equal(0, await db.SaleDays.CountAsync());
        }
    }

    [Fact]
    public async Task AnImportsOwnLines_WrittenAfterItCommitted_AreCountedAsWritten()
    {
        // On SQLite an import adds its lines to sale_day grouped at its end, out of the row trigger; the trigger must be
        // back for every later write, also of lines that carry that import's id.
        await ImportAsync("F-1,2024-06-01,C1,Uno,100.00\nF-2,2024-06-02,C2,Dos,30.00");
        await using (var db = Db())
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO sale_line (workspace_id, issuer_tax_id, document_number, line_number, date, customer_id, import_id,
                    product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency, original_net_cents, original_currency)
                SELECT workspace_id, issuer_tax_id, document_number, line_number + 10, date, customer_id, import_id,
                    product_sku, product_name, quantity, unit_price, discount_pct, net_cents, currency, original_net_cents, original_currency
                FROM sale_line WHERE document_number = 'F-1'
                """);
        }

        Assert.Equal(["C1 2024-06-01 20000/2", "C2 2024-06-02 3000/1"], await DaysAsync());
    }

    [Fact]
    public async Task TwoWorkspaces_SameCustomerIdsAndDays_KeepTheirOwnDays()
    {
        await ImportAsync("F-1,2024-06-01,C1,Uno,100.00");
        await ImportAsync("F-1,2024-06-01,C1,Uno,300.00", workspace: "beta");
        Assert.Equal(["C1 2024-06-01 10000/1"], await DaysAsync("acme"));
        Assert.Equal(["C1 2024-06-01 30000/1"], await DaysAsync("beta"));

        await using var db = Db();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM sale_line WHERE workspace_id = (SELECT id FROM workspace WHERE slug = 'beta')");
        Assert.Equal(["C1 2024-06-01 10000/1"], await DaysAsync("acme"));
        Assert.Empty(await DaysAsync("beta"));
    }

    [Fact]
    public async Task Check_HandEditedDay_IsReportedWithBothSides()
    {
        await ImportAsync("F-1,2024-06-01,C1,Uno,100.00\nF-2,2024-06-02,C1,Uno,50.00");
        await using var db = Db();
        var ws = await db.Workspaces.Where(w => w.Slug == "acme").Select(w => w.Id).SingleAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE sale_day SET net_cents = 1 WHERE date = '2024-06-01'");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM sale_day WHERE date = '2024-06-02'");
        await db.Database.ExecuteSqlAsync($"INSERT INTO sale_day (workspace_id, customer_id, date, net_cents, line_count) VALUES ({ws}, 99, {new DateOnly(2024, 6, 3)}, 7, 1)");

        var check = await SaleDayCheck.RunAsync(db, null);
        Assert.False(check.Matches);
        Assert.Equal(2, check.Lines);
        Assert.Equal(
            new[]
            {
                new SaleDayDifference(ws, 1, new DateOnly(2024, 6, 1), 1, 1, 10_000, 1),
                new SaleDayDifference(ws, 1, new DateOnly(2024, 6, 2), null, null, 5_000, 1),
                new SaleDayDifference(ws, 99, new DateOnly(2024, 6, 3), 7, 1, null, null),
            },
            check.Differences);
    }

    [Fact]
    public async Task Migration_FillsSaleDayFromStoredLines()
    {
        await ImportAsync("F-1,2024-06-01,C1,Uno,100.00\nF-1,2024-06-01,C1,Uno,50.00\nF-2,2024-06-02,C2,Dos,30.00");
        await using (var db = Db())
        {
            // Back to the schema before sale_day (its Down drops the triggers and the table), add a line, then up again.
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("DataProtectionKeys");
            await db.Database.ExecuteSqlRawAsync("UPDATE sale_line SET net_cents = 4000 WHERE document_number = 'F-2'");
            await migrator.MigrateAsync();
        }

        Assert.Equal(["C1 2024-06-01 15000/2", "C2 2024-06-02 4000/1"], await DaysAsync());
    }
}

public sealed class SqliteSaleDayTests() : SaleDayTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresSaleDayTests() : SaleDayTests(Engine.Postgres);
