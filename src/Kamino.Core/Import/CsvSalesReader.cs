using System.Globalization;
using nietras.SeparatedValues;

namespace Kamino.Import;

/// <summary>Options of a CSV read.</summary>
/// <param name="Map">Explicit column per field, overriding header matching.</param>
/// <param name="Dialect">Numbers and dates; null = detect from the data (<c>--dialect auto</c>).</param>
/// <param name="Encoding">A <see cref="CsvEncodings"/> name; null = detect from the bytes.</param>
/// <param name="WrapInput">Test seam: wraps the file stream the records are read from (fault injection, SECURITY.md R4); null in production.</param>
public sealed record CsvReadOptions(IReadOnlyDictionary<SaleField, string>? Map = null, CsvDialect? Dialect = null, string? Encoding = null, Func<Stream, Stream>? WrapInput = null);

/// <summary>
/// What a CSV turned out to be. <see cref="Dialect"/> is null when it could not be told from the data.
/// <see cref="DiscountIsFraction"/>: the discount column holds fractions (0.125 = 12.5 %), not percentages.
/// </summary>
public sealed record CsvFormat(string Encoding, char Delimiter, CsvDialect? Dialect, bool DiscountIsFraction);

/// <summary>
/// Streams sale rows out of a delimited text file with a header (RFC 4180 quoting) using Sep. The encoding,
/// delimiter, dialect and discount form are found first (docs/import.md), from the bytes and a sample of
/// records. Each record becomes either a <see cref="SaleRow"/> or an <see cref="ImportProblem"/> naming its line.
/// </summary>
public sealed class CsvSalesReader : ISalesSource
{
    /// <summary>How many records after the header the dialect and discount form are decided on.</summary>
    public const int SampleRecords = 1000;

    /// <summary>Longest record (line, or lines of a quoted field) accepted, in characters; a longer header or record is a problem.</summary>
    public const int MaxLineChars = 1 << 20;

    /// <summary>Longest physical line read, in bytes: a record of <see cref="MaxLineChars"/> characters takes at most 3 bytes a character.</summary>
    public const long MaxLineBytes = 3L * MaxLineChars;

    private const int SampleChars = MaxLineChars;

    private readonly string path;
    private readonly string displayName;
    private readonly CsvReadOptions options;

    public CsvSalesReader(string path, CsvReadOptions? options = null, string? displayName = null)
    {
        this.path = path;
        this.displayName = displayName ?? Path.GetFileName(path);
        this.options = options ?? new CsvReadOptions();
    }

    public string FormatName => "csv";

    /// <summary>What the file was read as; set once <see cref="Read"/> has looked at the file.</summary>
    public CsvFormat? Format { get; private set; }

    /// <summary>
    /// True when <c>auto</c> could not tell the dialect: <see cref="Read"/> then yields one problem (line 0)
    /// naming what is ambiguous and the flag that settles it, and no rows.
    /// </summary>
    public bool DialectAmbiguous { get; private set; }

    /// <summary>
    /// How many bytes the encoding is told from when they are all UTF-8 (default: the whole file). A caller that
    /// lowers it checks the rest itself: <see cref="EncodingFromPrefix"/> then says UTF-8 was only seen that far.
    /// </summary>
    internal long EncodingSniffLimit { get; set; } = long.MaxValue;

    /// <summary>The UTF-8 verdict rests on the first <see cref="EncodingSniffLimit"/> bytes only.</summary>
    internal bool EncodingFromPrefix { get; private set; }

