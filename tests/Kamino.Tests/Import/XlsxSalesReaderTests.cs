using System.Globalization;
using System.IO.Compression;
using Kamino.Import;
using MiniExcelLibs;
using nietras.SeparatedValues;

namespace Kamino.Tests.Import;

/// <summary>Excel workbooks written with MiniExcel in the test and imported into a real SQLite database.</summary>
public sealed class XlsxSalesReaderTests : IAsyncLifetime
{
    private const string Workspace = "acme";

    private readonly TempFolder folder = new();
    private TestDatabase? test;

    private TestDatabase Test => test!;

    public async Task InitializeAsync() => test = await TestDatabase.CreateAsync(Engine.Sqlite);

    public async Task DisposeAsync()
    {
        folder.Dispose();
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }

    private Task<ImportResult> ImportAsync(string path, string? sheet = null) =>
        new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, path, Sheet: sheet));

    private string SaveAs(string name, object sheets)
    {
        var path = Path.Combine(folder.Path, name);
        MiniExcel.SaveAs(path, sheets, excelType: ExcelType.XLSX);
        return path;
    }

    /// <summary>
    /// The generated CSV's rows as spreadsheet rows: dates as date cells on even rows and ISO text on odd ones,
    /// amounts as number cells, everything else as text.
    /// </summary>
    private static List<Dictionary<string, object?>> RowsOf(string csvPath)
    {
        var rows = new List<Dictionary<string, object?>>();
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(csvPath);
        var i = 0;
        foreach (var r in reader)
        {
            var row = new Dictionary<string, object?>();
            foreach (var name in reader.Header.ColNames)
            {
                var text = r[name].ToString();
                row[name] = name switch
                {
                    "invoice_date" when i % 2 == 0 => DateTime.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    "quantity" or "unit_price" or "discount_pct" or "line_total" => decimal.Parse(text, CultureInfo.InvariantCulture),
                    _ => text,
                };
            }

            rows.Add(row);
            i++;
        }

        return rows;
    }

    [Fact]
    public async Task ImportAsync_WorkbookOfGeneratedSales_MatchesGeneratorSummary()
    {
        var sales = await SalesGenerator.GetAsync("--lines 1500 --customers 40 --seed 11");
        var path = SaveAs("sales.xlsx", RowsOf(sales.Path));

        var result = await ImportAsync(path);

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        Assert.Equal("xlsx", result.Format);
        Assert.Equal(sales.Summary.Lines, result.LinesRead);
        Assert.Equal(sales.Summary.Lines, result.LinesAdded);
        Assert.Equal(sales.Summary.CustomersActive, result.CustomersAdded);
        var counts = await Test.CountAsync();
        Assert.Equal((long)(sales.Summary.TotalRevenue * 100m), counts.NetCents);

        // The same workbook again adds nothing.
        var again = await ImportAsync(path);
        Assert.Equal((0, sales.Summary.Lines), (again.LinesAdded, again.LinesSkipped));
    }

    [Fact]
    public async Task ImportAsync_BadDateCell_ReportedAtItsSheetRow_NothingWritten()
    {
        var path = SaveAs("bad.xlsx", new List<Dictionary<string, object?>>
        {
            new() { ["Fecha"] = new DateTime(2024, 3, 1), ["Cliente"] = "C1", ["Importe"] = 10.5m },
            new() { ["Fecha"] = "2024-03-02", ["Cliente"] = "C2", ["Importe"] = 20m },
            new() { ["Fecha"] = "2024-02-31", ["Cliente"] = "C3", ["Importe"] = 30m },
        });

        var result = await ImportAsync(path);

        Assert.False(result.Imported);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(4, problem.Line); // header on row 1, the third data row on row 4
        Assert.Contains("2024-02-31", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_DatesOutsideTheWindow_ReportedAtTheirSheetRows_NothingWritten()
    {
        var path = SaveAs("far.xlsx", new List<Dictionary<string, object?>>
        {
            new() { ["Fecha"] = new DateTime(2024, 3, 1), ["Cliente"] = "C1", ["Importe"] = 10.5m },
            new() { ["Fecha"] = new DateTime(9999, 12, 31), ["Cliente"] = "C2", ["Importe"] = 20m },
            new() { ["Fecha"] = "0001-01-01", ["Cliente"] = "C3", ["Importe"] = 30m },
        });

        var result = await ImportAsync(path);

        Assert.False(result.Imported);
        Assert.Equal([3, 4], result.Problems.Select(p => p.Line));
        Assert.All(result.Problems, p => Assert.Contains("outside the accepted range", p.Reason, StringComparison.Ordinal));
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_SheetOption_ReadsTheNamedSheet()
    {
        var path = SaveAs("book.xlsx", new Dictionary<string, object>
        {
            ["Notas"] = new List<Dictionary<string, object?>> { new() { ["nota"] = "ventas en la otra hoja" } },
            ["Ventas"] = new List<Dictionary<string, object?>>
            {
                new() { ["Nº factura"] = "F-1", ["Fecha"] = "05/03/2024", ["Cliente"] = "Bar Pepe", ["Total"] = "1.234,50" },
                new() { ["Nº factura"] = "F-2", ["Fecha"] = 45357d, ["Cliente"] = "Bar Pepe", ["Total"] = 100 },
            },
        });

        var first = await ImportAsync(path);
        var named = await ImportAsync(path, "Ventas");

        Assert.False(first.Imported);
        Assert.Contains("no date column", Assert.Single(first.Problems).Reason, StringComparison.Ordinal);
        Assert.True(named.Imported, string.Join('\n', named.Problems));
        Assert.Equal("es", named.Dialect);
        Assert.Equal(2, named.LinesAdded);
        Assert.Equal(new TableCounts(1, 1, 1, 2, 133_450), await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_UnknownSheet_RejectedNamingTheSheets()
    {
        var path = SaveAs("book.xlsx", new Dictionary<string, object>
        {
            ["Ventas"] = new List<Dictionary<string, object?>> { new() { ["date"] = "2024-01-01", ["customer"] = "C1", ["amount"] = 1m } },
        });

        var result = await ImportAsync(path, "Sales");

        Assert.False(result.Imported);
        var reason = Assert.Single(result.Problems).Reason;
        Assert.Contains("no sheet named 'Sales'", reason, StringComparison.Ordinal);
        Assert.Contains("'Ventas'", reason, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_MapOption_AppliesToSheetHeaders()
    {
        var path = SaveAs("map.xlsx", new List<Dictionary<string, object?>>
        {
            new() { ["when"] = "2024-01-01", ["who"] = "C1", ["money"] = 12.25m },
        });
        var map = new Dictionary<SaleField, string> { [SaleField.Date] = "when", [SaleField.CustomerName] = "who", [SaleField.NetAmount] = "money" };

        var result = await new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, path, Csv: new CsvReadOptions(map)));

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        Assert.Equal(1_225, (await Test.CountAsync()).NetCents);
    }

    [Fact]
    public async Task Open_WorkbookNamedCsv_IsReadAsXlsx_AndOtherZipIsRejected()
    {
        var workbook = SaveAs("book.xlsx", new List<Dictionary<string, object?>> { new() { ["date"] = "2024-01-01", ["customer"] = "C1", ["amount"] = 1m } });
        var renamed = Path.Combine(folder.Path, "renamed.csv");
        File.Copy(workbook, renamed);
        var zip = Path.Combine(folder.Path, "other.csv");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("sales.csv").Open());
            writer.Write("date,customer,amount\n2024-01-01,C1,1\n");
        }

        var asXlsx = await ImportAsync(renamed);
        var notXlsx = await ImportAsync(zip);

        Assert.True(asXlsx.Imported, string.Join('\n', asXlsx.Problems));
        Assert.Equal("xlsx", asXlsx.Format);
        Assert.False(notXlsx.Imported);
        Assert.Equal("zip", notXlsx.Format);
        Assert.Contains("not an Excel .xlsx workbook", Assert.Single(notXlsx.Problems).Reason, StringComparison.Ordinal);
    }
}
