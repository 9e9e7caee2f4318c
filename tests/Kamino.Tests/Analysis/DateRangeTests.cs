using Kamino.Analysis;

namespace Kamino.Tests.Analysis;

public sealed class DateRangeTests
{
    [Theory]
    [InlineData("2017-12-30", "2016-12-31")] // the example of PRODUCT.md §3
    [InlineData("2024-12-31", "2024-01-01")]
    [InlineData("2024-02-29", "2023-03-01")] // one year before a 29 February is 28 February
    [InlineData("2025-02-28", "2024-02-29")] // a leap day inside the period is kept
    [InlineData("2025-03-01", "2024-03-02")]
    public void TwelveMonthsEndingOn_LatestSale_StartsDayAfterOneYearEarlier(string latest, string expectedFrom)
    {
        var range = DateRange.TwelveMonthsEndingOn(DateOnly.Parse(latest, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(expectedFrom, System.Globalization.CultureInfo.InvariantCulture), range.From);
        Assert.Equal(DateOnly.Parse(latest, System.Globalization.CultureInfo.InvariantCulture), range.To);
    }

    [Fact]
    public void TwelveMonthsEndingOn_ConsecutiveYears_DoNotOverlapOrLeaveGaps()
    {
        var thisYear = DateRange.TwelveMonthsEndingOn(new DateOnly(2017, 12, 30));
        var lastYear = DateRange.TwelveMonthsEndingOn(new DateOnly(2016, 12, 30));

        Assert.Equal(lastYear.To.AddDays(1), thisYear.From);
    }

    [Fact]
    public void Contains_BothEnds_AreInside()
    {
        var range = new DateRange(new DateOnly(2016, 12, 31), new DateOnly(2017, 12, 30));

        Assert.True(range.Contains(new DateOnly(2016, 12, 31)));
        Assert.True(range.Contains(new DateOnly(2017, 12, 30)));
        Assert.False(range.Contains(new DateOnly(2016, 12, 30)));
        Assert.False(range.Contains(new DateOnly(2017, 12, 31)));
    }

    [Fact]
    public void Constructor_StartAfterEnd_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DateRange(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void Constructor_OneDay_IsValid()
    {
        var day = new DateOnly(2024, 2, 29);

        Assert.True(new DateRange(day, day).Contains(day));
    }
}
