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
/// Streams sale rows out of a delimited text file with a header (RFC 4180 quoting) through <see cref="CsvRecordReader"/>. The encoding,
/// delimiter, dialect and discount form are found first (docs/import.md), from the bytes and a sample of
/// records. Each record becomes either a <see cref="SaleRow"/> or an <see cref="ImportProblem"/> naming its line.
/// </summary>
public sealed partial class CsvSalesReader : ISalesSource
{
    /// <summary>How many records after the header the dialect and discount form are decided on.</summary>
    public const int SampleRecords = SaleColumns.SampleRecords;

    /// <summary>Longest record (line, or lines of a quoted field) accepted, in characters; a longer header or record is a problem.</summary>
    public const int MaxLineChars = 1 << 20;

    /// <summary>Longest physical line read, in bytes: a record of <see cref="MaxLineChars"/> characters takes at most 3 bytes a character.</summary>
    public const long MaxLineBytes = 3L * MaxLineChars;

    /// <summary>Longest record over several lines (a quote left open) kept in memory, in bytes; past it the read stops.</summary>
    internal const int MaxRecordBytes = 16 << 20;

    private const int SampleChars = MaxLineChars;

    private readonly string path;
    private readonly string displayName;
    private readonly CsvReadOptions options;
    private long bytesRead;

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

    /// <summary>Bytes of the file read so far by <see cref="Read"/> (for a progress bar; read from another thread).</summary>
    public long BytesRead => Volatile.Read(ref bytesRead);

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

