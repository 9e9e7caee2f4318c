using Spectre.Console;
using Kamino.Analysis;
using Kamino.Exports;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Cli;

/// <summary>How a read command prints its result.</summary>
public enum OutputFormat
{
    Table,
    Json,
    Csv,

    /// <summary>An Excel workbook, written to <c>--output FILE</c> (list commands of customers, key accounts, tasks, activities and orders).</summary>
    Xlsx,
}

/// <summary>Options and helpers shared by read commands.</summary>
public static class CliFormat
{
    /// <summary>The line that says how many sale lines an analysis converted to its reporting currency (none when none).</summary>
    public static void ConvertedLines(IAnsiConsole console, string currency, int lines)
    {
        if (lines > 0)
        {
            console.MarkupLineInterpolated($"[bold]{Say("Format_ReportingCurrency")}[/] {Say(lines == 1 ? "Format_ConvertedLine" : "Format_ConvertedLines", currency, lines)}");
        }
    }

    /// <summary>The file <c>--format xlsx</c> writes.</summary>
    public static readonly Option<FileInfo?> Output = new Option<FileInfo?>("--output", "-o").Help("Help_Format_Output");

    /// <param name="xlsx">Whether the command offers <c>--format xlsx</c> (then add <see cref="WithXlsx"/>); otherwise xlsx is refused.</param>
    public static Option<OutputFormat> CreateFormatOption(bool xlsx = false)
    {
        var option = new Option<OutputFormat>("--format", "-f")
        {
            DefaultValueFactory = _ => OutputFormat.Table,
        }.Help(xlsx ? "Help_Format_FormatXlsx" : "Help_Format_Format").DefinedOnly();
        if (!xlsx)
        {
            option.Validators.Add(r =>
            {
                // The tokens, not the value: reading the value of a word that is no format throws.
                if (r.Tokens.Any(t => string.Equals(t.Value, nameof(OutputFormat.Xlsx), StringComparison.OrdinalIgnoreCase)))
                {
                    r.AddError(Say("Format_XlsxNotHere"));
                }
            });
        }

        return option;
    }

    /// <summary>
    /// Adds <see cref="Output"/> to a command whose <paramref name="format"/> offers xlsx, and the rule that binds them: a
    /// workbook is binary, so it is written to a file and never to the terminal; <c>--output</c> goes with xlsx only.
    /// </summary>
    public static void WithXlsx(Command command, Option<OutputFormat> format)
    {
        command.Options.Add(Output);
        command.Validators.Add(r =>
        {
            var xlsx = r.GetValue(format) == OutputFormat.Xlsx;
            if (xlsx && r.GetValue(Output) is null)
            {
                r.AddError(Say("Format_XlsxNeedsOutput"));
            }
            else if (!xlsx && r.GetValue(Output) is not null)
            {
                r.AddError(Say("Format_OutputNeedsXlsx"));
            }
        });
    }

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

        error = Say("Format_BadDate", option, raw);
        return false;
    }

    /// <summary>
    /// A malformed date in English, as the HTTP API words it (<c>ParameterError.Message</c>); the command line says
    /// <see cref="TryDate"/>'s message, in the run's language.
    /// </summary>
    public static string NotADate(string option, string raw) => $"{option}: '{raw}' is not a date in the form yyyy-mm-dd";

    /// <summary>
    /// One CSV field: <see cref="CsvExport.Field"/> (formula-looking text neutralised by <see cref="SpreadsheetText"/>,
    /// RFC 4180 quoting) after control characters other than line breaks are written as <c>\xNN</c> as on the terminal
    /// (<see cref="CliText.Visible"/>): CSV is often read on one; the exact text is in <c>--format json</c>.
    /// </summary>
    public static string CsvField(string? value) => string.IsNullOrEmpty(value) ? "" : CsvExport.Field(CliText.Visible(value));

    /// <summary>
    /// A decimal option's value with a decimal point, whatever the run's language: System.CommandLine reads numbers in
    /// the current culture, where Spanish reads 1.5 as 15. A value that is no such number is refused in the run's language.
    /// </summary>
    public static decimal InvariantDecimal(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (decimal.TryParse(token, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError(Say("Format_NotANumber", (result.Parent as OptionResult)?.Option.Name, token));
        return default;
    }

    public static string CsvNumber(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>An amount for the table: two decimals in the current culture, then the currency.</summary>
    public static string Money(decimal value, string currency) => value.ToString("N2", CultureInfo.CurrentCulture) + " " + currency;

    /// <summary>A share (0..1) for the table as a percentage with one decimal; "–" when there is none.</summary>
    public static string Percent(decimal? share) => share is null ? "–" : (share.Value * 100m).ToString("0.0", CultureInfo.CurrentCulture) + "%";

    /// <summary>A period for the table: <c>yyyy-mm-dd .. yyyy-mm-dd</c>, or "no sales".</summary>
    public static string Period(PeriodDto period) => period.From is null ? Say("Format_NoSales") : string.Create(CultureInfo.InvariantCulture, $"{period.From:yyyy-MM-dd} .. {period.To:yyyy-MM-dd}");
}
