using System.Globalization;
using System.Text;
using Kamino.Exports;

namespace Kamino.Tests.Exports;

public sealed class CsvExportTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("=SUM(A1,A2)", "\"'=SUM(A1,A2)\"")]
    [InlineData("", "")]
    public void Field_NeutralisesThenQuotes(string value, string expected) => Assert.Equal(expected, CsvExport.Field(value));

    [Fact]
    public void Cell_NumbersDatesAndBooleans_AreWrittenTheSameInEveryCulture_NegativeNumbersStayNumbers()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("es-ES");
        try
        {
            Assert.Equal("-1234.5", CsvExport.Cell(-1234.5m));
            Assert.Equal("-7", CsvExport.Cell(-7));
            Assert.Equal("9000000000", CsvExport.Cell(9_000_000_000L));
            Assert.Equal("2026-03-01", CsvExport.Cell(new DateOnly(2026, 3, 1)));
            Assert.Equal("2026-03-01T09:30:00Z", CsvExport.Cell(new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.FromHours(1))));
            Assert.Equal(("true", "false", ""), (CsvExport.Cell(true), CsvExport.Cell(false), CsvExport.Cell(null)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Bytes_AreUtf8WithAByteOrderMark_HeaderThenRows_CrlfLineEnds()
    {
        var table = new ExportTable("t", ["key", "name", "revenue"], [["C1", "Añil, S.L.", 10.5m], ["C2", "@evil", null]]);
        var bytes = CsvExport.Bytes(table);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        Assert.Equal("key,name,revenue\r\nC1,\"Añil, S.L.\",10.5\r\nC2,'@evil,\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }
}
