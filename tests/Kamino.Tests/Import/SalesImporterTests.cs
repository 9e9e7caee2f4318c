using Kamino.Import;

namespace Kamino.Tests.Import;

/// <summary>
/// Importing files into a real database (PRODUCT.md §4): whole or nothing, nothing twice, conflicts reject.
/// Run on SQLite and PostgreSQL by the sealed subclasses at the end of the file.
/// </summary>
public abstract class SalesImporterTests(Engine engine) : DatabaseTests(engine)
{
    private const string Workspace = "acme";
    private const string Header = "invoice_number,invoice_date,customer_id,customer_name,product_sku,quantity,unit_price,discount_pct,line_total,currency";

    private Task<ImportResult> ImportAsync(string path) =>
        new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, path));

    [Fact]
    public async Task ImportAsync_GeneratedFile_AddsEveryLineAndCustomer()
    {
        var sales = await SalesGenerator.GetAsync("--lines 3000 --customers 60 --seed 3");

        var result = await ImportAsync(sales.Path);

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        Assert.Equal(sales.Summary.Lines, result.LinesRead);
        Assert.Equal(sales.Summary.Lines, result.LinesAdded);
        Assert.Equal(0, result.LinesSkipped);
        Assert.Equal(sales.Summary.CustomersActive, result.CustomersAdded);
        var counts = await Test.CountAsync();
        Assert.Equal(new TableCounts(1, sales.Summary.CustomersActive, 1, sales.Summary.Lines, (long)(sales.Summary.TotalRevenue * 100m)), counts);
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_AddsLinesOnce()
    {
        var sales = await SalesGenerator.GetAsync("--lines 3000 --customers 60 --seed 3");
        await ImportAsync(sales.Path);
        var afterFirst = await Test.CountAsync();

        var second = await ImportAsync(sales.Path);

        Assert.True(second.Imported, string.Join('\n', second.Problems));
        Assert.Equal(0, second.LinesAdded);
        Assert.Equal(sales.Summary.Lines, second.LinesSkipped);
        Assert.Equal(0, second.CustomersAdded);
        var afterSecond = await Test.CountAsync();
        Assert.Equal(afterFirst with { Imports = afterSecond.Imports }, afterSecond);
    }

    [Fact]
    public async Task ImportAsync_OverlappingFiles_AddOnlyTheNewLines()
    {
        var sales = await SalesGenerator.GetAsync("--lines 3000 --customers 60 --seed 3");
        var lines = await File.ReadAllLinesAsync(sales.Path);
        var body = lines.Skip(1).ToList();
        // Cut at invoice boundaries: a line's number is its position within its invoice in the file.
        int Boundary(int near)
        {
            var i = near;
            while (body[i].Split(',')[0] == body[i - 1].Split(',')[0])
            {
                i++;
            }

            return i;
        }

        var (cutA, cutB) = (Boundary(body.Count / 3), Boundary(body.Count * 2 / 3));
        var early = Folder.Write("early.csv", string.Join('\n', [lines[0], .. body[..cutB]]) + "\n");
        var late = Folder.Write("late.csv", string.Join('\n', [lines[0], .. body[cutA..]]) + "\n");

        var first = await ImportAsync(early);
        var second = await ImportAsync(late);

        Assert.Equal(cutB, first.LinesAdded);
        Assert.Equal(body.Count - cutB, second.LinesAdded);
        Assert.Equal(cutB - cutA, second.LinesSkipped);
        var counts = await Test.CountAsync();
        Assert.Equal(sales.Summary.Lines, counts.SaleLines);
        Assert.Equal((long)(sales.Summary.TotalRevenue * 100m), counts.NetCents);
    }

    [Fact]
    public async Task ImportAsync_BadRowsIntoNewWorkspace_RejectedAndNothingWritten()
    {
        var sales = await SalesGenerator.GetAsync("--lines 2000 --customers 50 --seed 4 --bad 5");

        var result = await ImportAsync(sales.Path);

        Assert.False(result.Imported);
        Assert.Equal(sales.BadRows.Select(b => b.Line), result.Problems.Select(p => p.Line).Order()); // listed by kind, malformed rows first (ImportProblemKindsTests)
        Assert.Equal(sales.BadRows.Count, result.ProblemCount);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_BadRowsIntoExistingWorkspace_DatabaseUnchanged()
    {
        var good = await SalesGenerator.GetAsync("--lines 3000 --customers 60 --seed 3");
        // Other dates give other invoice numbers: the rows are new, only the malformed ones are problems.
        var bad = await SalesGenerator.GetAsync("--lines 2000 --customers 80 --seed 4 --bad 5 --start-date 2030-01-01");
        await ImportAsync(good.Path);
        var before = await Test.CountAsync();

        var result = await ImportAsync(bad.Path);

        Assert.False(result.Imported);
        Assert.Equal(0, result.LinesAdded);
        Assert.Equal(bad.BadRows.Select(b => b.Line), result.Problems.Select(p => p.Line).Order()); // listed by kind, malformed rows first (ImportProblemKindsTests)
        Assert.All(result.Problems, p => Assert.StartsWith(Path.GetFileName(bad.Path) + ":", p.ToString(), StringComparison.Ordinal));
        Assert.Equal(before, await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_ChangedLineReimported_ConflictRejectsWholeFile()
    {
        await ImportAsync(Folder.Write("january.csv", $"""
            {Header}
            INV-1,2024-01-10,C1,Alpha,SKU-1,2,10.00,0,20.00,EUR
            INV-1,2024-01-10,C1,Alpha,SKU-2,1,5.00,0,5.00,EUR
            INV-2,2024-01-11,C2,Beta,SKU-1,1,10.00,0,10.00,EUR

            """));
        var before = await Test.CountAsync();

        // INV-1 line 2 now says 6.00; INV-3 is new and must not be added either.
        var result = await ImportAsync(Folder.Write("january-again.csv", $"""
            {Header}
            INV-1,2024-01-10,C1,Alpha,SKU-1,2,10.00,0,20.00,EUR
            INV-1,2024-01-10,C1,Alpha,SKU-2,1,6.00,0,6.00,EUR
            INV-2,2024-01-11,C2,Beta,SKU-1,1,10.00,0,10.00,EUR
            INV-3,2024-01-12,C3,Gamma,SKU-1,1,10.00,0,10.00,EUR

            """));

        Assert.False(result.Imported);
        var conflict = Assert.Single(result.Problems);
        Assert.Equal(3, conflict.Line);
        Assert.Contains("INV-1", conflict.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await Test.CountAsync());
        Assert.Equal(new TableCounts(1, 2, 1, 3, 3_500), before);
    }

    [Fact]
    public async Task ImportAsync_ConflictAndMalformedRow_BothListedInLineOrder()
    {
        await ImportAsync(Folder.Write("first.csv", $"""
            {Header}
            INV-1,2024-01-10,C1,Alpha,SKU-1,2,10.00,0,20.00,EUR
            INV-2,2024-01-11,C2,Beta,SKU-1,1,10.00,0,10.00,EUR

            """));
        var before = await Test.CountAsync();

        var result = await ImportAsync(Folder.Write("second.csv", $"""
            {Header}
            INV-3,2024-02-30,C1,Alpha,SKU-1,1,10.00,0,10.00,EUR
            INV-4,2024-01-12,C3,Gamma,SKU-1,1,10.00,0,10.00,EUR
            INV-2,2024-01-11,C2,Beta,SKU-1,1,10.00,0,12.00,EUR

            """));

        Assert.False(result.Imported);
        Assert.Equal([2, 4], result.Problems.Select(p => p.Line).Order()); // listed by kind, malformed rows first (ImportProblemKindsTests)
        Assert.Contains("date", result.Problems[0].Reason, StringComparison.Ordinal);
        Assert.Contains("INV-2", result.Problems[1].Reason, StringComparison.Ordinal);
        Assert.Equal(before, await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_NoDocumentNumbers_ReimportAddsNothing()
    {
        const string Csv = """
            fecha,cliente,producto,cantidad,precio
            2024-03-01,C1,SKU-1,2,5.00
            2024-03-01,C1,SKU-1,2,5.00
            2024-03-02,C2,SKU-9,1,7.50

            """;

        var first = await ImportAsync(Folder.Write("a.csv", Csv));
        var second = await ImportAsync(Folder.Write("b.csv", Csv));

        Assert.Equal(3, first.LinesAdded); // identical rows are two sales, not one
        Assert.Equal(0, second.LinesAdded);
        Assert.Equal(3, second.LinesSkipped);
        Assert.Equal(2_750, (await Test.CountAsync()).NetCents);
    }

    [Theory]
    [InlineData("", "en", ",", "utf-8")]
    [InlineData(" --dialect es --encoding cp1252", "es", ";", "windows-1252")]
    [InlineData(" --dialect es --encoding cp1252 --eol crlf", "es", ";", "windows-1252")]
    [InlineData(" --dialect es --bom --eol crlf", "es", ";", "utf-8")]
    public async Task ImportAsync_EachDialectAndEncoding_SameGroundTruthAsTheEnglishFile(string variant, string dialect, string delimiter, string encoding)
    {
        var english = await SalesGenerator.GetAsync("--lines 3000 --customers 60 --seed 7");
        var sales = await SalesGenerator.GetAsync("--lines 3000 --customers 60 --seed 7" + variant);
        Assert.Equal(english.Summary, sales.Summary);

        var result = await ImportAsync(sales.Path);

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        Assert.Equal((dialect, delimiter, encoding), (result.Dialect, result.Delimiter, result.Encoding));
        Assert.Equal((english.Summary.Lines, english.Summary.CustomersActive), (result.LinesAdded, result.CustomersAdded));
        Assert.Equal(new TableCounts(1, english.Summary.CustomersActive, 1, english.Summary.Lines, (long)(english.Summary.TotalRevenue * 100m)), await Test.CountAsync());
        await using var db = Db();
        var names = await db.Customers.Select(c => c.Name).ToListAsync();
        Assert.Contains(names, n => n.Any(c => c > 127)); // accented names decoded, not mangled
        Assert.DoesNotContain(names, n => n.Contains('\uFFFD', StringComparison.Ordinal) || n.Contains('Ã', StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportAsync_SpanishFileThenEnglishFile_SecondAddsNothing()
    {
        var english = await SalesGenerator.GetAsync("--lines 3000 --customers 60 --seed 7");
        var spanish = await SalesGenerator.GetAsync("--lines 3000 --customers 60 --seed 7 --dialect es --encoding cp1252");

        await ImportAsync(spanish.Path);
        var second = await ImportAsync(english.Path);

        Assert.True(second.Imported, string.Join('\n', second.Problems));
        Assert.Equal((0, english.Summary.Lines), (second.LinesAdded, second.LinesSkipped));
    }

    [Fact]
    public async Task ImportAsync_AmbiguousDialect_NothingWrittenAndSaysSo()
    {
        var result = await ImportAsync(Folder.Write("x.csv", "fecha;cliente;importe\n03/04/2024;C1;10\n"));

        Assert.False(result.Imported);
        Assert.True(result.DialectAmbiguous);
        Assert.Contains("03/04/2024", Assert.Single(result.Problems).Reason, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_MissingFile_RejectedWithReason()
    {
        var result = await ImportAsync(Path.Combine(Folder.Path, "nope.csv"));

        Assert.False(result.Imported);
        Assert.Single(result.Problems);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }
}

public sealed class SqliteSalesImporterTests() : SalesImporterTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresSalesImporterTests() : SalesImporterTests(Engine.Postgres);
