using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Kamino.Import;
using Microsoft.Win32.SafeHandles;

namespace Kamino.Analysis;

internal static partial class FastCsv
{
    /// <summary>Sums the lines of one part of the file; null at the first line it cannot vouch for.</summary>
    private sealed partial class Part(Layout layout)
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
