using System.IO.Compression;
using System.Text;
using Kamino.Fuzz;
using Kamino.Import;

namespace Kamino.Tests.Import;

/// <summary>
/// Every reader fed broken and hostile input (issue 4 item 8, SECURITY.md §0.4): valid files cut at many offsets,
/// seeded random bytes, flipped bytes, and input past the limits (XML size and depth, zip entries, CSV line
/// length). Each ends in import problems (file name plus line or element path) — never another exception, never
/// a hang. Inputs go through the fuzz harness's entry point, <see cref="FuzzTarget.Run"/>; the database side is
/// <see cref="RobustnessImportTests"/>.
/// </summary>
public sealed class RobustnessTests : IDisposable
{
    /// <summary>Generous: a reader that needs this long on a few kB is hanging.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>A valid seed per reader: fuzz/corpus files written for this project.</summary>
    public static TheoryData<string, string> Seeds => new()
    {
        { "csv", "csv/en-comma.csv" },
        { "csv", "csv/es-cp1252-crlf.csv" },
        { "xlsx", "xlsx/serial-dates-stored.xlsx" },
        { "ubl", "ubl/invoice-two-lines.xml" },
        { "facturae", "facturae/invoice-322.xml" },
        { "cii", "cii/invoice.xml" },
    };

    public static TheoryData<string> Formats => ["csv", "xlsx", "ubl", "facturae", "cii", "auto"];

    public static byte[] Seed(string relative) => File.ReadAllBytes(Path.Combine(RepoPaths.Root, "fuzz", "corpus", relative));

    private FuzzOutcome Read(string format, byte[] input) =>
        FuzzRunner.Once(format, input, Path.Combine(folder.Path, "input." + format), Timeout).Outcome;

