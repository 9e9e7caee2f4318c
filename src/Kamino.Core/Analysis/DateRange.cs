namespace Kamino.Analysis;

/// <summary>A period of sale dates, inclusive at both ends. <see cref="From"/> is never after <see cref="To"/>.</summary>
public readonly record struct DateRange
{
    public DateRange(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            throw new ArgumentException($"Period start {from:yyyy-MM-dd} is after its end {to:yyyy-MM-dd}.", nameof(from));
        }

        From = from;
        To = to;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public bool Contains(DateOnly date) => date >= From && date <= To;

    /// <summary>
    /// The default analysis period: the 12 months ending on <paramref name="latestSale"/>, starting the day
    /// after that date one year earlier (2017-12-30 gives 2016-12-31..2017-12-30).
    /// </summary>
    public static DateRange TwelveMonthsEndingOn(DateOnly latestSale) =>
        new(latestSale.AddYears(-1).AddDays(1), latestSale);
}
