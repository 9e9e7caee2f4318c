using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kamino.Import;

/// <summary>The text of a tabular row's fields, by field (CSV record, spreadsheet row).</summary>
internal interface ISaleFields
{
    /// <summary>Fields in the row; a row whose count differs from the header's is malformed.</summary>
    int ColCount { get; }

    /// <summary>The field's text, trimmed; "" when empty, null when the file has no column for it.</summary>
    string? Text(SaleField field);
}

/// <summary>
/// Turns one tabular row (CSV or spreadsheet) into a <see cref="SaleRow"/> or an <see cref="ImportProblem"/>:
/// the validation rules of docs/import.md, shared by <see cref="CsvSalesReader"/> and <see cref="XlsxSalesReader"/>.
/// Numbers and dates are text in the <paramref name="dialect"/>; rows are numbered within their documents in file order.
/// </summary>
internal sealed class SaleRowParser(string displayName, int columnCount, IReadOnlySet<SaleField> mapped, CsvDialect dialect, bool discountIsFraction)
{
    private const decimal MaxAbsAmount = 1_000_000_000_000m;

    private readonly DocumentPositions positions = new();

    /// <summary>The required columns a header lacks (docs/import.md): date, a customer, and a net amount or quantity and unit price.</summary>
    public static List<string> MissingColumns(Dictionary<SaleField, int> map, List<string> mapProblems)
    {
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

        return missing;
    }

    public object Parse<TRow>(TRow row, int line)
        where TRow : ISaleFields, allows ref struct
    {
        if (row.ColCount != columnCount)
        {
            return Problem(line, $"{row.ColCount} fields instead of {columnCount}");
        }

        var rawDate = row.Text(SaleField.Date);
        if (string.IsNullOrEmpty(rawDate))
        {
            return Problem(line, "date is empty");
        }

        if (!TryParseIsoDate(rawDate, out var date) && !CsvDialects.TryParseDate(rawDate, dialect, out date))
        {
            var expected = dialect == CsvDialect.Es ? "dd/mm/yyyy or yyyy-mm-dd" : "yyyy-mm-dd or mm/dd/yyyy";
            return Problem(line, $"date '{rawDate}' is not a valid date ({expected}, dialect {CsvDialects.Name(dialect)})");
        }

        if (!SaleDates.Accepts(date))
        {
            return Problem(line, SaleDates.OutsideWindow(date));
        }

        var taxId = NullIfEmpty(row.Text(SaleField.CustomerTaxId));
        var customerId = NullIfEmpty(row.Text(SaleField.CustomerId));
        var customerName = NullIfEmpty(row.Text(SaleField.CustomerName));
        var key = taxId ?? customerId ?? customerName;
        if (key is null)
        {
            return Problem(line, "customer is empty");
        }

        if (key.Length > 100 || (customerName?.Length ?? 0) > 300)
        {
            return Problem(line, "customer id or name is too long");
        }

        if (!TryNumber(row.Text(SaleField.Quantity), "quantity", line, dialect, out var quantity, out var problem, 1m)
            || !TryNumber(row.Text(SaleField.UnitPrice), "unit price", line, dialect, out var unitPrice, out problem, 0m)
            || !TryNumber(row.Text(SaleField.DiscountPct), "discount", line, dialect, out var discount, out problem, 0m))
        {
            return problem!;
        }

        if (discountIsFraction)
        {
            if (discount is < -1m or > 1m)
            {
                return Problem(line, $"discount '{row.Text(SaleField.DiscountPct)}' is not a fraction between -1 and 1 (this file's discounts are fractions, judged on its first {CsvSalesReader.SampleRecords} records)");
            }

            discount *= 100m;
        }
        else if (discount is < -100m or > 100m)
        {
            return Problem(line, $"discount '{row.Text(SaleField.DiscountPct)}' is not a percentage between -100 and 100");
        }

        decimal net;
        if (mapped.Contains(SaleField.NetAmount))
        {
            var rawNet = row.Text(SaleField.NetAmount);
            if (string.IsNullOrEmpty(rawNet))
            {
                return Problem(line, "net amount is empty");
            }

            if (!TryNumber(rawNet, "net amount", line, dialect, out net, out problem, 0m))
            {
                return problem!;
            }

            if (!mapped.Contains(SaleField.UnitPrice))
            {
                unitPrice = quantity == 0m ? net : net / quantity;
            }
        }
        else
        {
            net = quantity * unitPrice * (1m - (discount / 100m));
        }

        net = Math.Round(net, 2, MidpointRounding.AwayFromZero);
        string? document = NullIfEmpty(row.Text(SaleField.DocumentNumber));
        var currency = NullIfEmpty(row.Text(SaleField.Currency))?.ToUpperInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            return Problem(line, $"currency '{currency}' is not a 3-letter ISO 4217 code");
        }

