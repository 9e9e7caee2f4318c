using Kamino.Import;
using Kamino.Workspaces;

namespace Kamino.Tests.Import;

/// <summary>
/// <c>--replace</c> of conflicting documents and the workspace's own tax ids (PRODUCT.md §4), on a real database.
/// Run on SQLite and PostgreSQL by the sealed subclasses at the end of the file.
/// </summary>
public abstract class ReplaceAndOwnTaxIdsTests(Engine engine) : DatabaseTests(engine)
{
    private const string Workspace = "acme";
    private const string UblSeller = "GB1232434";
    private const string FacturaeSeller = "B23103039";

    private Task<ImportResult> ImportAsync(string path, bool replace = false) =>
        new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, path, Replace: replace));

    private async Task<List<(string Document, int Line, long NetCents, long ImportId)>> LinesAsync()
    {
        await using var db = Db();
        var lines = await db.SaleLines.Select(s => new { s.DocumentNumber, s.LineNumber, s.NetCents, s.ImportId }).ToListAsync();
        return [.. lines.Select(l => (l.DocumentNumber, l.LineNumber, l.NetCents, l.ImportId)).OrderBy(l => l.DocumentNumber, StringComparer.Ordinal).ThenBy(l => l.LineNumber)];
    }

    private const string First = """
        invoice,line,date,customer,amount
        F-1,1,2024-01-10,C1,10.00
        F-1,2,2024-01-10,C1,20.00
        F-1,3,2024-01-10,C1,30.00
        F-2,1,2024-01-11,C2,40.00
        """;

    // F-1 line 1 unchanged, line 2 changed, line 3 gone; F-3 new.
    private const string Corrected = """
        invoice,line,date,customer,amount
        F-1,1,2024-01-10,C1,10.00
        F-1,2,2024-01-10,C1,25.00
        F-3,1,2024-01-12,C3,5.00
        """;

    [Fact]
    public async Task ImportAsync_ConflictWithoutReplace_RejectedListingTheLine()
    {
        Assert.True((await ImportAsync(Folder.Write("first.csv", First))).Imported);
        var before = await Test.CountAsync();

        var result = await ImportAsync(Folder.Write("corrected.csv", Corrected));

        Assert.False(result.Imported);
        var conflict = Assert.Single(result.Problems);
        Assert.Equal(3, conflict.Line);
        Assert.Contains("document F-1 line 2 was imported before with different content", conflict.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_ConflictWithReplace_DocumentBecomesTheFilesLines()
    {
        var first = await ImportAsync(Folder.Write("first.csv", First));

        var result = await ImportAsync(Folder.Write("corrected.csv", Corrected), replace: true);

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        Assert.Equal((3, 1, 1, 1), (result.LinesRead, result.LinesAdded, result.LinesReplaced, result.LinesSkipped));
        var second = result.ImportId!.Value;
        Assert.Equal(
            [("F-1", 1, 1_000L, second), ("F-1", 2, 2_500L, second), ("F-2", 1, 4_000L, first.ImportId!.Value), ("F-3", 1, 500L, second)],
            await LinesAsync());
    }

    [Fact]
    public async Task ImportAsync_ReplaceWithoutConflict_IsAnOrdinaryImport()
    {
        await ImportAsync(Folder.Write("first.csv", First));
        var before = await LinesAsync();

        var result = await ImportAsync(Folder.Write("again.csv", First), replace: true);

        Assert.True(result.Imported);
        Assert.Equal((0, 0, 4), (result.LinesAdded, result.LinesReplaced, result.LinesSkipped));
        Assert.Equal(before, await LinesAsync());
    }

    [Fact]
    public async Task ImportAsync_SameIdentityTwiceInOneFile_StillRejectedWithReplace()
    {
        var result = await ImportAsync(Folder.Write("twice.csv", "invoice,line,date,customer,amount\nF-1,1,2024-01-10,C1,10.00\nF-1,1,2024-01-10,C1,11.00\n"), replace: true);

        Assert.False(result.Imported);
        Assert.Equal(3, Assert.Single(result.Problems).Line);
        Assert.Equal(0, (await Test.CountAsync()).SaleLines);
    }

    [Fact]
    public async Task ImportAsync_EInvoiceFromAnotherSeller_RejectedAsProbablyPurchase()
    {
        await OwnTaxIds.SetAsync(Test.Database, Workspace, [FacturaeSeller], TimeProvider.System);
        var before = await Test.CountAsync();

        var result = await ImportAsync(EInvoiceTests.Sample("ubl/peppol-bis3__base-example.xml"));

        Assert.False(result.Imported);
        var problem = Assert.Single(result.Problems);
        Assert.Contains($"seller {UblSeller} is not one of this workspace's tax ids", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("probably a purchase invoice", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_EInvoiceFromOwnTaxId_Accepted_WrittenWithPunctuationOrNot()
    {
        var (stored, error) = await OwnTaxIds.SetAsync(Test.Database, Workspace, ["b-23.103.039", "gb 1232434"], TimeProvider.System);
        Assert.Null(error);
        Assert.Equal([FacturaeSeller, UblSeller], stored);

        var facturae = await ImportAsync(EInvoiceTests.Sample("facturae/gobl__invoice-vat.xml"));
        var ubl = await ImportAsync(EInvoiceTests.Sample("ubl/peppol-bis3__base-example.xml"));

        Assert.True(facturae.Imported, string.Join('\n', facturae.Problems));
        Assert.True(ubl.Imported, string.Join('\n', ubl.Problems));
        Assert.Equal([FacturaeSeller, UblSeller], await OwnTaxIds.GetAsync(Test.Database, Workspace));
    }

    [Fact]
    public async Task ImportAsync_NoTaxIdsRecorded_EveryEInvoiceAccepted_AndCsvNeverChecked()
    {
        var ubl = await ImportAsync(EInvoiceTests.Sample("ubl/peppol-bis3__base-example.xml"));
        await OwnTaxIds.SetAsync(Test.Database, Workspace, ["B99999999"], TimeProvider.System);
        var csv = await ImportAsync(Folder.Write("first.csv", First));

        Assert.True(ubl.Imported, string.Join('\n', ubl.Problems));
        Assert.True(csv.Imported, string.Join('\n', csv.Problems));
    }

    [Fact]
    public async Task SetAsync_NotATaxId_RejectedAndNothingStored()
    {
        await OwnTaxIds.SetAsync(Test.Database, Workspace, [FacturaeSeller], TimeProvider.System);

        var (stored, error) = await OwnTaxIds.SetAsync(Test.Database, Workspace, ["B1", "--"], TimeProvider.System);

        Assert.Null(stored);
        Assert.Contains("'--' is not a tax id", error, StringComparison.Ordinal);
        Assert.Equal([FacturaeSeller], await OwnTaxIds.GetAsync(Test.Database, Workspace));
    }
}

public sealed class SqliteReplaceAndOwnTaxIdsTests() : ReplaceAndOwnTaxIdsTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresReplaceAndOwnTaxIdsTests() : ReplaceAndOwnTaxIdsTests(Engine.Postgres);
