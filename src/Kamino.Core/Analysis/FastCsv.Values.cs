using System.Runtime.CompilerServices;
using Kamino.Import;

namespace Kamino.Analysis;

internal static partial class FastCsv
{
    /// <summary>The field checks of a part: dates, numbers, cents, whole numbers (the strict subset it vouches for).</summary>
    private sealed partial class Part
    {
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
    }
}
