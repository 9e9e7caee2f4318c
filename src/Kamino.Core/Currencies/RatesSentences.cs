namespace Kamino.Currencies;

/// <summary>Why a rates file is refused (<see cref="RatesFile.Reasons"/>), in English and Spanish.</summary>
internal static class RatesSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["rates.line"] = new("line {0}:", "línea {0}:", "t"),
        ["rates.header"] = new("the header is neither 'date,currency,rate' nor the ECB's 'Date,USD,JPY,…'",
            "la cabecera no es ni «date,currency,rate» ni la del BCE «Date,USD,JPY,…»", ""),
        ["rates.expected-columns"] = new("expected date,currency,rate", "se esperaba date,currency,rate", ""),
        ["rates.not-a-date-iso"] = new("'{0}' is not a date (yyyy-mm-dd)", "«{0}» no es una fecha (aaaa-mm-dd)", "t"),
        ["rates.not-a-date"] = new("'{0}' is not a date", "«{0}» no es una fecha", "t"),
        ["rates.not-a-code"] = new("'{0}' is not a 3-letter ISO 4217 currency code", "«{0}» no es un código de moneda ISO 4217 de 3 letras", "t"),
        ["rates.column-not-a-code"] = new("column '{0}' is not a 3-letter ISO 4217 currency code", "la columna «{0}» no es un código de moneda ISO 4217 de 3 letras", "t"),
        ["rates.reporting-currency"] = new("{0} is the reporting currency: it needs no rate", "{0} es la moneda de los informes: no necesita tipo de cambio", "t"),
        ["rates.not-a-rate-of"] = new("'{0}' is not a positive rate (units of {1} per 1 {2}, decimal point)",
            "«{0}» no es un tipo de cambio positivo (unidades de {1} por 1 {2}, con punto decimal)", "ttt"),
        ["rates.not-a-rate"] = new("{0}: '{1}' is not a positive rate", "{0}: «{1}» no es un tipo de cambio positivo", "tt"),
        ["rates.ecb-no-column"] = new("the ECB file gives rates per euro and has no {0} column to convert them to {0}, the reporting currency",
            "el archivo del BCE da los tipos por euro y no tiene columna {0} para pasarlos a {0}, la moneda de los informes", "t"),
        ["rates.two-rates"] = new("{0} has two rates for {1}", "{0} tiene dos tipos de cambio para el {1}", "td"),
    };
}