    private static List<ImportProblem> Problems(ISalesSource source) => [.. source.Read().OfType<ImportProblem>()];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Read_Seed_RowsAndNoProblem(string format, string seed)
    {
        var outcome = Read(format, Seed(seed));

        Assert.Equal(0, outcome.Problems);
        Assert.True(outcome.Rows > 0);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Read_TruncatedAtManyOffsets_ProblemsNeverAnotherException(string format, string seed)
    {
        var bytes = Seed(seed);
        var whole = Read(format, bytes);
        var random = new Random(8);
        var offsets = new[] { 0, 1, 2, 3, 4, bytes.Length / 2, bytes.Length - 2, bytes.Length - 1 }
            .Concat(Enumerable.Range(0, 60).Select(_ => random.Next(bytes.Length)));
        // For XML the document is complete only once the root's end tag is in; a zip's directory is at its end.
        var complete = format == "xlsx" ? bytes.Length : Array.FindLastIndex(bytes, b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) + 1;

        foreach (var offset in offsets)
        {
            var outcome = Read(format, bytes[..offset]);

            if (format != "csv" && offset < complete)
            {
                Assert.True(outcome.Problems > 0 && outcome.Rows == 0, $"{seed} cut at {offset}: {outcome}");
            }

            // A CSV cut at a line end is a shorter valid file; cut mid-line its last line may still read as a row.
            Assert.True(outcome.Rows <= whole.Rows, $"{seed} cut at {offset}: {outcome}");
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_RandomBytes_ProblemsNeverAnotherException(string format)
    {
        var random = new Random(format.Length * 31 + format[0]);
        // Plain noise, and noise behind each format's opening bytes so that it gets past the first checks.
        string[] prefixes = ["", "PK\u0003\u0004", "<?xml version=\"1.0\"?>", "date,customer,line_total\n", "\uFEFF"];
        for (var i = 0; i < 50; i++)
        {
            var noise = new byte[random.Next(1, 4096)];
            random.NextBytes(noise);
            var input = Encoding.UTF8.GetBytes(prefixes[i % prefixes.Length]).Concat(noise).ToArray();

            var outcome = Read(format, input);

            Assert.True(outcome.Problems > 0 || (format is "csv" or "auto" && i % prefixes.Length == 3), $"{format} noise #{i}: {outcome}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Read_BytesFlipped_RowsOrProblemsNeverAnotherException(string format, string seed)
    {
        var bytes = Seed(seed);
        var random = new Random(seed.Length);
        var rejected = 0;
        for (var i = 0; i < 80; i++)
        {
            var input = (byte[])bytes.Clone();
            for (var k = random.Next(1, 9); k > 0; k--)
            {
                input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
            }

            rejected += Read(format, input).Problems > 0 ? 1 : 0;
        }

        // Most flips land in markup, numbers, dates or the zip's checksummed data: some must be caught.
        Assert.True(rejected > 0);
    }

    [Theory]
    [InlineData("ubl", "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">", "</Invoice>")]
    [InlineData("facturae", "<fe:Facturae xmlns:fe=\"http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml\">", "</fe:Facturae>")]
    [InlineData("cii", "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\">", "</rsm:CrossIndustryInvoice>")]
    public void Read_XmlNestedPastTheDepthLimit_ProblemAtItsLine(string format, string open, string close)
    {
        var depth = EInvoiceXml.MaxDepth + 10;
        var xml = "<?xml version=\"1.0\"?>\n" + open + "\n" + string.Concat(Enumerable.Repeat("<x>", depth)) + string.Concat(Enumerable.Repeat("</x>", depth)) + close;

        var problems = Problems(Open(format, folder.Write("deep.xml", xml)));

        var problem = Assert.Single(problems);
        Assert.Equal(("deep.xml", 3), (problem.File, problem.Line));
        Assert.Contains($"nested deeper than {EInvoiceXml.MaxDepth} levels", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ubl")]
    [InlineData("facturae")]
    [InlineData("cii")]
    public void Read_XmlFileOverTheSizeLimit_RejectedBeforeParsing(string format)
    {
        // A sparse file: a valid start, then zeros, which the XML parser would reject as not well-formed on
        // line 2. The size problem at line 0 shows the file was refused on its length, before any parsing.
        var path = Path.Combine(folder.Path, "huge.xml");
        using (var file = File.Create(path))
        {
            file.Write(Encoding.UTF8.GetBytes(Root(format) + "\n"));
            file.SetLength(EInvoiceXml.MaxCharacters * 4 + 1);
        }

        var source = SalesSources.Open(path);
        var problems = Problems(source);

        Assert.Equal(format, source.FormatName);
        var problem = Assert.Single(problems);
        Assert.Equal(("huge.xml", 0), (problem.File, problem.Line));
        Assert.Equal("the file is larger than the 50 MB limit for XML", problem.Reason);
    }

    [Fact]
    public void Read_XmlDocumentOverTheCharacterLimit_RejectedWhileStreaming()
    {
        // Under the file-size check (ASCII: one byte per character) but over the parser's character limit, in an
        // attachment (which the per-text limit leaves to the document limit).
        var path = Path.Combine(folder.Path, "long.xml");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            writer.Write(Root("ubl") + "<EmbeddedDocumentBinaryObject>");
            var chunk = new string('a', 1 << 20);
            for (var written = 0L; written <= EInvoiceXml.MaxCharacters; written += chunk.Length)
            {
                writer.Write(chunk);
            }

            writer.Write("</EmbeddedDocumentBinaryObject></Invoice>");
        }

        var problem = Assert.Single(Problems(SalesSources.Open(path)));

        Assert.Equal("long.xml", problem.File);
        Assert.Equal("the document is larger than the 50 MB limit for XML", problem.Reason);
    }

    [Theory]
    [InlineData(2, "the record is longer than 1,048,576 characters")]
    [InlineData(40, "the line is longer than 3,145,728 bytes")]
    public void Read_CsvFieldPastTheLineLimit_ProblemAtItsLine(int mebichars, string reason)
    {
        var path = Path.Combine(folder.Path, "long-line.csv");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            writer.Write("date,customer,line_total,note\n2025-01-02,C1,10.00,short\n2025-01-03,C2,5.00,\"");
            var chunk = new string('x', 1 << 20);
            for (var i = 0; i < mebichars; i++)
            {
                writer.Write(chunk);
            }

            writer.Write("\"\n2025-01-04,C3,1.00,after\n");
        }

        var items = new CsvSalesReader(path).Read().ToList();

        var problem = Assert.Single(items.OfType<ImportProblem>());
        Assert.Equal(("long-line.csv", 3), (problem.File, problem.Line));
        Assert.StartsWith(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CsvHeaderPastTheLineLimit_ProblemAtLineOne()
    {
        var path = folder.Write("long-header.csv", "date,customer,line_total," + new string('h', 3 << 20) + "\n2025-01-02,C1,10.00,x\n");

        var problem = Assert.Single(new CsvSalesReader(path).Read().OfType<ImportProblem>());

        Assert.Equal(("long-header.csv", 1), (problem.File, problem.Line));
        Assert.StartsWith("the header line is longer than 1,048,576 characters", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_XlsxWithMoreEntriesThanTheLimit_Rejected()
    {
        var path = Workbook("many.xlsx", zip =>
        {
            for (var i = 0; i <= ImportInputs.MaxZipEntries; i++)
            {
                zip.CreateEntry($"xl/media/pad{i}.bin", CompressionLevel.NoCompression);
            }
        });

        var problem = Assert.Single(Problems(SalesSources.Open(path)));

        Assert.Equal(("many.xlsx", 0), (problem.File, problem.Line));
        Assert.Contains($"more than {ImportInputs.MaxZipEntries} entries", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_XlsxExpandingPastTheLimit_RejectedByCountedBytes()
    {
        // A flat bomb inside the workbook: a part that compresses ~1000:1 (not XML, so only its bytes are counted;
        // XML parts also meet the cell, row and token limits of XlsxLimits).
        var path = Workbook("bomb.xlsx", zip =>
        {
            using var sheet = new StreamWriter(zip.CreateEntry("xl/media/bomb.bin", CompressionLevel.SmallestSize).Open());
            var blank = string.Concat(Enumerable.Repeat("<row/>", 1 << 16));
            for (long written = 0; written <= 64L << 20; written += blank.Length)
            {
                sheet.Write(blank);
            }
        });

        var problem = Assert.Single(Problems(new XlsxSalesReader(path, maxExpandedBytes: 32L << 20)));

        Assert.Equal(("bomb.xlsx", 0), (problem.File, problem.Line));
        Assert.Contains("expands to more than", problem.Reason, StringComparison.Ordinal);
    }

    internal static string Root(string format) => format switch
    {
        "ubl" => "<?xml version=\"1.0\"?><Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">",
        "facturae" => "<?xml version=\"1.0\"?><fe:Facturae xmlns:fe=\"http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml\">",
        "cii" => "<?xml version=\"1.0\"?><rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\">",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static ISalesSource Open(string format, string path) => format switch
    {
        "ubl" => new UblReader(path, Path.GetFileName(path)),
        "facturae" => new FacturaeReader(path, Path.GetFileName(path)),
        "cii" => new CiiReader(path, Path.GetFileName(path)),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The stored seed workbook plus whatever <paramref name="add"/> puts in.</summary>
    private string Workbook(string name, Action<ZipArchive> add)
    {
        var path = Path.Combine(folder.Path, name);
        File.WriteAllBytes(path, Seed("xlsx/serial-dates-stored.xlsx"));
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            add(zip);
        }

        return path;
    }
}
