namespace Kamino.Analysis;

/// <summary>
/// One customer's sales on one day, summed from its sale lines: the grain every analysis reads (any period is a
/// whole number of days). Kept by database triggers on <c>sale_line</c> (<see cref="Data.SaleDayTriggers"/>) in the
/// transaction of whatever writes the lines, so it always equals the lines; a row exists exactly while the day has
/// at least one line (its revenue may be 0 when a credit note cancels an invoice). Never written by code.
/// </summary>
public sealed class SaleDay
{
    public int WorkspaceId { get; set; }

    public long CustomerId { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>Sum of the day's net amounts in minor units (cents); negative when credit notes outweigh invoices.</summary>
    public long NetCents { get; set; }

    /// <summary>How many sale lines the day has (always at least 1).</summary>
    public long LineCount { get; set; }
}