    /// <summary>
    /// Reads every record. A header problem (missing required columns) is yielded alone at line 1.
    /// A record whose quoted field runs over several lines and is then malformed is reported at the line
    /// where it starts as an unclosed quote, and reading resumes on the next physical line, so the lines
    /// it swallowed are still checked and numbered right.
    /// </summary>
    public IEnumerable<object> Read()
    {
        var layout = ReadHeader(out var headerProblem);
        if (layout is null)
        {
            yield return headerProblem!;
            yield break;
        }

        var skipLines = 1;
        while (true)
        {
            var restartAt = 0;
            using var reader = OpenAt(skipLines, layout.Format);
            // Sep reports the first row's LineNumberFrom equal to its LineNumberToExcl (0.17.1); rows tile the
            // lines, so a row starts where the previous one ended.
            var nextFrom = 1;
            while (true)
            {
                var pastSepLimit = false;
                long? longLine = null;
                try
                {
                    if (!reader.MoveNext())
                    {
                        break;
                    }
                }
                catch (InputLimitException e)
                {
                    // A line no record can hold: refused after MaxLineBytes bytes, before Sep buffers it.
                    longLine = e.Lines + 1 + skipLines;
                }
                catch (NotSupportedException e) when (e.Message.Contains("maximum supported length", StringComparison.Ordinal))
                {
                    // Sep refuses a record past its buffer limit (16M characters): in practice a quote never closed.
                    pastSepLimit = true;
                }

                if (longLine is { } at)
                {
                    yield return new ImportProblem(displayName, (int)Math.Min(at, int.MaxValue), string.Create(CultureInfo.InvariantCulture, $"the line is longer than {MaxLineBytes:N0} bytes (a record holds at most {MaxLineChars:N0} characters); the rest of the file was not read"));
                    yield break;
                }

                if (pastSepLimit)
                {
                    yield return new ImportProblem(displayName, nextFrom + skipLines, string.Create(CultureInfo.InvariantCulture, $"a record starting on this line runs past {MaxLineChars:N0} characters and the rest of the file cannot be read: is a quote not closed?"));
                    yield break;
                }

                var row = reader.Current;
                var firstLine = nextFrom + skipLines;
                var lines = row.LineNumberToExcl - nextFrom;
                nextFrom = row.LineNumberToExcl;
                var result = row.Span.Length > MaxLineChars
                    ? new ImportProblem(displayName, firstLine, string.Create(CultureInfo.InvariantCulture, $"the record is longer than {MaxLineChars:N0} characters"))
                    : layout.Parser.Parse(new SepFields(row, layout), firstLine);
                if (result is ImportProblem bad && lines > 1)
                {
                    yield return new ImportProblem(displayName, firstLine, $"a quote opened on this line runs over {lines} lines and the record is malformed ({bad.Reason}): is a quote not closed?");
                    restartAt = firstLine;
                    break;
                }

                yield return result;
            }

            if (restartAt == 0)
            {
                yield break;
            }

            skipLines = restartAt;
        }
    }

    private SepReader OpenAt(int skipPhysicalLines, CsvFormat format)
    {
        var file = File.OpenRead(path);
        var stream = options.WrapInput?.Invoke(file) ?? file;
        try
        {
            SkipLines(stream, skipPhysicalLines);
            var utf8 = format.Encoding == CsvEncodings.Utf8;
            var text = new StreamReader(new RunLimitStream(stream, MaxLineBytes, long.MaxValue, (byte)'\n', (byte)'\r'), CsvEncodings.Get(format.Encoding), detectEncodingFromByteOrderMarks: utf8 && skipPhysicalLines == 0, bufferSize: 1 << 16);
            return Sep.New(format.Delimiter).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(text);
        }
        catch
        {
            // Until the reader owns it nobody closes the file: a read error here would leave it open until the GC ran.
            stream.Dispose();
            throw;
        }
    }

    private static void SkipLines(Stream stream, int lines)
    {
        if (lines == 0)
        {
            return;
        }

        var buffer = new byte[1 << 16];
        long consumed = 0;
        var seen = 0;
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < n; i++)
            {
                if (buffer[i] == (byte)'\n' && ++seen == lines)
                {
                    stream.Position = consumed + i + 1;
                    return;
                }
            }

