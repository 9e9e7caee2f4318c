namespace Kamino.Currencies;

/// <summary>
/// One rate of a workspace's rate table (<c>kamino rates import</c>): on <see cref="Date"/>, one unit of the workspace's
/// reporting currency is worth <see cref="Rate"/> units of <see cref="Currency"/> (the ECB convention: USD 1.0823 on a
/// EUR workspace means 1 EUR = 1.0823 USD). A line in <see cref="Currency"/> takes the rate of its date, or the latest
/// before it.
/// </summary>
public sealed class ExchangeRate
{
    public int WorkspaceId { get; set; }

    /// <summary>ISO 4217 code of the foreign currency.</summary>
    public required string Currency { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>Units of <see cref="Currency"/> per one unit of the reporting currency; always positive.</summary>
    public decimal Rate { get; set; }
}

/// <summary>
/// The exchange rate a document states (UBL <c>TaxExchangeRate</c>/<c>PricingExchangeRate</c>, CII
/// <c>TaxApplicableTradeCurrencyExchange</c>, Facturae <c>ExchangeRateDetails</c>): one unit of <see cref="From"/>
/// is worth <see cref="Rate"/> units of <see cref="To"/>. It converts a line only when one of the two is the line's
/// currency and the other the workspace's reporting currency.
/// </summary>
public sealed record DocumentRate(string From, string To, decimal Rate);
