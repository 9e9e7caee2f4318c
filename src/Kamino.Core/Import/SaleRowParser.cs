using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kamino.Import;

/// <summary>The text of a tabular row's fields, by field (CSV record, spreadsheet row).</summary>
internal interface ISaleFields
{
    /// <summary>Fields in the row; a row whose count differs from the header's is malformed.</summary>
    int ColCount { get; }

    /// <summary>The field's text, trimmed; empty when empty or when the file has no column for it.</summary>
    ReadOnlySpan<char> Text(SaleField field);
}

/// <summary>Where <see cref="SaleRowParser.Check"/> hands an accepted row (the sums of <c>kamino analyze</c>).</summary>
internal interface ISaleSum
{
    /// <summary>One accepted line: its customer key and name, date, net cents and currency (empty when none).</summary>
    void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> name, DateOnly date, long cents, ReadOnlySpan<char> currency);
}

/// <summary>
/// Turns one tabular row (CSV or spreadsheet) into a <see cref="SaleRow"/> or an <see cref="ImportProblem"/>:
/// the validation rules of docs/import.md (<see cref="SaleFields"/>), shared by <see cref="CsvSalesReader"/> and
/// <see cref="XlsxSalesReader"/> for <c>import</c>, and by <c>kamino analyze</c>, which sums what <see cref="Check"/>
/// accepts without building rows. Numbers and dates are text in the <paramref name="dialect"/>; rows are numbered
/// within their documents in file order.
/// </summary>
internal sealed class SaleRowParser(string displayName, int columnCount, IReadOnlyDictionary<SaleField, int> map, CsvDialect dialect, bool discountIsFraction)
{
    private readonly DocumentPositions positions = new();
    private readonly StringPool pool = new();
    private readonly char[] currencyCode = new char[3];
    private readonly bool hasNet = map.ContainsKey(SaleField.NetAmount);
    private readonly bool hasUnitPrice = map.ContainsKey(SaleField.UnitPrice);

    /// <summary>A parser with the same rules and no rows seen (for another part of the file).</summary>
    public SaleRowParser Copy() => new(displayName, columnCount, map, dialect, discountIsFraction);

    /// <summary>The file named in problems.</summary>
    public string DisplayName => displayName;

    /// <summary>The column of each mapped field.</summary>
    public IReadOnlyDictionary<SaleField, int> Map => map;

    public CsvDialect Dialect => dialect;

    public object Parse<TRow>(TRow row, int line)
        where TRow : ISaleFields, allows ref struct
    {
        var v = default(Values);
        if (Validate(row, ref v) is { } reason)
        {
            return Problem(line, reason, row.ColCount != columnCount ? ImportProblemKind.Malformed : ImportProblemKind.BadValue);
        }

        var key = pool.Get(v.Key);
        var taxId = v.TaxId.IsEmpty ? null : pool.Get(v.TaxId);
        var customerName = v.CustomerName.IsEmpty ? key : pool.Get(v.CustomerName);
        var sku = v.Sku.IsEmpty ? null : pool.Get(v.Sku);
        var productName = v.ProductName.IsEmpty ? null : pool.Get(v.ProductName);
        var currency = v.HasCurrency ? pool.Get(v.Currency) : null;
        string document;
        int lineNumber;
        if (v.Document.IsEmpty)
        {
            // No document number: the row is identified by its date, customer and content; identical rows by occurrence.
            // A line number alone identifies nothing, so it is not used (fuzz/crashes/csv: it left the document null).
            document = ContentIdentity(v.Date, key, sku, v.Quantity, v.UnitPrice, v.Discount, v.Net);
            lineNumber = positions.Next(document);
        }
        else
        {
            document = v.Document.ToString();
            lineNumber = v.LineNumber == 0 ? positions.Next(document) : v.LineNumber;
        }

        return new SaleRow(line, "", document, lineNumber, v.Date, key, customerName, taxId, sku, productName, v.Quantity, v.UnitPrice, v.Discount, v.Cents, currency);
    }

    /// <summary>
    /// Checks a row as <see cref="Parse"/> does and hands its customer key and name, day, cents and currency to
    /// <paramref name="sum"/>; the problem when the row is refused.
    /// </summary>
    public Said? Check<TRow, TSum>(TRow row, ref TSum sum)
        where TRow : ISaleFields, allows ref struct
        where TSum : ISaleSum, allows ref struct
    {
        var v = default(Values);
        if (Validate(row, ref v) is { } reason)
        {
            return reason;
        }

        sum.Add(v.Key, v.CustomerName.IsEmpty ? v.Key : v.CustomerName, v.Date, v.Cents, v.HasCurrency ? v.Currency : default);
        return null;
    }

    /// <summary>A problem of this file at <paramref name="line"/>.</summary>
    public ImportProblem Problem(int line, Said reason, ImportProblemKind kind) => new(displayName, line, reason, kind);

