namespace Kamino.Host.Tests.Cli;

/// <summary>The CLI as a user runs it: arguments in, exit code, stdout and stderr out, on a real SQLite file.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("kamino-cli-").FullName;

    private string Db => Path.Combine(dir, "k.db");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Import_SameFileTwice_AddsItsLinesOnce()
    {
        var csv = Generate("sales.csv", "--lines", "600", "--customers", "40", "--seed", "11");

        var first = await RunAsync("import", csv, "--db", Db, "--format", "json");
        var second = await RunAsync("import", csv, "--db", Db, "--format", "json");

        Assert.Equal(0, first.Exit);
        Assert.Equal(0, second.Exit);
        var a = JsonDocument.Parse(first.Out).RootElement[0];
        var b = JsonDocument.Parse(second.Out).RootElement[0];
        Assert.Equal(600, a.GetProperty("linesAdded").GetInt32());
        Assert.Equal(0, b.GetProperty("linesAdded").GetInt32());
        Assert.Equal(600, b.GetProperty("linesSkipped").GetInt32());
        Assert.Equal(0, b.GetProperty("customersAdded").GetInt32());
    }

    [Fact]
    public async Task Import_FileWithBadRows_Exits3_NamesEachBadLine_AndImportsNothing()
    {
        // The generator's --bad only inserts rows, so the same file without them is already imported here.
        var good = Generate("good.csv", "--lines", "2000", "--customers", "50", "--seed", "3");
        Assert.Equal(0, (await RunAsync("import", good, "--db", Db)).Exit);
        var before = await RunAsync("accounts", "pareto", "--all", "--format", "json", "--db", Db);

        var (bad, badLines) = GenerateWithBad("bad.csv", 8, "--lines", "2000", "--customers", "50", "--seed", "3");
        var result = await RunAsync("import", bad, "--db", Db);

        Assert.Equal(3, result.Exit);
        var reported = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("bad.csv:", StringComparison.Ordinal) && char.IsDigit(l["bad.csv:".Length]))
            .Select(l => int.Parse(l.Split(':')[1], CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(badLines, reported.Order()); // listed by kind, malformed rows first (docs/import.md)
        var after = await RunAsync("accounts", "pareto", "--all", "--format", "json", "--db", Db);
        Assert.Equal(before.Out, after.Out);
    }

    [Fact]
    public async Task Import_RejectedFileIntoNewWorkspace_LeavesNoWorkspaceBehind()
    {
        var (bad, _) = GenerateWithBad("bad.csv", 2, "--lines", "200", "--customers", "10", "--seed", "9");

        Assert.Equal(3, (await RunAsync("import", bad, "--db", Db, "--workspace", "acme")).Exit);
        var pareto = await RunAsync("accounts", "pareto", "--workspace", "acme", "--db", Db);

        Assert.Equal(1, pareto.Exit);
        Assert.Contains("'acme' does not exist", pareto.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParetoJson_AllDates_MatchesTheGeneratorsGroundTruth()
    {
        var summary = Path.Combine(dir, "summary.json");
        var csv = Generate("sales.csv", "--lines", "20000", "--customers", "800", "--seed", "21", "--summary", summary);
        Assert.Equal(0, (await RunAsync("import", csv, "--db", Db)).Exit);

        var result = await RunAsync("accounts", "pareto", "--all", "--format", "json", "--db", Db);

        Assert.Equal(0, result.Exit);
        var truth = JsonDocument.Parse(File.ReadAllText(summary)).RootElement;
        var report = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(decimal.Parse(truth.GetProperty("total_revenue").GetString()!, CultureInfo.InvariantCulture), report.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(truth.GetProperty("customers_active").GetInt32(), report.GetProperty("customerCount").GetInt32());
        Assert.Equal(truth.GetProperty("pareto_customers").GetInt32(), report.GetProperty("paretoCount").GetInt32());
        var abc = truth.GetProperty("abc");
        var classes = report.GetProperty("classes");
        Assert.Equal(abc.GetProperty("A").GetInt32(), classes.GetProperty("a").GetInt32());
        Assert.Equal(abc.GetProperty("B").GetInt32(), classes.GetProperty("b").GetInt32());
        Assert.Equal(abc.GetProperty("C").GetInt32(), classes.GetProperty("c").GetInt32());
        Assert.Equal(truth.GetProperty("hhi_points").GetDecimal(), report.GetProperty("concentration").GetProperty("hhi").GetDecimal(), 2);
        Assert.Equal(truth.GetProperty("top1_customer").GetString(), report.GetProperty("customers")[0].GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task Pareto_DefaultPeriod_IsTheTwelveMonthsEndingOnTheLatestSale()
    {
        var csv = Write("p.csv", """
            invoice_number,invoice_date,customer_id,customer_name,line_total
            F1,2016-12-30,A,Alfa,1000.00
            F2,2016-12-31,B,Beta,300.00
            F3,2017-12-30,C,Gamma,100.00
            """);
        Assert.Equal(0, (await RunAsync("import", csv, "--db", Db)).Exit);

        var result = await RunAsync("accounts", "pareto", "--format", "json", "--db", Db);

        var report = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("2016-12-31", report.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2017-12-30", report.GetProperty("period").GetProperty("to").GetString());
        Assert.Equal(400.00m, report.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(["B", "C"], report.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("customerId").GetString()));
    }

    [Fact]
    public async Task ParetoCsv_CustomerNameLookingLikeAFormula_IsNeutralised()
    {
        var csv = Write("f.csv", """
            invoice_number,invoice_date,customer_id,customer_name,line_total
            F1,2024-01-10,X1,"=HYPERLINK(""http://evil.test"",""x"")",50.00
            F2,2024-01-11,X2,"Plain, S.L.",150.00
            """);
        Assert.Equal(0, (await RunAsync("import", csv, "--db", Db)).Exit);

        var result = await RunAsync("accounts", "pareto", "--format", "csv", "--db", Db);

        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rank,customerId,name,revenue,share,cumulativeShare,pareto,class", lines[0].TrimEnd('\r'));
        Assert.StartsWith("1,X2,\"Plain, S.L.\",150.00,0.75,0.75,true,A", lines[1], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("2,X1,\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",50.00,0.25,1,true,A", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "2024-13-01")]
    [InlineData("--to", "yesterday")]
    [InlineData("--threshold", "1.5")]
    public async Task Pareto_BadOption_IsAUsageError(string option, string value)
    {
        var result = await RunAsync("accounts", "pareto", option, value, "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains(option, result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("accounts", "pareto", "--format", "xml")]
    [InlineData("accounts", "pareto", "--bogus")]
    [InlineData("import")]
    public async Task UnparsableCommandLine_IsAUsageError(params string[] args)
    {
        var result = await RunAsync([.. args, "--db", Db]);

        Assert.Equal(2, result.Exit);
    }

    [Fact]
    public async Task Pareto_FromAfterTo_IsAUsageError()
    {
        var result = await RunAsync("accounts", "pareto", "--from", "2024-05-01", "--to", "2024-04-01", "--db", Db);

        Assert.Equal(2, result.Exit);
    }

    [Fact]
    public async Task Import_AmbiguousDialect_Exits2_NamesWhatAndTheFlag_AndDialectSettlesIt()
    {
        var csv = Write("ambiguous.csv", "fecha;cliente;importe\n03/04/2024;C1;10\n01/02/2024;C2;20");

        var ambiguous = await RunAsync("import", csv, "--db", Db);
        var settled = await RunAsync("import", csv, "--db", Db, "--dialect", "es", "--format", "json");

        Assert.Equal(2, ambiguous.Exit);
        Assert.Contains("dates like 03/04/2024 can be dd/mm/yyyy or mm/dd/yyyy", ambiguous.Err, StringComparison.Ordinal);
        Assert.Contains("--dialect es", ambiguous.Err, StringComparison.Ordinal);
        Assert.Equal(0, settled.Exit);
        var r = JsonDocument.Parse(settled.Out).RootElement[0];
        Assert.Equal((2, "es", ";", "utf-8"), (r.GetProperty("linesAdded").GetInt32(), r.GetProperty("dialect").GetString(), r.GetProperty("delimiter").GetString(), r.GetProperty("encoding").GetString()));
    }

    [Fact]
    public async Task Import_SpanishCp1252FileWithBadRows_Exits3_NamesEachBadLine()
    {
        var (bad, badLines) = GenerateWithBad("malo.csv", 8, "--lines", "2000", "--customers", "50", "--seed", "3", "--dialect", "es", "--encoding", "cp1252", "--eol", "crlf");

        var result = await RunAsync("import", bad, "--db", Db);

        Assert.Equal(3, result.Exit);
        var reported = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("malo.csv:", StringComparison.Ordinal) && char.IsDigit(l["malo.csv:".Length]))
            .Select(l => int.Parse(l.Split(':')[1], CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(badLines, reported.Order()); // listed by kind, malformed rows first (docs/import.md)
    }

    [Fact]
    public async Task Import_Summary_ReportsDialectDelimiterAndEncoding_InTableAndCsv()
    {
        // Seed 1 writes names with characters only Windows-1252 has (0x80–0x9F); with none, ISO-8859-1 would be reported.
        var csv = Generate("ventas.csv", "--lines", "2000", "--customers", "50", "--seed", "1", "--dialect", "es", "--encoding", "cp1252");

        var table = await RunAsync("import", csv, "--db", Db, "--dry-run");
        var csvOut = await RunAsync("import", csv, "--db", Db, "--format", "csv");

        Assert.Contains("dialect es, delimiter ;, windows-1252", table.Out, StringComparison.Ordinal);
        var lines = csvOut.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("dialect,delimiter,encoding,linesRejected,warnings", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",es,;,windows-1252,0,0", lines[1].TrimEnd('\r'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imports_ListThenUndo_RemovesTheLinesAndListsItUndone()
    {
        var a = Write("a.csv", "invoice,date,customer,amount\nF-1,2024-01-01,C1,10.00\nF-2,2024-01-02,C2,20.00");
        var b = Write("b.csv", "invoice,date,customer,amount\nF-2,2024-01-02,C2,20.00\nF-3,2024-01-03,C3,30.00");
        Assert.Equal(0, (await RunAsync("import", a, b, "--db", Db)).Exit);

        var undo = await RunAsync("imports", "undo", "2", "--db", Db);
        var list = await RunAsync("imports", "list", "--db", Db, "--format", "json");
        var pareto = await RunAsync("accounts", "pareto", "--all", "--format", "json", "--db", Db);

        Assert.Equal(0, undo.Exit);
        Assert.Contains("1 lines and 1 customers removed", undo.Out, StringComparison.Ordinal);
        var imports = JsonDocument.Parse(list.Out).RootElement;
        Assert.Equal(2, imports.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, imports[0].GetProperty("undoneAt").ValueKind);
        Assert.Equal(JsonValueKind.String, imports[1].GetProperty("undoneAt").ValueKind);
        Assert.Equal(("b.csv", ",", "en"), (imports[1].GetProperty("fileName").GetString(), imports[1].GetProperty("delimiter").GetString(), imports[1].GetProperty("dialect").GetString()));
        Assert.Contains("\"C2\"", pareto.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\"C3\"", pareto.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("1", "--workspace", "nope")]
    public async Task Imports_UndoUnknown_Exits1(params string[] args)
    {
        var a = Write("a.csv", "invoice,date,customer,amount\nF-1,2024-01-01,C1,10.00");
        Assert.Equal(0, (await RunAsync("import", a, "--db", Db)).Exit);

        var result = await RunAsync(["imports", "undo", .. args, "--db", Db]);

        Assert.Equal(1, result.Exit);
        Assert.NotEmpty(result.Err);
    }

    [Fact]
    public async Task Import_FolderAndZip_ImportsEveryEInvoiceAndCsvInOneCommand()
    {
        var samples = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data", "einvoices"));
        var folder = Directory.CreateDirectory(Path.Combine(dir, "inbox")).FullName;
        File.Copy(Path.Combine(samples, "facturae", "viewer__Facturae-3.2.2-lote-valid.xml"), Path.Combine(folder, "b-lote.xml"));
        File.Copy(Path.Combine(samples, "facturae", "gobl__invoice-vat.xml"), Path.Combine(folder, "a-vat.xml"));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a sales file");
        var zip = Path.Combine(dir, "more.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            System.IO.Compression.ZipFileExtensions.CreateEntryFromFile(archive, Path.Combine(samples, "facturae", "gobl__invoice-face.xml"), "../../escape.xml");
            System.IO.Compression.ZipFileExtensions.CreateEntryFromFile(archive, Path.Combine(samples, "facturae", "gobl__credit-note.xml"), "sub/credit.xml");
            using var writer = new StreamWriter(archive.CreateEntry("ventas.csv").Open());
            writer.Write("factura,fecha,cliente,importe\nV-1,2024-01-01,B12345674,10.00\n");
        }

        var result = await RunAsync("import", folder, zip, "--db", Db, "--format", "json");

        Assert.True(result.Exit == 0, result.Err);
        var files = JsonDocument.Parse(result.Out).RootElement.EnumerateArray()
            .Select(f => (f.GetProperty("file").GetString(), f.GetProperty("format").GetString(), f.GetProperty("linesAdded").GetInt32())).ToList();
        Assert.Equal(
            [("inbox/a-vat.xml", "facturae", 2), ("inbox/b-lote.xml", "facturae", 2), ("more.zip/../../escape.xml", "facturae", 1), ("more.zip/sub/credit.xml", "facturae", 2), ("more.zip/ventas.csv", "csv", 1)],
            files);
        Assert.False(File.Exists(Path.Combine(dir, "..", "escape.xml")));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(dir, "..", "..", "escape.xml"))));
    }

    private static Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        CliRunner.RunAsync(args);

    [Fact]
    public async Task Import_ConflictingFile_RejectedWithoutReplace_ReplacedWithIt()
    {
        var first = Write("first.csv", "invoice,line,date,customer,amount\nF-1,1,2024-01-10,C1,10.00\nF-1,2,2024-01-10,C1,20.00");
        var corrected = Write("corrected.csv", "invoice,line,date,customer,amount\nF-1,1,2024-01-10,C1,10.00\nF-1,2,2024-01-10,C1,25.00");
        Assert.Equal(0, (await RunAsync("import", first, "--db", Db)).Exit);

        var rejected = await RunAsync("import", corrected, "--db", Db);
        var replaced = await RunAsync("import", corrected, "--db", Db, "--replace");

        Assert.Equal(3, rejected.Exit);
        Assert.Contains("corrected.csv:3: document F-1 line 2 was imported before with different content", rejected.Err, StringComparison.Ordinal);
        Assert.Equal(0, replaced.Exit);
        Assert.Contains("0 added, 1 replaced, 1 already imported", replaced.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_XlsxWithSheetOption_ReadsThatSheet()
    {
        var book = Path.Combine(dir, "ventas.xlsx");
        MiniExcelLibs.MiniExcel.SaveAs(book, new Dictionary<string, object>
        {
            ["Portada"] = new List<Dictionary<string, object?>> { new() { ["x"] = "y" } },
            ["Ventas"] = new List<Dictionary<string, object?>> { new() { ["fecha"] = "2024-01-10", ["cliente"] = "C1", ["importe"] = 12.5m } },
        });

        var missing = await RunAsync("import", book, "--db", Db, "--sheet", "Nope");
        var ok = await RunAsync("import", book, "--db", Db, "--sheet", "Ventas");

        Assert.Equal(3, missing.Exit);
        Assert.Contains("no sheet named 'Nope'", missing.Err, StringComparison.Ordinal);
        Assert.Equal(0, ok.Exit);
        Assert.Contains("(xlsx, dialect en): import #1: 1 lines read, 1 added", ok.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workspace_SetAndShowTaxIds()
    {
        var set = await RunAsync("workspace", "set", "--tax-id", "b-23.103.039", "--tax-id", "ESB77436020", "--db", Db, "--workspace", "acme");
        var show = await RunAsync("workspace", "show", "--db", Db, "--workspace", "acme");
        var neither = await RunAsync("workspace", "set", "--db", Db, "--workspace", "acme");

        Assert.Equal(0, set.Exit);
        Assert.Contains("tax ids B23103039, ESB77436020", show.Out, StringComparison.Ordinal);
        Assert.Equal(2, neither.Exit);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\n") + "\n");
        return path;
    }

    private string Generate(string name, params string[] args) => GenerateWithBad(name, 0, args).Path;

    /// <summary>Runs ../shared/bench/gen-sales.py; returns the file and the lines of the bad rows it inserted.</summary>
    private (string Path, List<int> BadLines) GenerateWithBad(string name, int bad, params string[] args)
    {
        var path = Path.Combine(dir, name);
        var lines = SalesGenerator.Write(path, [.. args, "--bad", bad.ToString(CultureInfo.InvariantCulture)]).Select(r => r.Line).ToList();
        Assert.Equal(bad, lines.Count);
        return (path, lines);
    }
}
