using Kamino.Import;

namespace Kamino.Tests.Import;

/// <summary>
/// The shared e-invoice samples (../shared/data/einvoices, values from each folder's SOURCES.md) imported into a
/// real database, and hostile XML. Run on SQLite and PostgreSQL by the sealed subclasses at the end of the file.
/// </summary>
public abstract class EInvoiceTests(Engine engine) : IAsyncLifetime
{
    private const string Workspace = "acme";

    private readonly TempFolder folder = new();
    private TestDatabase? test;

    private TestDatabase Test => test!;

    public static string Sample(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data", "einvoices", relative));
        return File.Exists(path) ? path : throw new FileNotFoundException($"The e-invoice sample is expected at {path} (shared/ beside the repository).", path);
    }

    /// <summary>Valid samples: format, buyer (customer) name, invoice lines, sum of the stored net amounts.</summary>
    public static TheoryData<string, string, string, int, decimal> ValidSamples => new()
    {
        { "ubl/peppol-bis3__base-example.xml", "ubl", "Buyer Official Name", 2, 1300m },
        { "ubl/peppol-bis3__Allowance-example.xml", "ubl", "Buyer Official Name", 3, 5900m },
        { "ubl/peppol-bis3__Vat-category-S.xml", "ubl", "Buyer Official Name", 3, 6900m },
        { "ubl/peppol-bis3__base-creditnote-correction.xml", "ubl", "Buyer Official Name", 2, -1300m },
        { "ubl/peppol-bis3__base-negative-inv-correction.xml", "ubl", "Buyer Official Name", 2, -1300m },
        { "ubl/peppol-bis3__sales-order-example.xml", "ubl", "Buyer Official Name", 2, 1300m },
        { "ubl/peppol-bis3__vat-category-E.xml", "ubl", "The Buyercompany", 1, 1200m },
        { "ubl/peppol-bis3__vat-category-O.xml", "ubl", "The Buyercompany", 1, 3200m },
        { "ubl/peppol-bis3__vat-category-Z.xml", "ubl", "The Buyercompany", 1, 1200m },
        { "ubl/en16931__ubl-tc434-example1.xml", "ubl", "ODIN 59", 20, 229.60m },
        { "ubl/en16931__ubl-tc434-example2.xml", "ubl", "The Buyercompany", 5, 1436.50m },
        { "ubl/en16931__ubl-tc434-example4.xml", "ubl", "Buyercompany ltd", 3, 4000m },
        { "ubl/en16931__ubl-tc434-example7.xml", "ubl", "THe Buyercompany", 2, 3200m },
        { "ubl/en16931__ubl-tc434-example8.xml", "ubl", "Klant", 10, 908.91m },
        { "ubl/en16931__ubl-tc434-creditnote1.xml", "ubl", "My Customer Company", 1, -100.11m },
        { "cii/zugferd__xml_en16931_1.xml", "cii", "Kunden AG Mitte", 2, 473.00m },
        { "cii/zugferd__xml_en16931_2.xml", "cii", "Kunden AG Mitte", 4, 202.70m },
        { "cii/zugferd__xml_en16931_3.xml", "cii", "LE CLIENT", 3, 95.00m },
        { "cii/zugferd__xml_basic_1.xml", "cii", "Kunden AG Mitte", 1, 198.00m },
        { "cii/zugferd__xml_extended_1.xml", "cii", "MUSTER-KUNDE GMBH", 5, 410.10m },
        { "cii/zugferd__xml_extended_2.xml", "cii", "LE CLIENT", 3, 95.00m },
        { "cii/zugferd__xml_xrechnung_1.xml", "cii", "Kunden AG Mitte", 2, 473.00m },
        { "cii/zugferd__xml_issue_206.xml", "cii", "Kunden AG Mitte", 1, 198.00m },
        { "cii/ublbridge__4_cii_without_tax.xml", "cii", "Kunden AG Mitte", 2, 473.00m },
        { "facturae/gobl__invoice-vat.xml", "facturae", "Moniward Sl", 2, 4202.00m },
        { "facturae/gobl__invoice-vat-provider.xml", "facturae", "Moniward Sl", 2, 1600.00m },
        // These two add a 200.00 general surcharge after the lines: 4037.00 + 200 = 4237.00, 3389.26 + 200 = 3589.26 before taxes.
        { "facturae/gobl__invoice-vat-irpf.xml", "facturae", "Moniward Sl", 3, 4037.00m },
        { "facturae/gobl__invoice-vat-irpf-inc.xml", "facturae", "Moniward Sl", 4, 3389.26m },
        { "facturae/gobl__invoice-face.xml", "facturae", "Ayuntamiento de Madrid", 1, 4000.00m },
        { "facturae/gobl__invoice-overseas-individual.xml", "facturae", "Spanish Company SL", 1, 1500.00m },
        { "facturae/gobl__credit-note.xml", "facturae", "Moniward Sl", 2, -4202.00m },
        { "facturae/fawno__factura_ejemplo.xml", "facturae", "DIPUTACION FORAL DE BIZKAIA", 1, 51.30m },
        // Lines are stored before document-level discounts: 1212.00 less a 48.48 general discount is the 1163.52 before taxes.
        { "facturae/fawno__factura-prueba-v1-2-0.xml", "facturae", "receptor", 1, 1212.00m },
        { "facturae/viewer__Facturae-3.2.2-valid.xml", "facturae", "Comercial de Ejemplo, S.A.", 2, 59.75m },
        { "facturae/viewer__Facturae-3.2.1-valid.xml", "facturae", "Comercial de Ejemplo, S.A.", 2, 59.75m },
        { "facturae/viewer__Facturae-3.2.2-lote-valid.xml", "facturae", "Comercial de Ejemplo, S.A.", 2, 200.00m },
    };