    private Said? Validate<TRow>(TRow row, ref Values v)
        where TRow : ISaleFields, allows ref struct
    {
        if (row.ColCount != columnCount)
        {
            return Said.Of("import.row-fields", row.ColCount, columnCount);
        }

        var rawDate = row.Text(SaleField.Date);
        if (rawDate.IsEmpty)
        {
            return Said.Of("import.row-date-empty");
        }

        if (!SaleFields.TryDate(rawDate, dialect, out v.Date))
        {
            return Said.Of(dialect == CsvDialect.Es ? "import.row-date-es" : "import.row-date-en", rawDate.ToString());
        }

        if (!SaleDates.Accepts(v.Date))
        {
            return SaleDates.OutsideWindow(v.Date);
        }

        v.TaxId = row.Text(SaleField.CustomerTaxId);
        v.CustomerId = row.Text(SaleField.CustomerId);
        v.CustomerName = row.Text(SaleField.CustomerName);
        v.Key = SaleFields.CustomerKey(v.TaxId, v.CustomerId, v.CustomerName);
        if (v.Key.IsEmpty)
        {
            return Said.Of("import.row-customer-empty");
        }

        if (v.Key.Length > SaleFields.MaxKeyChars || v.CustomerName.Length > SaleFields.MaxNameChars)
        {
            return Said.Of("import.row-customer-too-long");
        }

        var rawDiscount = row.Text(SaleField.DiscountPct);
        if ((SaleFields.Number(row.Text(SaleField.Quantity), "quantity", dialect, 1m, out v.Quantity)
            ?? SaleFields.Number(row.Text(SaleField.UnitPrice), "unit price", dialect, 0m, out v.UnitPrice)
            ?? SaleFields.Number(rawDiscount, "discount", dialect, 0m, out v.Discount)
            ?? SaleFields.Discount(rawDiscount, discountIsFraction, ref v.Discount)) is { } numberProblem)
        {
            return numberProblem;
        }

        decimal net;
        if (hasNet)
        {
            var rawNet = row.Text(SaleField.NetAmount);
            if (rawNet.IsEmpty)
            {
                return Said.Of("import.row-net-empty");
            }

            if (SaleFields.Number(rawNet, "net amount", dialect, 0m, out net) is { } netProblem)
            {
                return netProblem;
            }

            if (!hasUnitPrice)
            {
                v.UnitPrice = v.Quantity == 0m ? net : net / v.Quantity;
            }
        }
        else
        {
            net = SaleFields.Net(v.Quantity, v.UnitPrice, v.Discount);
        }

        v.Net = SaleFields.Round(net);
        v.Cents = (long)(v.Net * 100m);
        v.Document = row.Text(SaleField.DocumentNumber);
        var rawCurrency = row.Text(SaleField.Currency);
        if (!rawCurrency.IsEmpty)
        {
            if (!SaleFields.TryCurrency(rawCurrency, currencyCode))
            {
                return Said.Of("import.row-currency", rawCurrency.ToString().ToUpperInvariant());
            }

            v.HasCurrency = true;
            v.Currency = currencyCode;
        }

        v.Sku = row.Text(SaleField.ProductSku);
        v.ProductName = row.Text(SaleField.ProductName);
        if (v.Document.Length > SaleFields.MaxKeyChars || v.Sku.Length > SaleFields.MaxKeyChars || v.ProductName.Length > SaleFields.MaxNameChars)
        {
            return Said.Of("import.row-texts-too-long");
        }

        if ((SaleText.Problem("customer tax id", v.TaxId) ?? SaleText.Problem("customer id", v.CustomerId) ?? SaleText.Problem("customer name", v.CustomerName)
            ?? SaleText.Problem("document number", v.Document) ?? SaleText.Problem("product code", v.Sku) ?? SaleText.Problem("product name", v.ProductName)) is { } control)
        {
            return control;
        }

        var rawLine = row.Text(SaleField.LineNumber);
        if (!SaleFields.TryLineNumber(rawLine, out v.LineNumber))
        {
            return Said.Of("import.row-line-number", rawLine.ToString());
        }

        return null;
    }

    /// <summary>A row's values while it is checked; the texts point into the reader's buffer.</summary>
    private ref struct Values
    {
        public DateOnly Date;
        public ReadOnlySpan<char> TaxId;
        public ReadOnlySpan<char> CustomerId;
        public ReadOnlySpan<char> CustomerName;
        public ReadOnlySpan<char> Key;
        public ReadOnlySpan<char> Document;
        public ReadOnlySpan<char> Sku;
        public ReadOnlySpan<char> ProductName;
        public decimal Quantity;
        public decimal UnitPrice;
        public decimal Discount;
        public decimal Net;
        public long Cents;
        public int LineNumber;
        public bool HasCurrency;
        public ReadOnlySpan<char> Currency;
    }

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
}
