using System.Globalization;
using System.Xml.Linq;

namespace Kamino.Currencies;

/// <summary>
/// The exchange rate an e-invoice states, read for its lines (the readers call these once per document). A rate that is
/// absent, not a positive number or between other currencies gives null: the line then takes the rate table's.
/// </summary>
public static class DocumentRates
{
    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";

    /// <summary>
    /// UBL: the document's <c>cac:TaxExchangeRate</c>, else its <c>cac:PricingExchangeRate</c>. Source × CalculationRate =
    /// target; with <c>MathematicOperatorCode</c> <c>Divide</c>, source ÷ rate.
    /// </summary>
    public static DocumentRate? Ubl(XElement root)
    {
        foreach (var name in new[] { "TaxExchangeRate", "PricingExchangeRate" })
        {
            var e = root.Element(Cac + name);
            if (e is null)
            {
                continue;
            }

            var from = Code(e.Element(Cbc + "SourceCurrencyCode"));
            var to = Code(e.Element(Cbc + "TargetCurrencyCode"));
            if (from is null || to is null || Positive(e.Element(Cbc + "CalculationRate")) is not { } rate)
            {
                continue;
            }

            var divide = string.Equals(e.Element(Cbc + "MathematicOperatorCode")?.Value.Trim(), "Divide", StringComparison.OrdinalIgnoreCase);
            return new DocumentRate(from, to, divide ? 1m / rate : rate);
        }

        return null;
    }

    /// <summary>CII: <c>ram:TaxApplicableTradeCurrencyExchange</c> of the header settlement; source × ConversionRate = target.</summary>
    public static DocumentRate? Cii(XElement? settlement)
    {
        var e = settlement?.Element(Ram + "TaxApplicableTradeCurrencyExchange");
        if (e is null)
        {
            return null;
        }

        var from = Code(e.Element(Ram + "SourceCurrencyCode"));
        var to = Code(e.Element(Ram + "TargetCurrencyCode"));
        return from is not null && to is not null && Positive(e.Element(Ram + "ConversionRate")) is { } rate ? new DocumentRate(from, to, rate) : null;
    }

    /// <summary>
    /// Facturae: <c>ExchangeRateDetails/ExchangeRate</c> of the invoice's issue data, the Banco de España's rate (units of
    /// the invoice currency per one euro, as the ECB's).
    /// </summary>
    public static DocumentRate? Facturae(XElement? issue, string? invoiceCurrency)
    {
        var rate = Positive(issue?.Element("ExchangeRateDetails")?.Element("ExchangeRate"));
        return rate is { } r && invoiceCurrency is not null && invoiceCurrency != "EUR" ? new DocumentRate("EUR", invoiceCurrency, r) : null;
    }

    private static string? Code(XElement? e) =>
        e?.Value.Trim() is { Length: 3 } c && c.All(char.IsAsciiLetterUpper) ? c : null;

    private static decimal? Positive(XElement? e) =>
        e is not null && decimal.TryParse(e.Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : null;
}
