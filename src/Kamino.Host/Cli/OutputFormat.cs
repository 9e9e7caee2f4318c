using Kamino.Analysis;
using Kamino.Exports;
using System.CommandLine;
using System.Globalization;

namespace Kamino.Host.Cli;

/// <summary>How a read command prints its result.</summary>
public enum OutputFormat
{
    Table,
    Json,
    Csv,
}

/// <summary>Options and helpers shared by read commands.</summary>
public static class CliFormat
{
    public static Option<OutputFormat> CreateFormatOption() => new Option<OutputFormat>("--format", "-f")
    {
        Description = "Output format: table, json or csv",
        DefaultValueFactory = _ => OutputFormat.Table,
    }.DefinedOnly();

    /// <summary>Parses an ISO <c>yyyy-mm-dd</c> date option; null when absent, an error message when malformed.</summary>
    public static bool TryDate(string? raw, string option, out DateOnly? value, out string? error)
    {
        value = null;
        error = null;
        if (raw is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            value = d;
            return true;
        }

        error = $"{option}: '{raw}' is not a date in the form yyyy-mm-dd";
        return false;
    }

    /// <summary>
    /// One CSV field: <see cref="CsvExport.Field"/> (formula-looking text neutralised by <see cref="SpreadsheetText"/>,
    /// RFC 4180 quoting) after control characters other than line breaks are written as <c>\xNN</c> as on the terminal
    /// (<see cref="CliText.Visible"/>): CSV is often read on one; the exact text is in <c>--format json</c>.
    /// </summary>
    public static string CsvField(string? value) => string.IsNullOrEmpty(value) ? "" : CsvExport.Field(CliText.Visible(value));

    public static string CsvNumber(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>An amount for the table: two decimals in the current culture, then the currency.</summary>
    public static string Money(decimal value, string currency) => value.ToString("N2", CultureInfo.CurrentCulture) + " " + currency;

    /// <summary>A share (0..1) for the table as a percentage with one decimal; "–" when there is none.</summary>
    public static string Percent(decimal? share) => share is null ? "–" : (share.Value * 100m).ToString("0.0", CultureInfo.CurrentCulture) + "%";

    /// <summary>A period for the table: <c>yyyy-mm-dd .. yyyy-mm-dd</c>, or "no sales".</summary>
    public static string Period(PeriodDto period) => period.From is null ? "no sales" : $"{period.From:yyyy-MM-dd} .. {period.To:yyyy-MM-dd}";
}
