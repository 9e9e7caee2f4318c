using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
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
internal static class FastCsv
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

    /// <summary>Sums the lines of one part of the file; null at the first line it cannot vouch for.</summary>
    private sealed class Part(Layout layout)
    {
        private readonly SalesAggregate aggregate = new();
        private readonly int[] starts = new int[layout.Columns];
        private readonly int[] ends = new int[layout.Columns];
        private readonly bool[] quoted = new bool[layout.Columns];
        private readonly byte delimiter = (byte)layout.Delimiter;
        private readonly byte decimalSeparator = layout.Dialect == CsvDialect.Es ? (byte)',' : (byte)'.';
        private readonly int date = layout.Column(SaleField.Date);
        private readonly int taxId = layout.Column(SaleField.CustomerTaxId);
        private readonly int customerId = layout.Column(SaleField.CustomerId);
        private readonly int customerName = layout.Column(SaleField.CustomerName);
        private readonly int quantity = layout.Column(SaleField.Quantity);
        private readonly int unitPrice = layout.Column(SaleField.UnitPrice);
        private readonly int discount = layout.Column(SaleField.DiscountPct);
        private readonly int netAmount = layout.Column(SaleField.NetAmount);
        private readonly int currency = layout.Column(SaleField.Currency);
        private readonly int document = layout.Column(SaleField.DocumentNumber);
        private readonly int lineNumber = layout.Column(SaleField.LineNumber);
        private readonly int sku = layout.Column(SaleField.ProductSku);
        private readonly int productName = layout.Column(SaleField.ProductName);
        private readonly char[] chars = new char[1024];
        private byte[] lastCurrency = [];

        // Fully optimized from the first call: the whole read is shorter than tiered compilation's warm-up.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public SalesAggregate? Read(SafeFileHandle handle, long from, long to)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                var filled = 0;
                var at = from;
                while (at < to || filled > 0)
                {
                    var want = (int)Math.Min(buffer.Length - filled, to - at);
                    var n = want > 0 ? RandomAccess.Read(handle, buffer.AsSpan(filled, want), at) : 0;
                    at += n;
                    filled += n;
                    var data = buffer.AsSpan(0, filled);
                    var done = 0;
                    while (true)
                    {
                        var nl = data[done..].IndexOf((byte)'\n');
                        if (nl < 0)
                        {
                            break;
                        }

                        if (!Line(data.Slice(done, nl)))
                        {
                            return null;
                        }

                        done += nl + 1;
                    }

                    if (at >= to && done == 0 && filled > 0)
                    {
                        // The last line of the file, without a line end.
                        if (!Line(data))
                        {
                            return null;
                        }

                        done = filled;
                    }

                    if (done == 0 && filled == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                        continue;
                    }

                    buffer.AsSpan(done, filled - done).CopyTo(buffer);
                    filled -= done;
                    if (n == 0 && done == 0)
                    {
                        break;
                    }
                }

                return aggregate;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        // Fully optimized from the first call: the whole read is shorter than tiered compilation's warm-up.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Line(ReadOnlySpan<byte> line)
        {
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            // Line ends are never inside a UTF-8 sequence, so each line is checked on its own, before any decoding.
            if (layout.CheckUtf8 && !Utf8.IsValid(line))
            {
                return false;
            }

            if (!Split(line))
            {
                return false;
            }

            if (!TryDate(Field(line, date), out var day))
            {
                return false;
            }

            long cents;
            if (netAmount >= 0)
            {
                // Quantity and unit price are only checked: the net amount is the line's revenue.
                if (!Valid(line, quantity) || !Valid(line, unitPrice) || !ValidDiscount(line) || !TryCents(Field(line, netAmount), out cents))
                {
                    return false;
                }
            }
            else
            {
                if (!Number(line, quantity, out var q) || !Number(line, unitPrice, out var p) || !Number(line, discount, out var d))
                {
                    return false;
                }

                var discountValue = d ?? 0m;
                if (layout.DiscountIsFraction ? discountValue is < -1m or > 1m : discountValue is < -100m or > 100m)
                {
                    return false;
                }

                var percent = layout.DiscountIsFraction ? discountValue * 100m : discountValue;
                var net = Math.Round((q ?? 1m) * (p ?? 0m) * (1m - (percent / 100m)), 2, MidpointRounding.AwayFromZero);
                cents = (long)(net * 100m);
            }

            if (!Short(line, document, 100) || !Short(line, sku, 100) || !Short(line, productName, 300) || !PositiveWhole(line, lineNumber) || !Currency(line))
            {
                return false;
            }

            var customer = Customer(line);
            if (customer < 0)
            {
                return false;
            }

            aggregate.Add(customer, day.DayNumber, cents);
            return true;
        }

        /// <summary>Field bounds of a line with RFC 4180 quotes; false when the count differs from the header's or a quote is odd.</summary>
        // Fully optimized from the first call: the whole read is shorter than tiered compilation's warm-up.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Split(ReadOnlySpan<byte> line)
        {
            var column = 0;
            var i = 0;
            while (true)
            {
                if (column == starts.Length)
                {
                    return false;
                }

                if (i < line.Length && line[i] == (byte)'"')
                {
                    var j = i + 1;
                    while (true)
                    {
                        var q = line[j..].IndexOf((byte)'"');
                        if (q < 0)
                        {
                            return false; // open at the line end: a record over several lines
                        }

                        j += q + 1;
                        if (j < line.Length && line[j] == (byte)'"')
                        {
                            j++;
                            continue;
                        }

                        break;
                    }

                    starts[column] = i + 1;
                    ends[column] = j - 1;
                    quoted[column] = true;
                    i = j;
                    if (i < line.Length && line[i] != delimiter)
                    {
                        return false;
                    }
                }
                else
                {
                    var rest = line[i..];
                    var k = rest.IndexOfAny(delimiter, (byte)'"');
                    if (k >= 0 && rest[k] == (byte)'"')
                    {
                        return false;
                    }

                    var end = k < 0 ? line.Length : i + k;
                    starts[column] = i;
                    ends[column] = end;
                    quoted[column] = false;
                    i = end;
                }

                column++;
                if (i >= line.Length)
                {
                    return column == starts.Length;
                }

                i++; // the delimiter
                if (i == line.Length)
                {
                    if (column == starts.Length)
                    {
                        return false;
                    }

                    starts[column] = ends[column] = i;
                    quoted[column] = false;
                    return column + 1 == starts.Length;
                }
            }
        }

        private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int column) =>
            column < 0 ? default : line[starts[column]..ends[column]].Trim(" \t"u8);

        private static bool IsAsciiText(ReadOnlySpan<byte> field) => !field.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);

        // Fully optimized from the first call: the whole read is shorter than tiered compilation's warm-up.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool TryDate(ReadOnlySpan<byte> f, out DateOnly value)
        {
            value = default;
            int year, first, second;
            if (f.Length == 10 && f[4] == (byte)'-' && f[7] == (byte)'-')
            {
                if (!Digits(f[..4], out year) || !Digits(f[5..7], out first) || !Digits(f[8..], out second))
                {
                    return false;
                }

                return TryMake(year, first, second, out value);
            }

            var s1 = f.IndexOf((byte)'/');
            var s2 = s1 < 0 ? -1 : f[(s1 + 1)..].IndexOf((byte)'/') + s1 + 1;
            if (s1 is < 1 or > 2 || s2 - s1 - 1 is < 1 or > 2 || f.Length - s2 - 1 != 4
                || !Digits(f[..s1], out first) || !Digits(f[(s1 + 1)..s2], out second) || !Digits(f[(s2 + 1)..], out year))
            {
                return false;
            }

            return layout.Dialect == CsvDialect.Es ? TryMake(year, second, first, out value) : TryMake(year, first, second, out value);
        }

        private static bool TryMake(int year, int month, int day, out DateOnly value)
        {
            value = default;
            if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }

            value = new DateOnly(year, month, day);
            return true;
        }

        private static bool Digits(ReadOnlySpan<byte> f, out int value)
        {
            value = 0;
            foreach (var b in f)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }

                value = (value * 10) + (b - '0');
            }

            return f.Length > 0;
        }

        private bool Valid(ReadOnlySpan<byte> line, int column)
        {
            var f = Field(line, column);
            return f.IsEmpty || Scan(f, out _, out _, out _);
        }

        /// <summary>The discount's range check of <see cref="SaleRowParser"/> (−1..1 as fractions, else −100..100) without building a decimal.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool ValidDiscount(ReadOnlySpan<byte> line)
        {
            var f = Field(line, discount);
            if (f.IsEmpty)
            {
                return true;
            }

            if (!Scan(f, out _, out var mantissa, out var scale))
            {
                return false;
            }

            if (scale > 15)
            {
                return Number(line, discount, out var d) && (layout.DiscountIsFraction ? d is >= -1m and <= 1m : d is >= -100m and <= 100m);
            }

            return mantissa <= (layout.DiscountIsFraction ? 1 : 100) * Pow10(scale);
        }

        /// <summary>An optional number (null when empty) in the strict shape <c>-?digits[sep digits]</c>, |value| &lt; 10^12.</summary>
        private bool Number(ReadOnlySpan<byte> line, int column, out decimal? value)
        {
            value = null;
            var f = Field(line, column);
            if (f.IsEmpty)
            {
                return true;
            }

            if (!Scan(f, out var negative, out var mantissa, out var scale))
            {
                return false;
            }

            value = new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, negative, (byte)scale);
            return true;
        }

        // Fully optimized from the first call: the whole read is shorter than tiered compilation's warm-up.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Scan(ReadOnlySpan<byte> f, out bool negative, out long mantissa, out int scale)
        {
            negative = false;
            mantissa = 0;
            scale = 0;
            var i = 0;
            if (f.Length > 0 && f[0] == (byte)'-')
            {
                negative = true;
                i = 1;
            }

            var intDigits = 0;
            var significant = 0;
            var fraction = false;
            var any = false;
            for (; i < f.Length; i++)
            {
                var b = f[i];
                if (b >= (byte)'0' && b <= (byte)'9')
                {
                    any = true;
                    if (mantissa != 0 || b != (byte)'0')
                    {
                        significant++;
                    }

                    if (significant > 18)
                    {
                        return false;
                    }

                    mantissa = (mantissa * 10) + (b - '0');
                    if (fraction)
                    {
                        scale++;
                    }
                    else if (mantissa != 0)
                    {
                        intDigits++;
                    }
                }
                else if (b == decimalSeparator && !fraction && any)
                {
                    fraction = true;
                }
                else
                {
                    return false;
                }
            }

            // "5." is a number to decimal.TryParse, but not in the strict shape.
            return any && !(fraction && scale == 0) && intDigits <= MaxAbsAmountDigits;
        }

        // Fully optimized from the first call: the whole read is shorter than tiered compilation's warm-up.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool TryCents(ReadOnlySpan<byte> f, out long cents)
        {
            cents = 0;
            if (!Scan(f, out var negative, out var mantissa, out var scale))
            {
                return false;
            }

            // Round half away from zero to cents, as SaleRowParser does.
            if (scale <= 2)
            {
                cents = mantissa * Pow10(2 - scale);
            }
            else
            {
                var divisor = Pow10(scale - 2);
                cents = mantissa / divisor;
                if (mantissa % divisor * 2 >= divisor)
                {
                    cents++;
                }
            }

            cents = negative ? -cents : cents;
            return true;
        }

        private static long Pow10(int n)
        {
            var v = 1L;
            for (var i = 0; i < n; i++)
            {
                v *= 10;
            }

            return v;
        }

        private bool Short(ReadOnlySpan<byte> line, int column, int maxChars) =>
            column < 0 || Field(line, column).Length <= maxChars;

        private bool PositiveWhole(ReadOnlySpan<byte> line, int column)
        {
            var f = Field(line, column);
            return f.IsEmpty || (f.Length <= 9 && Digits(f, out var v) && v >= 1);
        }

        // Fully optimized from the first call: the whole read is shorter than tiered compilation's warm-up.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Currency(ReadOnlySpan<byte> line)
        {
            var f = Field(line, currency);
            if (f.IsEmpty)
            {
                return true;
            }

            if (f.Length != 3 || !char.IsAsciiLetter((char)f[0]) || !char.IsAsciiLetter((char)f[1]) || !char.IsAsciiLetter((char)f[2]))
            {
                return false;
            }

            if (!f.SequenceEqual(lastCurrency))
            {
                lastCurrency = f.ToArray();
                aggregate.AddCurrency(Encoding.ASCII.GetString(f).ToUpperInvariant());
            }

            return true;
        }

        /// <summary>The customer's index, added on first sight; -1 when the line has no customer or a too long one.</summary>
        // Fully optimized from the first call: the whole read is shorter than tiered compilation's warm-up.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Customer(ReadOnlySpan<byte> line)
        {
            foreach (var column in (ReadOnlySpan<int>)[taxId, customerId, customerName])
            {
                if (column < 0)
                {
                    continue;
                }

                if (!TryText(line, column, out var key))
                {
                    return -1;
                }

                if (key.IsEmpty)
                {
                    continue;
                }

                if (key.Length > 100)
                {
                    return -1;
                }

                var index = aggregate.CustomerIndex(key);
                var nameLength = customerName < 0 ? 0 : ends[customerName] - starts[customerName];
                if (nameLength > 300 && (!TryText(line, customerName, out var longName) || longName.Length > 300))
                {
                    return -1;
                }

                if (index >= 0)
                {
                    return index;
                }

                var keyText = key.ToString();
                var name = customerName >= 0 && TryText(line, customerName, out var n) && !n.IsEmpty ? n.ToString() : keyText;
                return name.Length > 300 ? -1 : aggregate.AddCustomer(keyText, name);
            }

            return -1;
        }

        /// <summary>A text field decoded, unescaped and trimmed as <see cref="CsvSalesReader"/> does; false when it does not fit the buffer.</summary>
        // Fully optimized from the first call: the whole read is shorter than tiered compilation's warm-up.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool TryText(ReadOnlySpan<byte> line, int column, out ReadOnlySpan<char> text)
        {
            text = default;
            var raw = line[starts[column]..ends[column]];
            if (raw.Length > chars.Length)
            {
                return false;
            }

            int n;
            if (IsAsciiText(raw))
            {
                n = Encoding.ASCII.GetChars(raw, chars);
            }
            else
            {
                if (layout.Encoding.GetMaxCharCount(raw.Length) > chars.Length && layout.Encoding.GetCharCount(raw) > chars.Length)
                {
                    return false;
                }

                n = layout.Encoding.GetChars(raw, chars);
            }

            Span<char> span = chars.AsSpan(0, n);
            if (quoted[column] && span.Contains('"'))
            {
                var w = 0;
                for (var r = 0; r < span.Length; r++)
                {
                    span[w++] = span[r];
                    if (span[r] == '"')
                    {
                        r++; // a doubled quote inside a quoted field stands for one
                    }
                }

                span = span[..w];
            }

            text = span.Trim();
            return true;
        }
    }
}
