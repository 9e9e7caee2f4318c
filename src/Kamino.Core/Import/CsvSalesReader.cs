using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using nietras.SeparatedValues;

namespace Kamino.Import;

/// <summary>Options of a CSV read: explicit column mapping overrides.</summary>
public sealed record CsvReadOptions(IReadOnlyDictionary<SaleField, string>? Map = null);

/// <summary>
/// Streams sale rows out of a comma-separated UTF-8 file with a header (RFC 4180 quoting) using Sep.
/// Each record becomes either a <see cref="SaleRow"/> or an <see cref="ImportProblem"/> naming its line.
/// Dates are ISO <c>yyyy-mm-dd</c>, numbers use a decimal point.
/// </summary>
public sealed class CsvSalesReader
{
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
            using var reader = OpenAt(skipLines);
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

    private SepReader OpenAt(int skipPhysicalLines)
    {
        var stream = File.OpenRead(path);
        SkipLines(stream, skipPhysicalLines);
        var text = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: skipPhysicalLines == 0, bufferSize: 1 << 16);
        return Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(text);
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

    private Layout? ReadHeader(out ImportProblem? problem)
    {
        problem = null;
        using var stream = File.OpenRead(path);
        using var text = new StreamReader(stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(text);
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

        return new Layout(headers.Count, map);
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

        if (!DateOnly.TryParseExact(rawDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Problem(line, $"date '{rawDate}' is not a valid yyyy-mm-dd date");
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

        if (!TryNumber(Text(row, layout, SaleField.Quantity), "quantity", line, out var quantity, out var problem, 1m)
            || !TryNumber(Text(row, layout, SaleField.UnitPrice), "unit price", line, out var unitPrice, out problem, 0m)
            || !TryNumber(Text(row, layout, SaleField.DiscountPct), "discount", line, out var discount, out problem, 0m))
        {
            return problem!;
        }

        if (discount is < -100m or > 100m)
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

            if (!TryNumber(rawNet, "net amount", line, out net, out problem, 0m))
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

    private bool TryNumber(string? raw, string what, int line, out decimal value, out ImportProblem? problem, decimal whenMissing)
    {
        problem = null;
        if (string.IsNullOrEmpty(raw))
        {
            value = whenMissing;
            return true;
        }

        if (!decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
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

    private sealed record Layout(int ColumnCount, Dictionary<SaleField, int> Map);

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
