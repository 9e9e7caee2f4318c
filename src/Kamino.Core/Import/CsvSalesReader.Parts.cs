using Kamino.Analysis;

namespace Kamino.Import;

public sealed partial class CsvSalesReader
{
    private const int MinBytesPerPart = 4 << 20;
    private const long PartsEncodingSniffBytes = 1 << 20;

    /// <summary>
    /// <c>kamino analyze</c>'s read: the file split at line ends into as many parts as there are processors, each
    /// read on its own core by the same <see cref="CsvRecordReader"/> and checked by the same rules as the import
    /// (<see cref="SaleRowParser.Check"/>), customers keyed the same way, and summed. Null when the file is not
    /// clean: a problem, a quote over several lines (a part could start inside it) or, when UTF-8 was told from the
    /// first megabyte only, bytes further down that are not UTF-8. The caller then reads it with <see cref="Read"/>,
    /// which gives the import's verdict and messages line by line.
    /// </summary>
    internal SalesAggregate? TryReadParts(CancellationToken ct)
    {
        // UTF-8 is told from the first bytes only; the parts check the rest as they read it.
        EncodingSniffLimit = PartsEncodingSniffBytes;
        Layout? layout;
        try
        {
            layout = ReadHeader(out _);
        }
        finally
        {
            // A caller falling back to Read gets the whole-file detection.
            EncodingSniffLimit = long.MaxValue;
        }

        if (layout is null)
        {
            return null;
        }

        long dataStart;
        using (var records = Open(layout.Format, wrap: false))
        {
            if (records.Next() != CsvRecordStatus.Record || records.Lines > 1)
            {
                return null;
            }

            dataStart = records.NextOffset + (layout.Format.Encoding == CsvEncodings.Utf8 && HasBom() ? 3 : 0);
        }

        var length = new FileInfo(path).Length;
        var parts = (int)Math.Clamp((length - dataStart) / MinBytesPerPart, 1, Environment.ProcessorCount);
        var bounds = new long[parts + 1];
        bounds[0] = dataStart;
        bounds[parts] = length;
        using (var file = File.OpenRead(path))
        {
            for (var i = 1; i < parts; i++)
            {
                bounds[i] = NextLineStart(file, dataStart + ((length - dataStart) * i / parts), length);
            }
        }

        var results = new SalesAggregate?[parts];
        var checkUtf8 = layout.Format.Encoding == CsvEncodings.Utf8 && EncodingFromPrefix;
        Parallel.For(0, parts, new ParallelOptions { CancellationToken = ct }, i =>
        {
            results[i] = ReadPart(layout, bounds[i], bounds[i + 1], checkUtf8);
        });

        if (results.Any(r => r is null))
        {
            return null;
        }

        var total = results[0]!;
        for (var i = 1; i < parts; i++)
        {
            total.AddAll(results[i]!);
        }

        return total;
    }

    private SalesAggregate? ReadPart(Layout layout, long from, long to, bool checkUtf8)
    {
        var file = File.OpenRead(path);
        file.Position = from;
        using var records = new CsvRecordReader(file, CsvEncodings.Get(layout.Format.Encoding), layout.Format.Delimiter, 0, MaxLineBytes, MaxRecordBytes, to - from, checkUtf8);
        // Each part has its own parser: the checks keep no state between rows.
        var parser = layout.Parser.Copy();
        var aggregate = new SalesAggregate();
        var sum = new SalesAggregate.Sum(aggregate);
        while (true)
        {
            var status = records.Next();
            if (status == CsvRecordStatus.End)
            {
                return aggregate;
            }

            if (status != CsvRecordStatus.Record || records.Lines > 1 || records.RecordChars() > MaxLineChars
                || parser.Check(new RecordFields(records, layout.Columns), ref sum) is not null)
            {
                return null;
            }
        }
    }

    private bool HasBom()
    {
        using var file = File.OpenRead(path);
        Span<byte> bom = stackalloc byte[3];
        return file.ReadAtLeast(bom, 3, throwOnEndOfStream: false) == 3 && bom.SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
    }

    private static long NextLineStart(FileStream file, long from, long length)
    {
        var buffer = new byte[1 << 16];
        var at = from - 1;
        while (at < length)
        {
            file.Position = at;
            var n = file.Read(buffer);
            if (n == 0)
            {
                break;
            }

            var i = buffer.AsSpan(0, n).IndexOf((byte)'\n');
            if (i >= 0)
            {
                return at + i + 1;
            }

            at += n;
        }

        return length;
    }
}
