using System.Globalization;
using Kamino.Import;

namespace Kamino.Currencies;

/// <summary>
/// The lines of one file that could not be converted (no document rate, no rate in the table for their date), counted
/// per currency so that the file gets one problem with the counts and the command that fixes it, not one per line.
/// </summary>
public sealed class MissingRates
{
    private readonly SortedDictionary<string, (int Lines, DateOnly First)> byCurrency = new(StringComparer.Ordinal);
    private int firstLine;

    public int Lines { get; private set; }

    public void Add(SaleRow row, string currency)
    {
        if (Lines++ == 0)
        {
            firstLine = row.SourceLine;
        }

        byCurrency[currency] = byCurrency.TryGetValue(currency, out var c)
            ? (c.Lines + 1, row.Date < c.First ? row.Date : c.First)
            : (1, row.Date);
    }

    /// <summary>The currencies without a rate, with their line counts: <c>USD (3 lines from 2026-01-02), GBP (1 line from …)</c>.</summary>
    public string Counts() => string.Join(", ", byCurrency.Select(c => string.Create(CultureInfo.InvariantCulture,
        $"{c.Key} ({c.Value.Lines} line{(c.Value.Lines == 1 ? "" : "s")} from {c.Value.First:yyyy-MM-dd})")));

    /// <summary>What fixes lines without a rate in an import into <paramref name="workspace"/>.</summary>
    public static string ImportFix(string workspace, string reportingCurrency) =>
        $"Import the rates with: kamino rates import FILE --workspace {workspace} (a CSV date,currency,rate in units per 1 {reportingCurrency}, or the ECB's reference-rate CSV), or on the exchange rates page of the settings";

    /// <summary>The one problem of the file (at its first such line), or null when every line had a rate.</summary>
    public ImportProblem? Problem(string file, string reportingCurrency, string fix) => Lines == 0 ? null : new ImportProblem(file, firstLine,
        string.Create(CultureInfo.InvariantCulture,
            $"{Lines} line{(Lines == 1 ? "" : "s")} in another currency than {reportingCurrency}, the reporting currency, with no exchange rate in the document nor in the workspace's rate table on or before their date: {Counts()}. {fix}"),
        ImportProblemKind.Currency);
}
