namespace Kamino.Analysis;

/// <summary>How every report rounds: money to cents, shares (fractions 0..1) to 6 decimals, half away from zero.</summary>
internal static class ReportNumbers
{
    /// <summary>Money rounded to cents; adding 0.00m gives every amount exactly two decimals (150 becomes 150.00) in JSON and CSV.</summary>
    public static decimal Money(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero) + 0.00m;

    public static decimal? Share(decimal? v) => v is null ? null : Math.Round(v.Value, 6, MidpointRounding.AwayFromZero);
}