    /// <summary>
    /// Samples invalid on purpose, and the element path the reason must name. (The viewer's nif-invalido sample, whose
    /// seller tax id has a wrong check digit, is imported with a warning: EInvoiceEdgeCaseTests.)
    /// </summary>
    public static TheoryData<string, string> InvalidSamples => new()
    {
        { "facturae/viewer__Facturae-3.2.2-esquema-invalido.xml", "/Facturae/Invoices/Invoice[1]/InvoiceHeader/InvoiceNumber: required element is missing" },
        { "facturae/viewer__Facturae-3.2.2-totales-incorrectos.xml", "/Facturae/Invoices/Invoice[1]/InvoiceTotals/InvoiceTotal: total 99.99 does not match" },
    };

    public async Task InitializeAsync() => test = await TestDatabase.CreateAsync(engine);

    public async Task DisposeAsync()
    {
        folder.Dispose();
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }

    private Task<ImportResult> ImportAsync(string path) =>
        new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, path));

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public async Task ImportAsync_ValidSample_AddsItsLinesForTheBuyerOnce(string sample, string format, string customer, int lines, decimal net)
    {
        // The workspace reports in the sample's currency (a file never sets it).
        var currency = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Sample(sample)), "(?:DocumentCurrencyCode|InvoiceCurrencyCode)[^>]*>([A-Z]{3})<").Groups[1].Value;
        await using (var setup = Test.Database.CreateDbContext())
        {
            await Kamino.Workspaces.NewWorkspace.CreateAsync(setup, Workspace, "Acme", currency, System.Globalization.CultureInfo.InvariantCulture, TimeProvider.System);
        }

        var first = await ImportAsync(Sample(sample));
        var second = await ImportAsync(Sample(sample));

        Assert.True(first.Imported, string.Join('\n', first.Problems));
        Assert.Equal(format, first.Format);
        Assert.Equal((lines, lines), (first.LinesRead, first.LinesAdded));
        Assert.True(second.Imported, string.Join('\n', second.Problems));
        Assert.Equal((0, lines), (second.LinesAdded, second.LinesSkipped));
        await using var db = Test.Database.CreateDbContext();
        Assert.Equal(customer, (await db.Customers.SingleAsync()).Name);
        Assert.Equal(lines, await db.SaleLines.CountAsync());
        Assert.Equal((long)(net * 100m), await db.SaleLines.SumAsync(s => s.NetCents));
        Assert.Equal([format, format], await db.Imports.OrderBy(i => i.Id).Select(i => i.Format).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(InvalidSamples))]
    public async Task ImportAsync_InvalidSample_RejectedNamingTheElement(string sample, string reason)
    {
        var result = await ImportAsync(Sample(sample));

        Assert.False(result.Imported);
        var problem = Assert.Single(result.Problems);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
        Assert.True(problem.Line > 1, "the XML line of the element is reported");
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_FacturaeBatch_AddsEveryInvoice()
    {
        var result = await ImportAsync(Sample("facturae/viewer__Facturae-3.2.2-lote-valid.xml"));

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        await using var db = Test.Database.CreateDbContext();
        var documents = await db.SaleLines.OrderBy(s => s.DocumentNumber).Select(s => new { s.DocumentNumber, s.IssuerTaxId, s.NetCents }).ToListAsync();
        Assert.Equal(["A/1", "A/2"], documents.Select(d => d.DocumentNumber));
        Assert.All(documents, d => Assert.Equal(("B28015865", 10000L), (d.IssuerTaxId, d.NetCents)));
    }

    [Fact]
    public async Task ImportAsync_UblCreditNote_NegativeRevenueWithInvoiceLineSigns()
    {
        var result = await ImportAsync(Sample("ubl/peppol-bis3__base-creditnote-correction.xml"));

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        await using var db = Test.Database.CreateDbContext();
        var lines = await db.SaleLines.OrderBy(s => s.LineNumber).Select(s => new { s.NetCents, s.Quantity }).ToListAsync();
        // Line 1 credits 2800 (stored −2800); line 2 is a negative credit line (−1500 credited = +1500 revenue).
        Assert.Equal([(-280000L, -7m), (150000L, 3m)], lines.Select(l => (l.NetCents, l.Quantity)));
    }

    [Theory]
    [InlineData("ubl/peppol-bis3__base-example.xml", "(<cbc:IssueDate>)2017-11-13", "2150-01-01")]
    [InlineData("facturae/viewer__Facturae-3.2.2-valid.xml", "(<IssueDate>)2013-04-30", "2150-01-01")]
    [InlineData("cii/zugferd__xml_en16931_1.xml", "(IssueDateTime>\\s*<udt:DateTimeString format=\"102\">)20180305", "21500101")]
    public async Task ImportAsync_IssueDateOutsideTheWindow_IsAProblem_NothingWritten(string sample, string pattern, string date)
    {
        var xml = System.Text.RegularExpressions.Regex.Replace(await File.ReadAllTextAsync(Sample(sample)), pattern, "${1}" + date);
        Assert.Contains(date, xml, StringComparison.Ordinal);
        var path = Path.Combine(folder.Path, Path.GetFileName(sample));
        await File.WriteAllTextAsync(path, xml);

        var result = await ImportAsync(path);

        Assert.False(result.Imported);
        Assert.Contains(result.Problems, p => p.Reason.Contains("outside the accepted range 1900-01-01 to 2100-12-31", StringComparison.Ordinal));
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_SameSellerAndNumberWithOtherContent_ConflictRejectsTheSecond()
    {
        // Both gobl files are invoice TEST01001F of seller B23103039, with other lines and totals.
        Assert.True((await ImportAsync(Sample("facturae/gobl__invoice-vat.xml"))).Imported);
        var before = await Test.CountAsync();

        var second = await ImportAsync(Sample("facturae/gobl__invoice-vat-provider.xml"));

        Assert.False(second.Imported);
        Assert.All(second.Problems, p => Assert.Contains("document TEST01001F line", p.Reason, StringComparison.Ordinal));
        Assert.Equal(before, await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_ExternalEntity_RejectedWithoutFileContent()
    {
        var xml = folder.Write("xxe.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE Invoice [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>&xxe;</cbc:ID></Invoice>
            """);

        var result = await ImportAsync(xml);

        Assert.False(result.Imported);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("DTD", problem.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_BillionLaughs_RejectedForItsDtd_NothingWritten()
    {
        var entities = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">\n"));
        var xml = folder.Write("lol.xml", $"""
            <?xml version="1.0"?>
            <!DOCTYPE Facturae [ <!ENTITY l0 "lol"> {entities} ]>
            <fe:Facturae xmlns:fe="http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml"><Parties>&l9;</Parties></fe:Facturae>
            """);

        var result = await ImportAsync(xml);

        Assert.False(result.Imported);
        Assert.Contains("DTD", Assert.Single(result.Problems).Reason, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_DeeplyNestedXml_RejectedNamingTheLimit()
    {
        var depth = EInvoiceXml.MaxDepth + 10;
        var xml = folder.Write("deep.xml",
            "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</Invoice>");

        var result = await ImportAsync(xml);

        Assert.False(result.Imported);
        Assert.Contains("nested deeper than", Assert.Single(result.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_TruncatedXml_RejectedAtItsLine()
    {
        var text = await File.ReadAllTextAsync(Sample("cii/zugferd__xml_en16931_1.xml"));
        var xml = folder.Write("cut.xml", text[..(text.Length / 2)]);

        var result = await ImportAsync(xml);

        Assert.False(result.Imported);
        Assert.Equal("cii", result.Format);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("the file is not well-formed XML", problem.Reason, StringComparison.Ordinal);
        Assert.True(problem.Line > 1);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0), await Test.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_CsvFile_StillReadAsCsv()
    {
        var csv = folder.Write("sales.xml", "invoice,date,customer,amount\nF-1,2024-01-01,C1,10.00\n");

        var result = await ImportAsync(csv);

        Assert.True(result.Imported, string.Join('\n', result.Problems));
        Assert.Equal(("csv", "utf-8"), (result.Format, result.Encoding));
    }
}

public sealed class SqliteEInvoiceTests() : EInvoiceTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresEInvoiceTests() : EInvoiceTests(Engine.Postgres);
