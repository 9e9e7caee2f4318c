using Kamino.Import;

namespace Kamino.Tests.Import;

public sealed class CsvSalesReaderTests : IDisposable
{
    private const string EnglishHeader = "invoice_number,invoice_date,customer_id,customer_name,product_sku,quantity,unit_price,discount_pct,line_total,currency";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private (List<SaleRow> Rows, List<ImportProblem> Problems) Read(string csv, CsvReadOptions? options = null)
    {
        var items = new CsvSalesReader(folder.Write("sales.csv", csv), options).Read().ToList();
        return (items.OfType<SaleRow>().ToList(), items.OfType<ImportProblem>().ToList());
    }

    private static (List<SaleRow> Rows, List<ImportProblem> Problems) ReadFile(string path)
    {
        var items = new CsvSalesReader(path).Read().ToList();
        return (items.OfType<SaleRow>().ToList(), items.OfType<ImportProblem>().ToList());
    }

    [Theory]
    [InlineData("--lines 3000 --customers 60 --seed 3 --bad 8")]
    [InlineData("--lines 5000 --customers 200 --seed 11 --bad 12")]
    [InlineData("--lines 2000 --customers 40 --seed 42 --bad 9 --eol crlf")]
    [InlineData("--lines 1500 --customers 30 --seed 5 --bad 7 --bom")]
    [InlineData("--lines 3000 --customers 60 --seed 3 --bad 8 --dialect es --encoding cp1252")]
    [InlineData("--lines 2000 --customers 40 --seed 42 --bad 9 --dialect es --bom --eol crlf")]
    public async Task Read_GeneratedFileWithBadRows_ReportsExactlyTheBadLines(string arguments)
    {
        var sales = await SalesGenerator.GetAsync(arguments);
        Assert.Equal(4, sales.BadRows.Select(b => b.Kind).Distinct().Count()); // every kind, unbalanced_quote too

        var (rows, problems) = ReadFile(sales.Path);

        Assert.Equal(sales.BadRows.Select(b => b.Line), problems.Select(p => p.Line));
        // Every other line is a sale, numbered right after each resumed unclosed quote.
        var allLines = Enumerable.Range(2, sales.Summary.Lines + sales.BadRows.Count);
        Assert.Equal(allLines.Except(sales.BadRows.Select(b => b.Line)), rows.Select(r => r.SourceLine));
        Assert.Equal(sales.Summary.TotalRevenue, rows.Sum(r => r.NetCents) / 100m);
    }

