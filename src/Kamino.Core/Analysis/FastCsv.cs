using System.Text;
using Kamino.Import;
using Microsoft.Win32.SafeHandles;
using nietras.SeparatedValues;

namespace Kamino.Analysis;

/// <summary>
/// The fast path of <see cref="SalesFileAnalysis"/> for CSV: the file's encoding, delimiter, dialect and discount
/// form come from <see cref="CsvSalesReader"/> itself and its columns from <see cref="HeaderMatcher"/>; then the
/// bytes are split into as many parts as there are processors (at line ends) and each part sums its lines.
/// Each line is checked like <see cref="SaleRowParser"/> does, but only in a strict subset of the accepted
/// shapes (plain numbers, ISO or the dialect's slash dates, RFC 4180 quotes within one line); anything
/// else — a malformed line, a thousands separator, a quote left open at a line end — gives up (null) and the
/// caller reads the file with the full reader, which accepts or rejects it exactly as the import does.
/// </summary>
internal static partial class FastCsv
{
    private const int MinBytesPerPart = 4 << 20;
    private const long MaxAbsAmountDigits = 12; // |amount| < 10^12, as SaleRowParser
    private const long EncodingSniffBytes = 1 << 20;

    public static SalesAggregate? TryRead(string path, CsvSalesReader reader, CsvReadOptions? options, CancellationToken ct)
    {
        // UTF-8 is told from the first bytes only; the parts check the rest as they read it.
        reader.EncodingSniffLimit = EncodingSniffBytes;
        try
        {
            return TryReadSniffed(path, reader, options, ct);
        }
        finally
        {
            // A caller falling back to the full reader gets the whole-file detection.
            reader.EncodingSniffLimit = long.MaxValue;
        }
    }

    private static SalesAggregate? TryReadSniffed(string path, CsvSalesReader reader, CsvReadOptions? options, CancellationToken ct)
    {
        // The reader decides the format on its header and first records; the first item says whether it could.
        using (var items = reader.Read().GetEnumerator())
        {
            if (!items.MoveNext() || items.Current is ImportProblem || reader.DialectAmbiguous)
            {
                return null;
            }
        }

        if (reader.Format is not { Dialect: { } dialect } format)
        {
            return null;
        }

        var encoding = CsvEncodings.Get(format.Encoding);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        if (!TryReadHeader(handle, length, encoding, format.Delimiter, out var headerEnd, out var headers))
        {
            return null;
        }

        var map = HeaderMatcher.MapColumns(headers, options?.Map, out var mapProblems);
        if (SaleRowParser.MissingColumns(map, mapProblems).Count > 0)
        {
            return null;
        }

        var layout = new Layout(headers.Count, map, format.Delimiter, dialect, format.DiscountIsFraction, encoding, reader.EncodingFromPrefix);
        var parts = (int)Math.Clamp((length - headerEnd) / MinBytesPerPart, 1, Environment.ProcessorCount);
        var bounds = new long[parts + 1];
        bounds[0] = headerEnd;
        bounds[parts] = length;
        for (var i = 1; i < parts; i++)
        {
            bounds[i] = NextLineStart(handle, headerEnd + ((length - headerEnd) * i / parts), length);
        }

        var results = new SalesAggregate?[parts];
        Parallel.For(0, parts, new ParallelOptions { CancellationToken = ct }, i =>
        {
            results[i] = new Part(layout).Read(handle, bounds[i], bounds[i + 1]);
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

    private static bool TryReadHeader(SafeFileHandle handle, long length, Encoding encoding, char delimiter, out long headerEnd, out List<string> headers)
    {
        headerEnd = 0;
        headers = [];
        var buffer = new byte[(int)Math.Min(length, 1 << 16)];
        var n = RandomAccess.Read(handle, buffer, 0);
        var newline = buffer.AsSpan(0, n).IndexOf((byte)'\n');
        if (newline < 0)
        {
            return false;
        }

        var line = buffer.AsSpan(0, newline);
        if (line.Count((byte)'"') % 2 != 0)
        {
            return false;
        }

        var start = line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var text = encoding.GetString(line[start..]).TrimEnd('\r');
        using var sep = Sep.New(delimiter).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).FromText(text);
        if (!sep.MoveNext())
        {
            return false;
        }

        for (var i = 0; i < sep.Current.ColCount; i++)
        {
            headers.Add(sep.Current[i].ToString());
        }

        headerEnd = newline + 1;
        return true;
    }

    private static long NextLineStart(SafeFileHandle handle, long from, long length)
    {
        var buffer = new byte[1 << 16];
        var at = from - 1;
        while (at < length)
        {
            var n = RandomAccess.Read(handle, buffer, at);
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

    /// <param name="CheckUtf8">The encoding is UTF-8 by the first bytes only: every part checks its bytes are UTF-8 too.</param>
    private sealed record Layout(int Columns, Dictionary<SaleField, int> Map, char Delimiter, CsvDialect Dialect, bool DiscountIsFraction, Encoding Encoding, bool CheckUtf8)
    {
        public int Column(SaleField field) => Map.TryGetValue(field, out var i) ? i : -1;
    }
}
