using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kamino.Analysis;
using Kamino.Import;

namespace Kamino.Tests.Analysis;

/// <summary>
/// <c>kamino analyze</c>'s reading: the generator's ground truth, the fast CSV path against the import's full
/// reader, and files the fast path must hand over to the full reader (which rejects them as the import does).
/// </summary>
public sealed class SalesFileAnalysisTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static SalesFileRead Read(string path, CsvReadOptions? csv = null) =>
        SalesFileAnalysis.Read([new ImportInput(path, Path.GetFileName(path))], csv);

    /// <summary>What the import's own reader yields for the file, summed the same way.</summary>
    private static (SalesAggregate Aggregate, List<ImportProblem> Problems) FullReader(string path, CsvReadOptions? csv = null)
    {
        var aggregate = new SalesAggregate();
        var problems = new List<ImportProblem>();
        foreach (var item in SalesSources.Open(path, csv).Read())
        {
            if (item is SaleRow row)
            {
                aggregate.Add(row);
            }
            else
            {
                problems.Add((ImportProblem)item);
            }
        }

        return (aggregate, problems);
    }

    [Theory]
    [InlineData("--lines 3000 --customers 60 --seed 3")]
    [InlineData("--lines 200000 --customers 5000 --seed 7")] // big enough to be read in parallel parts
    [InlineData("--lines 4000 --customers 400 --seed 9 --returns-pct 30")]
    [InlineData("--lines 5000 --customers 300 --seed 5 --dialect es --encoding cp1252")]
    [InlineData("--lines 3000 --customers 60 --seed 4 --eol crlf --bom")]
    public async Task Read_GeneratedFile_MatchesGeneratorSummary(string arguments)
    {
        var sales = await SalesGenerator.GetAsync(arguments);

        var read = Read(sales.Path);
        var report = SalesFileAnalysis.Report(read.Aggregate, new ParetoRequest(All: true));

        Assert.False(read.Rejected, string.Join('\n', read.Problems));
        Assert.Equal(sales.Summary.Lines, read.Aggregate.Lines);
        Assert.Equal(sales.Summary.TotalRevenue, report.TotalRevenue);
        Assert.Equal(sales.Summary.CustomersActive, report.CustomerCount);
        Assert.Equal(sales.Summary.ParetoCustomers, report.ParetoCount);
        Assert.Equal(new ClassCountsDto(sales.Summary.A, sales.Summary.B, sales.Summary.C), report.Classes);
        Assert.InRange(report.Concentration!.Hhi, sales.Summary.HhiPoints - 0.01m, sales.Summary.HhiPoints + 0.01m);
        Assert.Equal(sales.Summary.Top1Customer, report.Customers[0].CustomerId);
    }

    [Fact]
    public async Task Read_GeneratedFile_PartsTakeIt_AndEqualTheFullReader()
    {
        var sales = await SalesGenerator.GetAsync("--lines 20000 --customers 700 --seed 13");
        var reader = new CsvSalesReader(sales.Path);

        var fast = reader.TryReadParts(default);

        Assert.NotNull(fast);
        var (full, problems) = FullReader(sales.Path);
        Assert.Empty(problems);
        Assert.Equal(full.Revenues(null), fast.Revenues(null));
        Assert.Equal((full.Earliest, full.Latest, full.Lines), (fast.Earliest, fast.Latest, fast.Lines));
    }

    [Fact]
    public async Task Read_FileWithBadRows_RejectedWithTheImportsProblems()
    {
        var sales = await SalesGenerator.GetAsync("--lines 3000 --customers 60 --seed 3 --bad 6");

        var read = Read(sales.Path);

        Assert.True(read.Rejected);
        var (_, problems) = FullReader(sales.Path);
        Assert.Equal(problems.Take(SalesFileAnalysis.MaxProblemsPerFile), read.Problems);
        Assert.Equal(problems.Count, read.ProblemCount);
        Assert.Equal(sales.BadRows.Select(b => b.Line), read.Problems.Select(p => p.Line));
    }

    [Fact]
    public void Read_DefaultPeriod_TwelveMonthsEndingOnTheLatestSaleInTheFiles()
    {
        var a = folder.Write("a.csv", """
            invoice,date,customer_id,amount
            F-1,2016-12-30,C1,100.00
            F-2,2016-12-31,C2,50.00

            """);
        var b = folder.Write("b.csv", """
            invoice,date,customer_id,amount
            F-3,2017-06-01,C1,10.00
            F-4,2017-12-30,C3,25.00

            """);

        var read = SalesFileAnalysis.Read([new ImportInput(a, "a.csv"), new ImportInput(b, "b.csv")]);
        var report = SalesFileAnalysis.Report(read.Aggregate, new ParetoRequest());

        Assert.Equal(new PeriodDto(new DateOnly(2016, 12, 31), new DateOnly(2017, 12, 30)), report.Period);
        Assert.Equal(85m, report.TotalRevenue);
        Assert.Equal(["C2", "C3", "C1"], report.Customers.Select(c => c.CustomerId));
    }

    [Theory]
    [InlineData("1,234.50", "en")] // thousands separator: the full reader decides
    [InlineData("12.345", "en")] // three decimals: rounded half away from zero
    [InlineData("-0.005", "en")]
    [InlineData("1.234,5", "es")]
    public void Read_NumbersOutsideTheFastShape_SameTotalAsTheFullReader(string amount, string dialect)
    {
        var d = dialect == "es" ? ';' : ',';
        var date = dialect == "es" ? "31/01/2024" : "2024-01-31";
        var path = folder.Write("n.csv", $"invoice{d}date{d}customer_id{d}amount\nF-1{d}{date}{d}C1{d}\"{amount}\"\nF-2{d}{date}{d}C2{d}1\n");
        var csv = new CsvReadOptions(Dialect: dialect == "es" ? CsvDialect.Es : CsvDialect.En);

        var read = Read(path, csv);

        var (full, problems) = FullReader(path, csv);
        Assert.Empty(problems);
        Assert.False(read.Rejected);
        Assert.Equal(full.Revenues(null), read.Aggregate.Revenues(null));
    }

    [Fact]
    public void Read_QuotedFieldOverTwoLines_ReadAsTheImportReadsIt()
    {
        var path = folder.Write("q.csv", "invoice,date,customer_id,customer_name,amount\nF-1,2024-01-31,C1,\"Two\nlines\",10.00\nF-2,2024-01-31,C2,\"Say \"\"hi\"\"\",5.00\n");

        var read = Read(path);

        var (full, problems) = FullReader(path);
        Assert.Empty(problems);
        Assert.Equal(full.Revenues(null), read.Aggregate.Revenues(null));
        Assert.Equal(["Two\nlines", "Say \"hi\""], read.Aggregate.Revenues(null).Select(r => r.Name));
    }

    [Fact]
    public void Read_NotUtf8PastTheFirstMegabyte_ReadAsTheImportReadsIt()
    {
        // analyze tells UTF-8 from the first bytes and checks the rest as it reads; a Latin-1 'é' far down the
        // file must give the whole-file verdict of the import (ISO-8859-1), not a UTF-8 reading of the start.
        var lines = new System.Text.StringBuilder("invoice,date,customer_id,customer_name,amount\n");
        for (var i = 0; lines.Length < 9 << 20; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"F-{i},2024-01-{(i % 28) + 1:00},C{i % 50},Plain {i % 50},{i % 900}.25\n");
        }

        var bytes = new List<byte>(System.Text.Encoding.ASCII.GetBytes(lines.ToString()));
        bytes.AddRange(System.Text.Encoding.Latin1.GetBytes("F-last,2024-02-01,C-new,Caf\u00e9 Norte,7.00\n"));
        var path = System.IO.Path.Combine(folder.Path, "late.csv");
        File.WriteAllBytes(path, [.. bytes]);

        var read = Read(path);

        var (full, problems) = FullReader(path);
        Assert.Empty(problems);
        Assert.False(read.Rejected);
        Assert.Equal(full.Revenues(null), read.Aggregate.Revenues(null));
        Assert.Contains(read.Aggregate.Revenues(null), r => r.Key == "C-new" && r.Name == "Caf\u00e9 Norte" && r.Revenue == 7.00m);
    }

    [Fact]
    public void Sniff_WithALimit_StopsOnlyWhileTheBytesAreUtf8()
    {
        var ascii = new byte[200_000];
        Array.Fill(ascii, (byte)'a');
        byte[] lateC1 = [.. ascii, 0xE9, .. ascii, 0x80];

        var limited = EncodingSniffer.Sniff(new MemoryStream(lateC1), limit: 100_000);
        var whole = EncodingSniffer.Sniff(new MemoryStream(lateC1));
        var invalidEarly = EncodingSniffer.Sniff(new MemoryStream([0xE9, .. ascii, 0x80]), limit: 100_000);

        Assert.True(limited.StoppedAtLimit);
        Assert.Equal(CsvEncodings.Utf8, limited.Encoding);
        Assert.False(whole.StoppedAtLimit);
        Assert.Equal(CsvEncodings.Windows1252, whole.Encoding);
        Assert.False(invalidEarly.StoppedAtLimit);
        Assert.Equal(CsvEncodings.Windows1252, invalidEarly.Encoding); // followed to the end, where 0x80 shows
    }

    private static readonly string[] Names = ["Acme", "Peña, S.L.", "\"La Esquina\"", "Café  ", " Ölbaum", "O'Brien"];

    private static Gen<string> Line() =>
        from invoice in Gen.Choose(1, 50)
        from customer in Gen.Choose(0, 15)
        from name in Gen.Elements(Names)
        from day in Gen.Choose(0, 900)
        from cents in Gen.Choose(-50_000, 5_000_000)
        from decimals in Gen.Choose(0, 3)
        from currency in Gen.Elements("EUR", "eur", "")
        select string.Join(',',
            $"F-{invoice}",
            new DateOnly(2022, 1, 1).AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            $"C{customer}",
            "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
            Amount(cents, decimals),
            currency);

    private static string Amount(int cents, int decimals)
    {
        var value = cents / 100m;
        return decimals switch
        {
            0 => Math.Round(value, 0).ToString("0", CultureInfo.InvariantCulture),
            3 => (value + 0.005m).ToString("0.000", CultureInfo.InvariantCulture),
            _ => value.ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture),
        };
    }

    [Fact]
    public void Read_EveryAmountWithThreeDecimals_IsRefusedByBothReaders()
    {
        var path = folder.Write("ambiguous.csv", "invoice,date,customer_id,customer_name,line_total,currency\nF-1,2022-01-01,C1,Acme,12.345,EUR\n");

        Assert.NotEmpty(FullReader(path).Problems);
        Assert.True(Read(path).Rejected);
    }

    [Property(MaxTest = 60)]
    public Property Read_AnyWellFormedCsv_EqualsTheFullReader() =>
        Prop.ForAll(Gen.ListOf(Line()).Where(l => l.Count > 0).ToArbitrary(), lines =>
        {
            var path = folder.Write("p.csv", "invoice,date,customer_id,customer_name,line_total,currency\n" + string.Join('\n', lines) + "\n");

            var read = Read(path);

            // A file whose every amount has three decimals ("12.345") is ambiguous (thousands or decimals):
            // both readers must refuse it alike. Otherwise both read the same sums.
            var (full, problems) = FullReader(path);
            Assert.Equal(problems.Count > 0, read.Rejected);
            if (problems.Count > 0)
            {
                return;
            }

            Assert.Equal(full.Revenues(null), read.Aggregate.Revenues(null));
            Assert.Equal(full.Currencies, read.Aggregate.Currencies);
        });
}