            consumed += n;
        }
    }

    private string? DetectEncoding(out ImportProblem? problem)
    {
        problem = null;
        EncodingFromPrefix = false;
        string? given = null;
        if (options.Encoding is not null)
        {
            given = CsvEncodings.Canonical(options.Encoding);
            if (given is null)
            {
                problem = new ImportProblem(displayName, 0, $"unknown encoding '{options.Encoding}': use {string.Join(", ", CsvEncodings.Names)}");
                return null;
            }

            if (given != CsvEncodings.Utf8)
            {
                return given; // every byte is valid in a single-byte encoding
            }
        }

        using var stream = File.OpenRead(path);
        var sniffer = EncodingSniffer.Sniff(stream, EncodingSniffLimit);
        EncodingFromPrefix = sniffer.StoppedAtLimit;
        if (sniffer.InvalidUtf8 && (given is not null || sniffer.HasBom))
        {
            var why = given is not null ? "--encoding utf-8 was given" : "it starts with a UTF-8 byte order mark";
            problem = new ImportProblem(displayName, (int)Math.Min(sniffer.FirstInvalidLine, int.MaxValue), $"bytes that are not UTF-8, though {why}: give --encoding windows-1252 or iso-8859-1, or fix the file");
            return null;
        }

        return sniffer.Encoding;
    }

    private string ReadSample(string encoding)
    {
        using var stream = File.OpenRead(path);
        using var text = new StreamReader(stream, CsvEncodings.Get(encoding), detectEncodingFromByteOrderMarks: encoding == CsvEncodings.Utf8);
        var buffer = new char[SampleChars];
        var length = text.ReadBlock(buffer, 0, buffer.Length);
        if (length == buffer.Length)
        {
            // Drop the last, probably cut, line.
            var lastNewline = Array.LastIndexOf(buffer, '\n', length - 1);
            if (lastNewline > 0)
            {
                length = lastNewline + 1;
            }
        }

        return new string(buffer, 0, length);
    }

    private Layout? ReadHeader(out ImportProblem? problem)
    {
        var encoding = DetectEncoding(out problem);
        if (encoding is null)
        {
            return null;
        }

        var sample = ReadSample(encoding);
        var delimiter = CsvDelimiters.Detect(sample) ?? ',';
        using var reader = Sep.New(delimiter).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(new StringReader(sample));
        Format = new CsvFormat(encoding, delimiter, options.Dialect, false);
        if (!reader.MoveNext())
        {
            problem = new ImportProblem(displayName, 0, "the file is empty: a header row is required");
            return null;
        }

        if (sample.Length == SampleChars && !sample.Contains('\n', StringComparison.Ordinal))
        {
            problem = new ImportProblem(displayName, 1, string.Create(CultureInfo.InvariantCulture, $"the header line is longer than {MaxLineChars:N0} characters: is this a sales file?"));
            return null;
        }

        var headerRow = reader.Current;
        var headers = new List<string>(headerRow.ColCount);
        for (var i = 0; i < headerRow.ColCount; i++)
        {
            headers.Add(headerRow[i].ToString());
        }

        var map = HeaderMatcher.MapColumns(headers, options.Map, out var mapProblems);
        var missing = SaleRowParser.MissingColumns(map, mapProblems);
        if (missing.Count > 0)
        {
            problem = new ImportProblem(displayName, 1, "header: " + string.Join("; ", missing) + $". Columns found: {string.Join(", ", headers)}");
            return null;
        }

        // The dialect and the discount form are decided on the first records.
        var dates = new List<string>();
        var numbers = new List<string>();
        var discounts = new List<string>();
        var sampled = 0;
        while (sampled < SampleRecords && reader.MoveNext())
        {
            var row = reader.Current;
            sampled++;
            if (row.ColCount != headers.Count)
            {
                continue;
            }

            AddSample(dates, row, map, SaleField.Date);
            AddSample(numbers, row, map, SaleField.Quantity);
            AddSample(numbers, row, map, SaleField.UnitPrice);
            AddSample(numbers, row, map, SaleField.NetAmount);
            AddSample(numbers, row, map, SaleField.DiscountPct);
            AddSample(discounts, row, map, SaleField.DiscountPct);
        }

        var dialect = options.Dialect;
        if (dialect is null)
        {
            var decision = CsvDialects.Decide(dates, numbers, delimiter);
            if (decision.Ambiguity is not null)
            {
                DialectAmbiguous = true;
                problem = new ImportProblem(displayName, 0, $"cannot tell the dialect: {decision.Ambiguity}. Give --dialect es (dd/mm/yyyy, decimal comma) or --dialect en (mm/dd/yyyy, decimal point)");
                return null;
            }

            dialect = decision.Dialect;
        }

        var fraction = map.TryGetValue(SaleField.DiscountPct, out var discountColumn)
            && DiscountIsFraction(headers[discountColumn], discounts, dialect!.Value);
        Format = new CsvFormat(encoding, delimiter, dialect, fraction);
        return new Layout(headers.Count, map, Format, dialect!.Value, new SaleRowParser(displayName, headers.Count, map.Keys.ToHashSet(), dialect!.Value, fraction));
    }

    private static void AddSample(List<string> values, SepReader.Row row, Dictionary<SaleField, int> map, SaleField field)
    {
        if (map.TryGetValue(field, out var i) && Trimmed(row[i].Span) is { Length: > 0 } value)
        {
            values.Add(value);
        }
    }

    /// <summary>
    /// The discount rule (docs/import.md): a header with '%' or naming a percentage (pct, percent, porcentaje)
    /// holds percentages; otherwise the sampled values decide: all between -1 and 1 with one not zero means
    /// fractions.
    /// </summary>
    public static bool DiscountIsFraction(string header, IEnumerable<string> sampledValues, CsvDialect dialect)
    {
        var normalized = HeaderMatcher.Normalize(header);
        if (header.Contains('%', StringComparison.Ordinal) || normalized.Contains("pct", StringComparison.Ordinal)
            || normalized.Contains("percent", StringComparison.Ordinal) || normalized.Contains("porcentaje", StringComparison.Ordinal))
        {
            return false;
        }

        var anyNonZero = false;
        foreach (var raw in sampledValues)
        {
            if (!CsvDialects.TryParseNumber(raw, dialect, out var v))
            {
                continue;
            }

            if (Math.Abs(v) > 1m)
            {
                return false;
            }

            anyNonZero |= v != 0m;
        }

        return anyNonZero;
    }

    private static string? Text(SepReader.Row row, Layout layout, SaleField field)
    {
        if (!layout.Map.TryGetValue(field, out var i))
        {
            return null;
        }

        // Document numbers and net amounts are mostly unique; the other fields repeat (customers, products,
        // dates, prices, the currency) and are shared instead of allocated per record.
        var t = row[i].Span.Trim();
        return t.IsEmpty ? "" : field is SaleField.DocumentNumber or SaleField.NetAmount ? t.ToString() : layout.Pool.Get(t);
    }

    private static string? Trimmed(ReadOnlySpan<char> span)
    {
        var t = span.Trim();
        return t.IsEmpty ? "" : t.ToString();
    }

    private sealed record Layout(int ColumnCount, Dictionary<SaleField, int> Map, CsvFormat Format, CsvDialect Dialect, SaleRowParser Parser)
    {
        public StringPool Pool { get; } = new();
    }

    /// <summary>One string per distinct field text, up to <see cref="MaxStrings"/> of them (then new texts are allocated as before).</summary>
    private sealed class StringPool
    {
        private const int MaxStrings = 1 << 18;

        private readonly HashSet<string> strings = new(StringComparer.Ordinal);
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;

        public StringPool() => lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();

        public string Get(ReadOnlySpan<char> text)
        {
            if (lookup.TryGetValue(text, out var s))
            {
                return s;
            }

            s = text.ToString();
            if (strings.Count < MaxStrings)
            {
                strings.Add(s);
            }

            return s;
        }
    }

    private readonly ref struct SepFields(SepReader.Row row, Layout layout) : ISaleFields
    {
        private readonly SepReader.Row row = row;

        public int ColCount => row.ColCount;

        public string? Text(SaleField field) => CsvSalesReader.Text(row, layout, field);
    }

}
