namespace Kamino.Analysis;

/// <summary>Net revenue of one calendar month; <see cref="Partial"/> when the period covers only part of it.</summary>
public sealed record MonthRevenue(int Year, int Month, decimal Revenue, bool Partial);

/// <summary>A customer's revenue per month (pure).</summary>
public static class RevenueSeries
{
    /// <summary>
    /// Every calendar month that <paramref name="period"/> touches, in order, with the sum of the amounts dated
    /// in the period and that month (0 for a month without sales). Amounts dated outside the period are ignored.
    /// </summary>
    public static IReadOnlyList<MonthRevenue> Monthly(IEnumerable<(DateOnly Date, decimal Amount)> amounts, DateRange period)
    {
        var firstMonth = (period.From.Year * 12) + period.From.Month - 1;
        var lastMonth = (period.To.Year * 12) + period.To.Month - 1;
        var sums = new decimal[lastMonth - firstMonth + 1];
        foreach (var (date, amount) in amounts)
        {
            if (period.Contains(date))
            {
                sums[(date.Year * 12) + date.Month - 1 - firstMonth] += amount;
            }
        }

        var result = new List<MonthRevenue>(sums.Length);
        for (var i = 0; i < sums.Length; i++)
        {
            var year = (firstMonth + i) / 12;
            var month = ((firstMonth + i) % 12) + 1;
            var start = new DateOnly(year, month, 1);
            var partial = period.From > start || period.To < start.AddMonths(1).AddDays(-1);
            result.Add(new MonthRevenue(year, month, sums[i], partial));
        }

        return result;
    }
}
