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
    public IEnumerable<Said> Counts() => byCurrency.Select(c => c.Value.Lines == 1
        ? Said.Of("import.rates-currency-one", c.Key, c.Value.First)
        : Said.Of("import.rates-currency", c.Key, c.Value.Lines, c.Value.First));

    /// <summary>What fixes lines without a rate in an import into <paramref name="workspace"/>.</summary>
    public static Said ImportFix(string workspace, string reportingCurrency) => Said.Of("import.rates-fix", workspace, reportingCurrency);

    /// <summary>The one problem of the file (at its first such line), or null when every line had a rate.</summary>
    public ImportProblem? Problem(string file, string reportingCurrency, Said fix)
    {
        if (Lines == 0)
        {
            return null;
        }

        var counts = ImportSentences.Pair(Counts(), ", ");
        var missing = Lines == 1
            ? Said.Of("import.rates-missing-one", [reportingCurrency, .. counts])
            : Said.Of("import.rates-missing", [Lines, reportingCurrency, .. counts]);
        return new ImportProblem(file, firstLine, Said.Together([missing, fix]), ImportProblemKind.Currency);
    }
}
