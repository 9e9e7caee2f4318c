using Kamino.Analysis;

namespace Kamino.Tests.Analysis;

public sealed class RevenueSeriesTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Monthly_EveryMonthOfThePeriod_ZerosIncludedAndPartialEndsMarked()
    {
        var period = new DateRange(D(2016, 12, 31), D(2017, 3, 30));
        (DateOnly, decimal)[] amounts =
        [
            (D(2016, 12, 30), 999m), // before the period
            (D(2016, 12, 31), 10m),
            (D(2017, 2, 1), 5m),
            (D(2017, 2, 28), -2m),
            (D(2017, 3, 31), 999m), // after the period
        ];

        var months = RevenueSeries.Monthly(amounts, period);

        Assert.Equal(
            [
                new MonthRevenue(2016, 12, 10m, true),
                new MonthRevenue(2017, 1, 0m, false),
                new MonthRevenue(2017, 2, 3m, false),
                new MonthRevenue(2017, 3, 0m, true),
            ],
            months);
    }

    [Fact]
    public void Monthly_OneDay_OnePartialMonth() =>
        Assert.Equal([new MonthRevenue(2024, 2, 7m, true)], RevenueSeries.Monthly([(D(2024, 2, 29), 7m)], new DateRange(D(2024, 2, 29), D(2024, 2, 29))));
}
