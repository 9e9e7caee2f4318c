using System.Text;
using Kamino.Import;

namespace Kamino.Tests.Import;

public sealed class CsvDialectsTests
{
    [Theory]
    [InlineData("1234.56", CsvDialect.En, "1234.56")]
    [InlineData("1,234.56", CsvDialect.En, "1234.56")]
    [InlineData("-1,234,567.5", CsvDialect.En, "-1234567.5")]
    [InlineData("1234,56", CsvDialect.Es, "1234.56")]
    [InlineData("1.234,56", CsvDialect.Es, "1234.56")]
    [InlineData("-1.234.567", CsvDialect.Es, "-1234567")]
    [InlineData("0,5", CsvDialect.Es, "0.5")]
    [InlineData("12", CsvDialect.Es, "12")]
    public void TryParseNumber_ValidInDialect_ReadsTheValue(string text, CsvDialect dialect, string expected)
    {
        Assert.True(CsvDialects.TryParseNumber(text, dialect, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("12,3,4", CsvDialect.En)] // groups of one digit are not thousands
    [InlineData("12,50", CsvDialect.En)]
    [InlineData("12.50", CsvDialect.Es)] // never 1250
    [InlineData("1.2345,6", CsvDialect.Es)]
    [InlineData("1O.5", CsvDialect.En)]
    [InlineData("12,", CsvDialect.Es)]
    [InlineData("0.125", CsvDialect.Es)] // a leading zero is never a thousands group
    [InlineData("0,125", CsvDialect.En)]
    [InlineData("--3", CsvDialect.Es)]
    [InlineData("3\0", CsvDialect.En)] // decimal.TryParse alone ignores trailing NULs (found by FsCheck)
    [InlineData("1.5\0\0", CsvDialect.En)]
    [InlineData(" 3", CsvDialect.En)]
    [InlineData("3 ", CsvDialect.Es)]
    public void TryParseNumber_NotANumberInDialect_Fails(string text, CsvDialect dialect) =>
        Assert.False(CsvDialects.TryParseNumber(text, dialect, out _));

    [Theory]
    [InlineData("03/04/2024", CsvDialect.En, 2024, 3, 4)]
    [InlineData("03/04/2024", CsvDialect.Es, 2024, 4, 3)]
    [InlineData("2024-04-03", CsvDialect.Es, 2024, 4, 3)]
    [InlineData("25/12/2024", CsvDialect.Es, 2024, 12, 25)]
    public void TryParseDate_ReadsDayAndMonthByDialect(string text, CsvDialect dialect, int y, int m, int d)
    {
        Assert.True(CsvDialects.TryParseDate(text, dialect, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Fact]
    public void TryParseDate_DayAbove12InEnglish_Fails() =>
        Assert.False(CsvDialects.TryParseDate("25/12/2024", CsvDialect.En, out _));

    [Theory]
    [InlineData("2024-04-03\0", CsvDialect.En)] // .NET's date parsing ignores trailing NULs
    [InlineData("03/04/2024\0", CsvDialect.Es)]
    [InlineData(" 2024-04-03", CsvDialect.En)]
    public void TryParseDate_AnythingButTheDate_Fails(string text, CsvDialect dialect) =>
        Assert.False(CsvDialects.TryParseDate(text, dialect, out _));

    [Theory]
    [InlineData(new[] { "03/04/2024", "25/12/2024" }, new[] { "10" }, ',', CsvDialect.Es)] // day above 12 first
    [InlineData(new[] { "03/04/2024", "12/25/2024" }, new[] { "10" }, ',', CsvDialect.En)] // day above 12 second
    [InlineData(new[] { "03/04/2024" }, new[] { "13,93" }, ',', CsvDialect.Es)] // decimal comma settles the dates
    [InlineData(new[] { "03/04/2024" }, new[] { "13.93" }, ';', CsvDialect.En)] // decimal point, despite ';'
    [InlineData(new[] { "2024-04-03" }, new[] { "1.234,5" }, ',', CsvDialect.Es)]
    [InlineData(new[] { "2024-04-03" }, new[] { "10", "05/05/2024" }, ';', CsvDialect.Es)] // nothing to tell: ';' suggests es
    [InlineData(new[] { "2024-04-03" }, new[] { "10" }, ',', CsvDialect.En)]
    public void Decide_Unambiguous_PicksTheDialect(string[] dates, string[] numbers, char delimiter, CsvDialect expected)
    {
        var decision = CsvDialects.Decide(dates, numbers, delimiter);

        Assert.Null(decision.Ambiguity);
        Assert.Equal(expected, decision.Dialect);
    }

    [Theory]
    [InlineData(new[] { "03/04/2024", "01/02/2024" }, new[] { "10" }, ';', "dates like 03/04/2024 can be dd/mm/yyyy or mm/dd/yyyy")]
    [InlineData(new[] { "2024-04-03" }, new[] { "1.234" }, ';', "numbers like 1.234 can have a decimal comma or point")]
    [InlineData(new[] { "25/12/2024" }, new[] { "12.50" }, ',', "mixes dialects")]
    public void Decide_Ambiguous_NamesWhat(string[] dates, string[] numbers, char delimiter, string expected)
    {
        var decision = CsvDialects.Decide(dates, numbers, delimiter);

        Assert.Null(decision.Dialect);
        Assert.Contains(expected, decision.Ambiguity?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Detect_EachDelimiter_FoundDespiteOthersInQuotedFields(char delimiter)
    {
        // Every candidate appears inside quoted fields, which do not count.
        var d = delimiter.ToString();
        var sample = $"date{d}customer{d}amount\n2024-01-02{d}\"Bar, Pub; Café | Tab\t\"{d}7\n2024-01-03{d}\"X;Y,Z|W\"{d}8\n";

        Assert.Equal(delimiter, CsvDelimiters.Detect(sample));
    }

    [Fact]
    public void Detect_NoCandidateInHeader_IsNull() => Assert.Null(CsvDelimiters.Detect("date customer amount\n1 2 3\n"));

    [Theory]
    [InlineData("utf-8-bom", "utf-8")]
    [InlineData("utf-8", "utf-8")]
    [InlineData("windows-1252", "windows-1252")]
    [InlineData("iso-8859-1", "iso-8859-1")]
    public void Sniff_EachEncoding_Detected(string written, string expected)
    {
        // "Peña" in every one; the curly quotes and euro sign are 0x93/0x94/0x80 in Windows-1252 only.
        var text = written == "iso-8859-1" ? "cliente;importe\nPeña;1,00\n" : "cliente;importe\n“Peña” €;1,00\n";
        byte[] bytes = written switch
        {
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            "utf-8" => Encoding.UTF8.GetBytes(text),
            _ => CsvEncodings.Get(written).GetBytes(text),
        };

        var sniffer = EncodingSniffer.Sniff(new MemoryStream(bytes));

        Assert.Equal(expected, sniffer.Encoding);
        Assert.Equal(text, CsvEncodings.Get(expected).GetString(bytes.AsSpan(sniffer.HasBom ? 3 : 0)));
    }

    [Fact]
    public void Sniff_MultiByteCharacterSplitAcrossChunks_StillUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes("ñ€");
        var sniffer = new EncodingSniffer();
        for (var i = 0; i < bytes.Length; i++)
        {
            sniffer.Feed(bytes.AsSpan(i, 1), final: i == bytes.Length - 1);
        }

        Assert.False(sniffer.InvalidUtf8);
        Assert.Equal("utf-8", sniffer.Encoding);
    }

    [Fact]
    public void Sniff_InvalidByte_ReportsItsLine()
    {
        var sniffer = EncodingSniffer.Sniff(new MemoryStream([.. "a\nb\n"u8, 0xF1, .. "\n"u8]));

        Assert.True(sniffer.InvalidUtf8);
        Assert.Equal(3, sniffer.FirstInvalidLine);
        Assert.Equal("iso-8859-1", sniffer.Encoding);
    }

    [Theory]
    [InlineData("discount", new[] { "0", "0.125", "0.05" }, true)]
    [InlineData("descuento", new[] { "0", "12.5" }, false)]
    [InlineData("discount", new[] { "0", "0" }, false)] // all zero: nothing to tell, percentages
    [InlineData("discount %", new[] { "0", "0.5" }, false)] // the header says percent
    [InlineData("dto_pct", new[] { "1", "0.5" }, false)]
    public void DiscountIsFraction_FollowsTheDocumentedRule(string header, string[] values, bool expected) =>
        Assert.Equal(expected, CsvSalesReader.DiscountIsFraction(header, values, CsvDialect.En));
}