    [Fact]
    public async Task Read_UnbalancedQuote_ReportsItsStartLineAsUnclosedQuote()
    {
        var sales = await SalesGenerator.GetAsync("--lines 3000 --customers 60 --seed 3 --bad 8");
        var unbalanced = sales.BadRows.Where(b => b.Kind == "unbalanced_quote").Select(b => b.Line).ToList();
        Assert.NotEmpty(unbalanced);

        var (_, problems) = ReadFile(sales.Path);

        Assert.All(unbalanced, line => Assert.Contains("quote", problems.Single(p => p.Line == line).Reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--lines 2000 --customers 50 --seed 1")]
    [InlineData("--lines 2000 --customers 50 --seed 1 --bom --eol crlf")]
    [InlineData("--lines 2000 --customers 50 --seed 1 --dialect es --encoding cp1252")]
    [InlineData("--lines 2000 --customers 50 --seed 1 --dialect es --encoding cp1252 --eol crlf")]
    [InlineData("--lines 2000 --customers 50 --seed 1 --dialect es --bom")]
    public async Task Read_GeneratedFile_EveryLineReadWithTheGeneratorsAmounts(string arguments)
    {
        var sales = await SalesGenerator.GetAsync(arguments);

        var (rows, problems) = ReadFile(sales.Path);

        Assert.Empty(problems);
        Assert.Equal(sales.Summary.Lines, rows.Count);
        Assert.Equal(sales.Summary.TotalRevenue, rows.Sum(r => r.NetCents) / 100m);
        Assert.Equal(sales.Summary.CustomersActive, rows.Select(r => r.CustomerKey).Distinct().Count());
        Assert.All(rows, r => Assert.Equal("EUR", r.Currency));
    }

    [Fact]
    public void Read_SpanishHeaders_MatchedBySynonyms()
    {
        var (rows, problems) = Read("""
            Nº Factura,Fecha,Razón Social,NIF,Artículo,Cantidad,Precio,Dto,Importe Neto,Moneda
            F-7,2024-03-05,Panadería Núñez,B12345678,PAN-1,4,2.50,10,9.00,eur
            """);

        Assert.Empty(problems);
        var row = Assert.Single(rows);
        Assert.Equal("F-7", row.DocumentNumber);
        Assert.Equal(1, row.LineNumber);
        Assert.Equal(new DateOnly(2024, 3, 5), row.Date);
        Assert.Equal("B12345678", row.CustomerKey); // the tax id identifies the customer
        Assert.Equal("B12345678", row.CustomerTaxId);
        Assert.Equal("Panadería Núñez", row.CustomerName);
        Assert.Equal("PAN-1", row.ProductSku);
        Assert.Equal(4m, row.Quantity);
        Assert.Equal(10m, row.DiscountPct);
        Assert.Equal(900, row.NetCents);
        Assert.Equal("EUR", row.Currency);
    }

    [Fact]
    public void Read_MissingRequiredColumns_OneHeaderProblemNamingThem()
    {
        var (rows, problems) = Read("""
            producto,cantidad,notas
            P-1,3,hola
            """);

        Assert.Empty(rows);
        var problem = Assert.Single(problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("date", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("customer", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("amount", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("1899-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("31/12/9999")]
    public void Read_DateOutsideTheWindow_IsAProblemOfItsLine(string date)
    {
        var (rows, problems) = Read($"""
            fecha,cliente,importe
            1900-01-01,C1,10
            {date},C2,20
            2100-12-31,C3,30
            """, new CsvReadOptions(Dialect: CsvDialect.Es));

        Assert.Equal(["C1", "C3"], rows.Select(r => r.CustomerKey));
        var problem = Assert.Single(problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("outside the accepted range 1900-01-01 to 2100-12-31", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuantityWithoutPrice_IsNotEnoughForAnAmount()
    {
        var (_, problems) = Read("""
            fecha,cliente,cantidad
            2024-01-01,C1,3
            """);

        var problem = Assert.Single(problems);
        Assert.Equal(1, problem.Line);
        Assert.DoesNotContain("no date column", problem.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("no customer column", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("no net amount column", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_IsAProblem()
    {
        var (rows, problems) = Read("");

        Assert.Empty(rows);
        Assert.Single(problems);
    }

    [Fact]
    public void Read_QuotedFieldsWithCommasAndQuotes_Unescaped()
    {
        var (rows, problems) = Read($"""
            {EnglishHeader}
            INV-1,2024-01-02,C1,"Bar ""La Esquina"", S.L.","SKU,1",1,10.00,0,10.00,EUR
            INV-1,2024-01-02,C1,"Bar ""La Esquina"", S.L.",SKU-2,2,5.00,0,10.00,EUR
            """);

        Assert.Empty(problems);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("Bar \"La Esquina\", S.L.", r.CustomerName));
        Assert.Equal("SKU,1", rows[0].ProductSku);
        Assert.Equal([1, 2], rows.Select(r => r.LineNumber));
        Assert.Equal([2, 3], rows.Select(r => r.SourceLine));
    }

    [Theory]
    [InlineData("3", "19.99", "10", 5397)]   // 3 × 19.99 × 0.90 = 53.973
    [InlineData("1", "0.125", "", 13)]       // half a cent rounds away from zero
    [InlineData("-1", "0.125", "", -13)]     // a credit line too
    [InlineData("2.5", "4.00", "", 1000)]    // by weight
    [InlineData("", "7.00", "", 700)]        // no quantity means one
    public void Read_NoNetAmountColumn_AmountIsQuantityTimesPriceLessDiscount(string quantity, string price, string discount, long expectedCents)
    {
        var (rows, problems) = Read($"""
            date,customer_id,quantity,unit_price,discount
            2024-05-01,C1,{quantity},{price},{discount}
            """);

        Assert.Empty(problems);
        Assert.Equal(expectedCents, Assert.Single(rows).NetCents);
    }

    [Fact]
    public void Read_NetAmountWithoutPrice_PriceDerivedFromAmount()
    {
        var (rows, _) = Read("""
            date,customer,quantity,amount
            2024-05-01,C1,4,10.00
            """);

        var row = Assert.Single(rows);
        Assert.Equal(1000, row.NetCents);
        Assert.Equal(2.5m, row.UnitPrice);
    }

    [Fact]
    public void Read_NoDocumentNumberColumn_IdentityByContentAndOccurrence()
    {
        var (rows, problems) = Read("""
            date,customer_id,product_sku,quantity,unit_price
            2024-01-10,C1,SKU-1,2,5.00
            2024-01-10,C1,SKU-2,1,5.00
            2024-01-10,C1,SKU-1,2,5.00
            2024-01-11,C1,SKU-1,2,5.00
            2024-01-10,C2,SKU-1,2,5.00
            """);

        Assert.Empty(problems);
        // Rows 1 and 3 are identical: same identity document, numbered by occurrence.
        Assert.Equal(rows[0].DocumentNumber, rows[2].DocumentNumber);
        Assert.Equal([1, 2], new[] { rows[0].LineNumber, rows[2].LineNumber });
        // Any difference in date, customer or content is another identity.
        Assert.Equal(5, rows.Select(r => (r.DocumentNumber, r.LineNumber)).Distinct().Count());
        Assert.Equal(4, rows.Select(r => r.DocumentNumber).Distinct().Count());
    }

    [Fact]
    public void Read_NoDocumentNumberColumn_SameIdentitiesInAnotherFile()
    {
        const string Csv = """
            date,customer_id,product_sku,quantity,unit_price
            2024-01-10,C1,SKU-1,2,5.00
            2024-01-10,C1,SKU-1,2,5.00
            """;

        var first = Read(Csv).Rows.Select(r => (r.DocumentNumber, r.LineNumber));
        var again = Read(Csv).Rows.Select(r => (r.DocumentNumber, r.LineNumber));

        Assert.Equal(first, again);
    }

    [Fact]
    public void Read_LineNumberColumn_UsedAsGiven()
    {
        var (rows, _) = Read("""
            invoice,line,date,customer,amount
            F-1,10,2024-01-01,C1,1.00
            F-1,20,2024-01-01,C1,2.00
            """);

        Assert.Equal([10, 20], rows.Select(r => r.LineNumber));
    }

    [Fact]
    public void Read_ExplicitMapping_OverridesSynonyms()
    {
        var map = new Dictionary<SaleField, string> { [SaleField.NetAmount] = "Betrag", [SaleField.Date] = "Datum", [SaleField.CustomerId] = "Kunde" };

        var (rows, problems) = Read("""
            Datum,Kunde,Betrag,total
            2024-02-01,K-9,12.34,99.99
            """, new CsvReadOptions(map));

        Assert.Empty(problems);
        var row = Assert.Single(rows);
        Assert.Equal(1234, row.NetCents);
        Assert.Equal("K-9", row.CustomerKey);
    }

    [Fact]
    public void Read_MappingToMissingColumn_IsAHeaderProblem()
    {
        var map = new Dictionary<SaleField, string> { [SaleField.NetAmount] = "Betrag" };

        var (_, problems) = Read("""
            date,customer,amount
            2024-02-01,K-9,12.34
            """, new CsvReadOptions(map));

        var problem = Assert.Single(problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("Betrag", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-02-30,C1,1.00", "date")]
    [InlineData("2024-02-01,,1.00", "customer")]
    [InlineData("2024-02-01,C1,1,00", "fields")]
    [InlineData("2024-02-01,C1,12.3.4", "not a number")]
    [InlineData("2024-02-01,C1,", "empty")]
    public void Read_InvalidRow_ReportedAtItsLineOthersStillRead(string badRow, string reasonPart)
    {
        var (rows, problems) = Read($"""
            date,customer,amount
            2024-02-01,C1,1.00
            {badRow}
            2024-02-02,C2,2.00
            """);

        var problem = Assert.Single(problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains(reasonPart, problem.Reason, StringComparison.Ordinal);
        Assert.Equal([2, 4], rows.Select(r => r.SourceLine));
    }

    [Theory]
    [InlineData("--lines 2000 --customers 50 --seed 1", "en", ",", "utf-8")]
    [InlineData("--lines 2000 --customers 50 --seed 1 --bom", "en", ",", "utf-8")]
    [InlineData("--lines 2000 --customers 50 --seed 1 --dialect es --encoding cp1252", "es", ";", "windows-1252")]
    [InlineData("--lines 2000 --customers 50 --seed 1 --dialect es --encoding utf-8", "es", ";", "utf-8")]
    public async Task Read_GeneratedFile_DetectsDialectDelimiterAndEncoding(string arguments, string dialect, string delimiter, string encoding)
    {
        var sales = await SalesGenerator.GetAsync(arguments);
        var reader = new CsvSalesReader(sales.Path);

        _ = reader.Read().ToList();

        var format = reader.Format!;
        Assert.Equal(dialect, CsvDialects.Name(format.Dialect!.Value));
        Assert.Equal(delimiter, CsvDelimiters.Name(format.Delimiter));
        Assert.Equal(encoding, format.Encoding);
    }

    [Fact]
    public async Task Read_Cp1252FileAndUtf8File_SameCustomerNames()
    {
        var utf8 = await SalesGenerator.GetAsync("--lines 2000 --customers 50 --seed 1 --dialect es");
        var cp1252 = await SalesGenerator.GetAsync("--lines 2000 --customers 50 --seed 1 --dialect es --encoding cp1252");

        var (utf8Rows, _) = ReadFile(utf8.Path);
        var (cp1252Rows, _) = ReadFile(cp1252.Path);

        Assert.Contains(utf8Rows, r => r.CustomerName.Any(c => c > 127)); // the names hold accents
        Assert.Equal(utf8Rows.Select(r => r.CustomerName), cp1252Rows.Select(r => r.CustomerName));
    }

    [Theory]
    [InlineData(',', "date,customer,amount,product\n2024-02-01,C1,1234.50,\"Tornillo; 3|4\"\n2024-02-02,C2,2.00,X\n")]
    [InlineData(';', "fecha;cliente;importe;descripcion\n01/02/2024;C1;1.234,50;\"Tornillo, 3|4\"\n02/02/2024;C2;2,00;X\n")]
    [InlineData('\t', "date\tcustomer\tamount\tproduct\n2024-02-01\tC1\t1,234.50\t\"Tornillo, 3;4\"\n2024-02-02\tC2\t2.00\tX\n")]
    [InlineData('|', "fecha|cliente|importe|descripción\n2024-02-01|C1|1234,50|\"Tornillo, 3;4\"\n2024-02-02|C2|2,00|X\n")]
    public void Read_EachDelimiter_RowsRead(char delimiter, string csv)
    {
        var path = folder.Write("sales.csv", csv);
        var reader = new CsvSalesReader(path);

        var items = reader.Read().ToList();

        Assert.Empty(items.OfType<ImportProblem>());
        var rows = items.OfType<SaleRow>().ToList();
        Assert.Equal([123450L, 200L], rows.Select(r => r.NetCents));
        Assert.Equal(new DateOnly(2024, 2, 1), rows[0].Date);
        Assert.StartsWith("Tornillo", rows[0].ProductName, StringComparison.Ordinal);
        Assert.Equal(delimiter, reader.Format!.Delimiter);
    }

    [Theory]
    [InlineData("utf-8", "Peña “La Ñ” €")]
    [InlineData("windows-1252", "Peña “La Ñ” €")]
    [InlineData("iso-8859-1", "Peña Ñandú")]
    public void Read_EachEncoding_DetectedAndNamesDecoded(string encoding, string name)
    {
        var path = Path.Combine(folder.Path, "sales.csv");
        File.WriteAllBytes(path, CsvEncodings.Get(encoding).GetBytes($"fecha;cliente;importe\n2024-02-01;{name};1,50\n"));
        var reader = new CsvSalesReader(path);

        var row = Assert.Single(reader.Read().OfType<SaleRow>());

        Assert.Equal(name, row.CustomerName);
        Assert.Equal(encoding, reader.Format!.Encoding);
    }

    [Fact]
    public void Read_EncodingGiven_OverridesDetection()
    {
        var path = Path.Combine(folder.Path, "sales.csv");
        File.WriteAllBytes(path, CsvEncodings.Get("windows-1252").GetBytes("fecha;cliente;importe\n2024-02-01;Café €;1,50\n"));

        var row = Assert.Single(new CsvSalesReader(path, new CsvReadOptions(Encoding: "iso-8859-1")).Read().OfType<SaleRow>());

        Assert.Equal("Café \u0080", row.CustomerName); // 0x80 read as Latin-1, as asked
    }

    [Fact]
    public void Read_Utf8GivenButBytesAreNot_ProblemAtTheLine()
    {
        var path = Path.Combine(folder.Path, "sales.csv");
        File.WriteAllBytes(path, CsvEncodings.Get("windows-1252").GetBytes("fecha;cliente;importe\n2024-02-01;C1;1,50\n2024-02-02;Café;1,50\n"));

        var problem = Assert.Single(new CsvSalesReader(path, new CsvReadOptions(Encoding: "utf-8")).Read().OfType<ImportProblem>());

        Assert.Equal(3, problem.Line);
        Assert.Contains("not UTF-8", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AmbiguousDates_OneProblemNamingThemAndTheFlag_NoRows()
    {
        var path = folder.Write("sales.csv", "fecha;cliente;importe\n03/04/2024;C1;10\n01/02/2024;C2;20\n");
        var reader = new CsvSalesReader(path);

        var items = reader.Read().ToList();

        var problem = Assert.IsType<ImportProblem>(Assert.Single(items));
        Assert.True(reader.DialectAmbiguous);
        Assert.Contains("dates like 03/04/2024 can be dd/mm/yyyy or mm/dd/yyyy", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("--dialect es", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("--dialect en", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CsvDialect.Es, 4, 3)]
    [InlineData(CsvDialect.En, 3, 4)]
    public void Read_AmbiguousDatesWithDialectGiven_ReadThatWay(CsvDialect dialect, int month, int day)
    {
        var path = folder.Write("sales.csv", "fecha;cliente;importe\n03/04/2024;C1;10\n");

        var row = Assert.Single(new CsvSalesReader(path, new CsvReadOptions(Dialect: dialect)).Read().OfType<SaleRow>());

        Assert.Equal(new DateOnly(2024, month, day), row.Date);
    }

    [Fact]
    public void Read_SpanishThousandsSeparator_ReadAsThousands()
    {
        var (rows, problems) = Read("fecha;cliente;importe\n25/12/2024;C1;1.234.567,89\n26/12/2024;C2;-2.000\n");

        Assert.Empty(problems);
        Assert.Equal([123456789L, -200000L], rows.Select(r => r.NetCents));
    }

    [Fact]
    public void Read_DiscountAsFractions_StoredAsPercent()
    {
        var (rows, problems) = Read("""
            date,customer,quantity,unit price,discount
            2024-02-01,C1,2,10.00,0.125
            2024-02-02,C2,1,10.00,0
            """);

        Assert.Empty(problems);
        Assert.Equal(12.5m, rows[0].DiscountPct);
        Assert.Equal(1750, rows[0].NetCents);
        Assert.Equal(0m, rows[1].DiscountPct);
    }

    [Fact]
    public void Read_DiscountAboveOne_Percentages()
    {
        var (rows, problems) = Read("""
            date,customer,quantity,unit price,discount
            2024-02-01,C1,2,10.00,0.5
            2024-02-02,C2,1,10.00,10
            """);

        Assert.Empty(problems);
        Assert.Equal([0.5m, 10m], rows.Select(r => r.DiscountPct));
    }

    [Fact]
    public void Read_DiscountUnderPercentHeader_StaysPercent()
    {
        var (rows, problems) = Read("""
            date,customer,quantity,unit price,dto %
            2024-02-01,C1,2,10.00,0.5
            """);

        Assert.Empty(problems);
        Assert.Equal(0.5m, Assert.Single(rows).DiscountPct);
    }
}