        using var records = Open(layout.Format, wrap: true);
        records.Next(); // the header
        var parser = layout.Parser;
        while (true)
        {
            switch (records.Next())
            {
                case CsvRecordStatus.End:
                case CsvRecordStatus.NotUtf8: // only when asked for: never here
                    yield break;
                case CsvRecordStatus.LineTooLong:
                    yield return parser.Problem(records.LongLine, Said.Of("import.csv-line-too-long", [.. ImportSentences.Big(MaxLineBytes), .. ImportSentences.Big(MaxLineChars)]), ImportProblemKind.File);
                    yield break;
                case CsvRecordStatus.RecordTooLong:
                    yield return parser.Problem(records.NextLine, Said.Of("import.csv-record-runs-on", [.. ImportSentences.Big(MaxLineChars)]), ImportProblemKind.File);
                    yield break;
                case CsvRecordStatus.Record:
                    break;
            }

            Volatile.Write(ref bytesRead, records.NextOffset);
            var line = records.Line;
            var result = records.RecordChars() > MaxLineChars
                ? parser.Problem(line, Said.Of("import.row-record-too-long", [.. ImportSentences.Big(MaxLineChars)]), ImportProblemKind.Malformed)
                : parser.Parse(new RecordFields(records, layout.Columns), line);
            if (result is ImportProblem bad && records.Lines > 1)
            {
                // A quote opened here swallowed the lines below: they are read again, as records of their own.
                yield return parser.Problem(line, Said.Of("import.row-quote-over-lines", [records.Lines, .. ImportSentences.Pair(bad.Why)]), ImportProblemKind.Malformed)
                    with { RowText = records.RecordText(firstLineOnly: true) };
                records.Resume();
                continue;
            }

            yield return result is ImportProblem problem ? problem with { RowText = records.RecordText(firstLineOnly: false) } : result;
        }
    }

    /// <summary>The file's records from its start (past a UTF-8 byte order mark), the header first.</summary>
    private CsvRecordReader Open(CsvFormat format, bool wrap)
    {
        var file = File.OpenRead(path);
        Stream stream = file;
        try
        {
            if (format.Encoding == CsvEncodings.Utf8)
            {
                Span<byte> bom = stackalloc byte[3];
                var n = file.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
                if (n < 3 || !bom.SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    file.Position = 0;
                }
            }

            stream = wrap ? options.WrapInput?.Invoke(file) ?? file : file;
            return new CsvRecordReader(stream, CsvEncodings.Get(format.Encoding), format.Delimiter, 1, MaxLineBytes, MaxRecordBytes);
        }
        catch
        {
            // Until the reader owns it nobody closes the file: a read error here would leave it open until the GC ran.
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The header's fields as the reader splits them (the import preview shows them); empty when there is none.</summary>
    internal static List<string> HeaderFields(string path, CsvFormat format)
    {
        using var records = new CsvSalesReader(path).Open(format, wrap: false);
        var headers = new List<string>();
        if (records.Next() == CsvRecordStatus.Record)
        {
            for (var i = 0; i < records.FieldCount; i++)
            {
                headers.Add(records.Text(i).ToString());
            }
        }

        return headers;
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
                problem = new ImportProblem(displayName, 0, Said.Of("import.csv-unknown-encoding", options.Encoding, string.Join(", ", CsvEncodings.Names)), ImportProblemKind.File);
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
            var why = Said.Of(given is not null ? "import.csv-not-utf8-given" : "import.csv-not-utf8-bom");
            problem = new ImportProblem(displayName, (int)Math.Min(sniffer.FirstInvalidLine, int.MaxValue), why, ImportProblemKind.File);
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
        Format = new CsvFormat(encoding, delimiter, options.Dialect, false);
        if (sample.Length == 0)
        {
            problem = new ImportProblem(displayName, 0, Said.Of("import.csv-empty"), ImportProblemKind.File);
            return null;
        }

        if (sample.Length == SampleChars && !sample.Contains('\n', StringComparison.Ordinal))
        {
            problem = new ImportProblem(displayName, 1, Said.Of("import.csv-header-too-long", [.. ImportSentences.Big(MaxLineChars)]), ImportProblemKind.File);
            return null;
        }

        using var records = Open(Format, wrap: false);
        if (records.Next() != CsvRecordStatus.Record)
        {
            problem = new ImportProblem(displayName, 0, Said.Of("import.csv-empty"), ImportProblemKind.File);
            return null;
        }

        var headers = new List<string>(records.FieldCount);
        for (var i = 0; i < records.FieldCount; i++)
        {
            headers.Add(records.Text(i).ToString());
        }

        if (SaleColumns.Match(headers, options.Map, headers, out var headerProblem) is not { } columns)
        {
            problem = new ImportProblem(displayName, 1, headerProblem!, ImportProblemKind.File);
            return null;
        }

        // The dialect and the discount form are decided on the first records.
        for (var sampled = 0; sampled < SampleRecords && records.Next() == CsvRecordStatus.Record; sampled++)
        {
            if (records.FieldCount != headers.Count)
            {
                continue;
            }

            foreach (var field in SaleColumns.SampledFields)
            {
                if (columns.Map.TryGetValue(field, out var i))
                {
                    columns.Sample(field, records.Text(i).Trim().ToString());
                }
            }
        }

        var parser = columns.Decide(displayName, options.Dialect, delimiter, out var dialect, out var fraction, out var ambiguity);
        if (parser is null)
        {
            DialectAmbiguous = true;
            problem = new ImportProblem(displayName, 0, Said.Of("import.csv-dialect", [.. ImportSentences.Pair(ambiguity!)]), ImportProblemKind.File);
            return null;
        }

        Format = new CsvFormat(encoding, delimiter, dialect, fraction);
        return new Layout(Format, Columns(columns.Map), parser);
    }

    /// <summary>
    /// The discount rule (docs/import.md): a header with '%' or naming a percentage (pct, percent, porcentaje)
    /// holds percentages; otherwise the sampled values decide: all between -1 and 1 with one not zero means
    /// fractions.
    /// </summary>
    public static bool DiscountIsFraction(string header, IEnumerable<string> sampledValues, CsvDialect dialect) =>
        SaleColumns.DiscountIsFraction(header, sampledValues, dialect);

    /// <summary>The column of each field, -1 when unmapped, indexed by <see cref="SaleField"/>.</summary>
    private static int[] Columns(Dictionary<SaleField, int> map)
    {
        var columns = new int[Enum.GetValues<SaleField>().Length];
        Array.Fill(columns, -1);
        foreach (var (field, i) in map)
        {
            columns[(int)field] = i;
        }

        return columns;
    }

    private sealed record Layout(CsvFormat Format, int[] Columns, SaleRowParser Parser);

    /// <summary>A record's fields for the row parser: decoded on demand, trimmed.</summary>
    private readonly ref struct RecordFields(CsvRecordReader records, int[] columns) : ISaleFields
    {
        public int ColCount => records.FieldCount;

        public ReadOnlySpan<char> Text(SaleField field)
        {
            var i = columns[(int)field];
            return i < 0 ? default : records.Text(i).Trim();
        }
    }
}
