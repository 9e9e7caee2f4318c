using System.Text;
using Kamino.Import;

namespace Kamino.Tests.Import;

/// <summary>The byte-level CSV reader that <c>kamino import</c> and <c>kamino analyze</c> share.</summary>
public sealed class CsvRecordReaderTests
{
    private static readonly Encoding Utf8 = CsvEncodings.Get(CsvEncodings.Utf8);

    private static CsvRecordReader Reader(byte[] bytes, Encoding? encoding = null, char delimiter = ',', long maxLineBytes = 1 << 20, int maxRecordBytes = 1 << 22, Stream? stream = null) =>
        new(stream ?? new MemoryStream(bytes), encoding ?? Utf8, delimiter, 1, maxLineBytes, maxRecordBytes);

    /// <summary>Every record as (first line, lines covered, fields), until the end or a limit.</summary>
    private static List<(int Line, int Lines, string[] Fields)> Records(CsvRecordReader reader)
    {
        var records = new List<(int, int, string[])>();
        while (reader.Next() == CsvRecordStatus.Record)
        {
            records.Add((reader.Line, reader.Lines, [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.Text(i).ToString())]));
        }

        return records;
    }

    private static List<(int Line, int Lines, string[] Fields)> Records(string text, char delimiter = ',') =>
        Records(Reader(Encoding.UTF8.GetBytes(text), delimiter: delimiter));

    [Fact]
    public void Next_QuotedFields_DelimitersAndDoubledQuotesAreText()
    {
        var records = Records("a,\"b,c\",\"say \"\"hi\"\"\",\"\"\n");

        var (line, lines, fields) = Assert.Single(records);
        Assert.Equal((1, 1), (line, lines));
        Assert.Equal(["a", "b,c", "say \"hi\"", ""], fields);
    }

    [Fact]
    public void Next_QuoteInsideAnUnquotedField_IsText()
    {
        var (_, _, fields) = Assert.Single(Records("5\" pipe,O'Brien \"Jr\"\n"));

        Assert.Equal(["5\" pipe", "O'Brien \"Jr\""], fields);
    }

    [Fact]
    public void Next_LineBreaksInsideQuotes_OneRecordOverSeveralLinesAndTheNextNumberedRight()
    {
        var records = Records("h1,h2\n1,\"two\nlines\"\n2,\"three\r\nline\nrecord\"\n3,x\n");

        Assert.Equal([(1, 1), (2, 2), (4, 3), (7, 1)], records.Select(r => (r.Line, r.Lines)));
        Assert.Equal("two\nlines", records[1].Fields[1]);
        Assert.Equal("three\r\nline\nrecord", records[2].Fields[1]);
    }

    [Fact]
    public void Next_CrLfLineEnds_CrIsNotPartOfTheLastField()
    {
        var records = Records("a;b\r\n1;\"q\"\r\n2;\r\n3;z", ';');

        Assert.Equal([["a", "b"], ["1", "q"], ["2", ""], ["3", "z"]], records.Select(r => r.Fields));
        Assert.Equal([1, 2, 3, 4], records.Select(r => r.Line));
    }

    [Fact]
    public void Next_BlankLineAndNoFinalLineEnd_BlankIsARecordOfOneEmptyField()
    {
        var records = Records("a,b\n\nc,d");

        Assert.Equal([["a", "b"], [""], ["c", "d"]], records.Select(r => r.Fields));
    }

    [Fact]
    public void Text_Windows1252Bytes_DecodedAsWindows1252()
    {
        // "Peña" and "€ 5" in Windows-1252: ñ = 0xF1, € = 0x80.
        byte[] bytes = [.. "Pe"u8, 0xF1, .. "a;"u8, 0x80, .. " 5\n"u8];

        var records = Records(Reader(bytes, CsvEncodings.Get(CsvEncodings.Windows1252), ';'));

        Assert.Equal(["Peña", "€ 5"], Assert.Single(records).Fields);
    }

    [Fact]
    public void Read_Utf8ByteOrderMark_HeaderStillMatches()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "bom.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "date,customer_id,amount\n2024-01-02,C1,\"1.50\"\n"u8]);

        var items = new CsvSalesReader(path).Read().ToList();

        var row = Assert.IsType<SaleRow>(Assert.Single(items));
        Assert.Equal(("C1", 150L, 2), (row.CustomerKey, row.NetCents, row.SourceLine));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Next_BytesArriveInSmallReads_SameRecordsAsAtOnce(int chunk)
    {
        // Records, quotes, doubled quotes and CRLF cut at every possible place by the stream's short reads, and
        // records long enough to cross the reader's first 64 KiB buffer.
        var text = new StringBuilder("h1,h2,h3\r\n");
        for (var i = 0; i < 2000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},\"a \"\"{i}\"\", b\nc\",{new string('x', i % 97)}\r\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var whole = Records(Reader(bytes));

        var trickled = Records(Reader(bytes, stream: new TrickleStream(bytes, chunk)));

        Assert.Equal(2001, whole.Count);
        Assert.Equal("a \"1999\", b\nc", whole[^1].Fields[1]);
        Assert.Equal(whole.Select(r => (r.Line, r.Lines, string.Join('|', r.Fields))), trickled.Select(r => (r.Line, r.Lines, string.Join('|', r.Fields))));
    }

    [Fact]
    public void Next_LineLongerThanTheLimit_StopsWithThatLine()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,2\n3," + new string('x', 5000) + "\n4,5\n");
        using var reader = Reader(bytes, maxLineBytes: 4096);

        Assert.Equal(CsvRecordStatus.Record, reader.Next());
        Assert.Equal(CsvRecordStatus.Record, reader.Next());
        Assert.Equal(CsvRecordStatus.LineTooLong, reader.Next());
        Assert.Equal(3, reader.LongLine);
    }

    [Fact]
    public void Next_QuoteNeverClosedPastTheRecordLimit_StopsAtTheRecordsLine()
    {
        var lines = string.Concat(Enumerable.Repeat("short line,1\n", 2000));
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,\"open\n" + lines);
        using var reader = Reader(bytes, maxLineBytes: 1024, maxRecordBytes: 8192);

        Assert.Equal(CsvRecordStatus.Record, reader.Next());
        Assert.Equal(CsvRecordStatus.RecordTooLong, reader.Next());
        Assert.Equal(2, reader.NextLine);
    }

    [Fact]
    public void Resume_AfterAQuoteOverSeveralLines_ReadsTheSwallowedLinesAgain()
    {
        using var reader = Reader(Encoding.UTF8.GetBytes("1,\"open\n2,x\n3,\"y\"\n4,z\n"));

        Assert.Equal(CsvRecordStatus.Record, reader.Next());
        Assert.Equal((1, 3), (reader.Line, reader.Lines));
        reader.Resume();
        var rest = Records(reader);

        Assert.Equal([(2, "2|x"), (3, "3|y"), (4, "4|z")], rest.Select(r => (r.Line, string.Join('|', r.Fields))));
    }

    /// <summary>A stream that hands out at most <paramref name="chunk"/> bytes per read.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
