using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using nietras.SeparatedValues;

namespace Kamino.Import;

/// <summary>Options of a CSV read.</summary>
/// <param name="Map">Explicit column per field, overriding header matching.</param>
/// <param name="Dialect">Numbers and dates; null = detect from the data (<c>--dialect auto</c>).</param>
/// <param name="Encoding">A <see cref="CsvEncodings"/> name; null = detect from the bytes.</param>
public sealed record CsvReadOptions(IReadOnlyDictionary<SaleField, string>? Map = null, CsvDialect? Dialect = null, string? Encoding = null);

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

    private const int SampleChars = 1 << 20;
    private const decimal MaxAbsAmount = 1_000_000_000_000m;

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

        var positions = new DocumentPositions();
        var skipLines = 1;
        while (true)
        {
            var restartAt = 0;
            using var reader = OpenAt(skipLines, layout.Format);
            // Sep reports the first row's LineNumberFrom equal to its LineNumberToExcl (0.17.1); rows tile the
            // lines, so a row starts where the previous one ended.
            var nextFrom = 1;
            foreach (var row in reader)
            {
                var firstLine = nextFrom + skipLines;
                var lines = row.LineNumberToExcl - nextFrom;
                nextFrom = row.LineNumberToExcl;
                var result = Parse(row, layout, firstLine, positions);
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
        var stream = File.OpenRead(path);
        SkipLines(stream, skipPhysicalLines);
        var utf8 = format.Encoding == CsvEncodings.Utf8;
        var text = new StreamReader(stream, CsvEncodings.Get(format.Encoding), detectEncodingFromByteOrderMarks: utf8 && skipPhysicalLines == 0, bufferSize: 1 << 16);
        return Sep.New(format.Delimiter).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(text);
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
        var sniffer = EncodingSniffer.Sniff(stream);
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

        var headerRow = reader.Current;
        var headers = new List<string>(headerRow.ColCount);
        for (var i = 0; i < headerRow.ColCount; i++)
        {
            headers.Add(headerRow[i].ToString());
        }

        var map = HeaderMatcher.MapColumns(headers, options.Map, out var mapProblems);
        var missing = new List<string>(mapProblems);
        if (!map.ContainsKey(SaleField.Date))
        {
            missing.Add("no date column (e.g. 'date', 'fecha')");
        }

        if (!map.ContainsKey(SaleField.CustomerId) && !map.ContainsKey(SaleField.CustomerTaxId) && !map.ContainsKey(SaleField.CustomerName))
        {
            missing.Add("no customer column (e.g. 'customer_id', 'cliente')");
        }

        if (!map.ContainsKey(SaleField.NetAmount) && !(map.ContainsKey(SaleField.Quantity) && map.ContainsKey(SaleField.UnitPrice)))
        {
            missing.Add("no net amount column (e.g. 'line_total', 'importe') and no quantity and unit price columns");
        }

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
        return new Layout(headers.Count, map, Format, dialect!.Value);
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

    private object Parse(SepReader.Row row, Layout layout, int line, DocumentPositions positions)
    {
        if (row.ColCount != layout.ColumnCount)
        {
            return Problem(line, $"{row.ColCount} fields instead of {layout.ColumnCount}");
        }

        var rawDate = Text(row, layout, SaleField.Date);
        if (string.IsNullOrEmpty(rawDate))
        {
            return Problem(line, "date is empty");
        }

        if (!CsvDialects.TryParseDate(rawDate, layout.Dialect, out var date))
        {
            var expected = layout.Dialect == CsvDialect.Es ? "dd/mm/yyyy or yyyy-mm-dd" : "yyyy-mm-dd or mm/dd/yyyy";
            return Problem(line, $"date '{rawDate}' is not a valid date ({expected}, dialect {CsvDialects.Name(layout.Dialect)})");
        }

        var taxId = NullIfEmpty(Text(row, layout, SaleField.CustomerTaxId));
        var customerId = NullIfEmpty(Text(row, layout, SaleField.CustomerId));
        var customerName = NullIfEmpty(Text(row, layout, SaleField.CustomerName));
        var key = taxId ?? customerId ?? customerName;
        if (key is null)
        {
            return Problem(line, "customer is empty");
        }

        if (key.Length > 100 || (customerName?.Length ?? 0) > 300)
        {
            return Problem(line, "customer id or name is too long");
        }

        if (!TryNumber(Text(row, layout, SaleField.Quantity), "quantity", line, layout.Dialect, out var quantity, out var problem, 1m)
            || !TryNumber(Text(row, layout, SaleField.UnitPrice), "unit price", line, layout.Dialect, out var unitPrice, out problem, 0m)
            || !TryNumber(Text(row, layout, SaleField.DiscountPct), "discount", line, layout.Dialect, out var discount, out problem, 0m))
        {
            return problem!;
        }

        if (layout.Format.DiscountIsFraction)
        {
            if (discount is < -1m or > 1m)
            {
                return Problem(line, $"discount '{Text(row, layout, SaleField.DiscountPct)}' is not a fraction between -1 and 1 (this file's discounts are fractions, judged on its first {SampleRecords} records)");
            }

            discount *= 100m;
        }
        else if (discount is < -100m or > 100m)
        {
            return Problem(line, $"discount '{Text(row, layout, SaleField.DiscountPct)}' is not a percentage between -100 and 100");
        }

        decimal net;
        if (layout.Map.ContainsKey(SaleField.NetAmount))
        {
            var rawNet = Text(row, layout, SaleField.NetAmount);
            if (string.IsNullOrEmpty(rawNet))
            {
                return Problem(line, "net amount is empty");
            }

            if (!TryNumber(rawNet, "net amount", line, layout.Dialect, out net, out problem, 0m))
            {
                return problem!;
            }

            if (!layout.Map.ContainsKey(SaleField.UnitPrice))
            {
                unitPrice = quantity == 0m ? net : net / quantity;
            }
        }
        else
        {
            net = quantity * unitPrice * (1m - (discount / 100m));
        }

        net = Math.Round(net, 2, MidpointRounding.AwayFromZero);
        string? document = NullIfEmpty(Text(row, layout, SaleField.DocumentNumber));
        var currency = NullIfEmpty(Text(row, layout, SaleField.Currency))?.ToUpperInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            return Problem(line, $"currency '{currency}' is not a 3-letter ISO 4217 code");
        }

        var sku = NullIfEmpty(Text(row, layout, SaleField.ProductSku));
        var productName = NullIfEmpty(Text(row, layout, SaleField.ProductName));
        if ((document?.Length ?? 0) > 100 || (sku?.Length ?? 0) > 100 || (productName?.Length ?? 0) > 300)
        {
            return Problem(line, "document number, product code or product name is too long");
        }

        int lineNumber;
        var rawLine = Text(row, layout, SaleField.LineNumber);
        if (!string.IsNullOrEmpty(rawLine))
        {
            if (!int.TryParse(rawLine, NumberStyles.None, CultureInfo.InvariantCulture, out lineNumber) || lineNumber < 1)
            {
                return Problem(line, $"line number '{rawLine}' is not a positive whole number");
            }
        }
        else if (document is not null)
        {
            lineNumber = positions.Next(document);
        }
        else
        {
            // No document number: the row is identified by its date, customer and content; identical rows by occurrence.
            document = ContentIdentity(date, key, sku, quantity, unitPrice, discount, net);
            lineNumber = positions.Next(document);
        }

        return new SaleRow(line, "", document!, lineNumber, date, key, customerName ?? key, taxId, sku, productName, quantity, unitPrice, discount, (long)(net * 100m), currency);
    }

    private ImportProblem Problem(int line, string reason) => new(displayName, line, reason);

    private bool TryNumber(string? raw, string what, int line, CsvDialect dialect, out decimal value, out ImportProblem? problem, decimal whenMissing)
    {
        problem = null;
        if (string.IsNullOrEmpty(raw))
        {
            value = whenMissing;
            return true;
        }

        if (!CsvDialects.TryParseNumber(raw, dialect, out value))
        {
            problem = Problem(line, $"{what} '{raw}' is not a number");
            return false;
        }

        if (Math.Abs(value) >= MaxAbsAmount)
        {
            problem = Problem(line, $"{what} '{raw}' is out of range");
            return false;
        }

        return true;
    }

    private static string? Text(SepReader.Row row, Layout layout, SaleField field) =>
        layout.Map.TryGetValue(field, out var i) ? Trimmed(row[i].Span) : null;

    private static string? Trimmed(ReadOnlySpan<char> span)
    {
        var t = span.Trim();
        return t.IsEmpty ? "" : t.ToString();
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static string ContentIdentity(DateOnly date, string customer, string? sku, decimal quantity, decimal unitPrice, decimal discount, decimal net)
    {
        var content = string.Create(CultureInfo.InvariantCulture, $"{customer}\u001f{sku}\u001f{quantity}\u001f{unitPrice}\u001f{discount}\u001f{net}");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];
        return string.Create(CultureInfo.InvariantCulture, $"~{date:yyyy-MM-dd}~{hash}");
    }

    private sealed record Layout(int ColumnCount, Dictionary<SaleField, int> Map, CsvFormat Format, CsvDialect Dialect);

    /// <summary>Counts lines per document in file order; cheap when a document's lines are contiguous.</summary>
    private sealed class DocumentPositions
    {
        private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
        private string? last;
        private int lastCount;

        public int Next(string document)
        {
            if (document == last)
            {
                return ++lastCount;
            }

            if (last is not null)
            {
                counts[last] = lastCount;
            }

            last = document;
            lastCount = counts.TryGetValue(document, out var c) ? c + 1 : 1;
            return lastCount;
        }
    }
}