        var sku = NullIfEmpty(row.Text(SaleField.ProductSku));
        var productName = NullIfEmpty(row.Text(SaleField.ProductName));
        if ((document?.Length ?? 0) > 100 || (sku?.Length ?? 0) > 100 || (productName?.Length ?? 0) > 300)
        {
            return Problem(line, "document number, product code or product name is too long");
        }

        if ((SaleText.Problem("customer tax id", taxId) ?? SaleText.Problem("customer id", customerId) ?? SaleText.Problem("customer name", customerName)
            ?? SaleText.Problem("document number", document) ?? SaleText.Problem("product code", sku) ?? SaleText.Problem("product name", productName)) is { } control)
        {
            return Problem(line, control);
        }

        var lineNumber = 0;
        var rawLine = row.Text(SaleField.LineNumber);
        if (!string.IsNullOrEmpty(rawLine)
            && (!int.TryParse(rawLine, NumberStyles.None, CultureInfo.InvariantCulture, out lineNumber) || lineNumber < 1))
        {
            return Problem(line, $"line number '{rawLine}' is not a positive whole number");
        }

        if (document is null)
        {
            // No document number: the row is identified by its date, customer and content; identical rows by occurrence.
            // A line number alone identifies nothing, so it is not used (fuzz/crashes/csv: it left the document null).
            document = ContentIdentity(date, key, sku, quantity, unitPrice, discount, net);
            lineNumber = positions.Next(document);
        }
        else if (string.IsNullOrEmpty(rawLine))
        {
            lineNumber = positions.Next(document);
        }

        return new SaleRow(line, "", document, lineNumber, date, key, customerName ?? key, taxId, sku, productName, quantity, unitPrice, discount, (long)(net * 100m), currency);
    }

    private ImportProblem Problem(int line, string reason) => new(displayName, line, reason);

    /// <summary>
    /// The common yyyy-mm-dd without <see cref="DateOnly.TryParseExact(string, string, IFormatProvider, DateTimeStyles, out DateOnly)"/>'s
    /// format machinery. Accepts only what that accepts, with the same date; anything else is left to <see cref="CsvDialects.TryParseDate"/>.
    /// </summary>
    private static bool TryParseIsoDate(string text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        var year = 0;
        var month = 0;
        var day = 0;
        for (var i = 0; i < 10; i++)
        {
            if (i is 4 or 7)
            {
                continue;
            }

            var d = text[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            if (i < 4)
            {
                year = (year * 10) + d;
            }
            else if (i < 7)
            {
                month = (month * 10) + d;
            }
            else
            {
                day = (day * 10) + d;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

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

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static string ContentIdentity(DateOnly date, string customer, string? sku, decimal quantity, decimal unitPrice, decimal discount, decimal net)
    {
        var content = string.Create(CultureInfo.InvariantCulture, $"{customer}\u001f{sku}\u001f{quantity}\u001f{unitPrice}\u001f{discount}\u001f{net}");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];
        return string.Create(CultureInfo.InvariantCulture, $"~{date:yyyy-MM-dd}~{hash}");
    }

    /// <summary>
    /// Counts lines per document in file order. The current run of a document's lines needs only a counter; a
    /// document left behind is remembered by hash in <see cref="HashCounts"/> (12 bytes, not its string: a
    /// 10M-line file has ~4M documents). Two documents with the same 64-bit hash are told apart by the check
    /// (the second one is then counted by its string), as are counts too large for the table; only a collision of
    /// hash and check (84 bits; ~10^-12 for 4M documents) would number one document's lines after the other's.
    /// </summary>
    private sealed class DocumentPositions
    {
        private readonly HashCounts counts = new();
        private readonly Dictionary<string, int> byString = new(StringComparer.Ordinal);
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
                Store(last, lastCount);
            }

            last = document;
            lastCount = Load(document) + 1;
            return lastCount;
        }

        private void Store(string document, int count)
        {
            if (byString.ContainsKey(document) || !counts.Set(HashCounts.Hash(document), Check(document), count))
            {
                byString[document] = count;
            }
        }

        private int Load(string document)
        {
            if (byString.TryGetValue(document, out var c))
            {
                return c;
            }

            // Not stored, or stored for another document with the same hash: a new document either way.
            counts.TryGet(HashCounts.Hash(document), Check(document), out c, out _);
            return c;
        }

        private static uint Check(string document) => (uint)document.GetHashCode(StringComparison.Ordinal);
    }
}
