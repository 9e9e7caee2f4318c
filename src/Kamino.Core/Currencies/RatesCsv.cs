using System.Globalization;
using Kamino.Import;

namespace Kamino.Currencies;

/// <summary>What a rates file gave: its rates in the workspace's reporting currency, or the problems that refused it.</summary>
/// <param name="Format"><c>table</c> (<c>date,currency,rate</c>) or <c>ecb</c> (the ECB's reference-rate CSV).</param>
/// <param name="Reasons">Why the file is refused, each worded in the reader's language (<see cref="Problems"/>: the recorded English).</param>
public sealed record RatesFile(string Format, IReadOnlyList<(string Currency, DateOnly Date, decimal Rate)> Rates, IReadOnlyList<Said> Reasons, int Skipped)
{
    public IReadOnlyList<string> Problems => [.. Reasons.Select(r => r.ToString())];
}

/// <summary>
/// Reads a rates CSV (pure). Two shapes: <c>date,currency,rate</c> (one rate a line, units of the currency per one unit
/// of the reporting currency) and the reference-rate CSV the ECB publishes (<c>Date,USD,JPY,…</c>, one day a line,
/// units per one euro, <c>N/A</c> where there is no rate; the daily file's <c>04 December 2026</c> dates too). ECB
/// rates for a workspace that does not report in euros are crossed through its currency's column of the same day.
/// </summary>
public static class RatesCsv
{
    /// <summary>The largest rates file read (the ECB's whole history since 1999 is about 1.5 MB).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Problems kept (the file is refused on the first one anyway, but all of the first few are shown).</summary>
    public const int MaxProblems = 20;

    private const int RateDecimals = 10;

    public static RatesFile Read(string text, string reportingCurrency)
    {
        var lines = text.Split('\n');
        var header = Cells(lines[0].TrimStart('\uFEFF'));
        if (header.Length >= 3 && header[0].Equals("date", StringComparison.OrdinalIgnoreCase)
            && header[1].Equals("currency", StringComparison.OrdinalIgnoreCase) && header[2].Equals("rate", StringComparison.OrdinalIgnoreCase))
        {
            return ReadTable(lines, reportingCurrency);
        }

        if (header.Length >= 2 && header[0].Equals("date", StringComparison.OrdinalIgnoreCase))
        {
            return ReadEcb(lines, header, reportingCurrency);
        }

        return new RatesFile("unknown", [], [AtLine(1, Said.Of("rates.header"))], 0);
    }

    private static RatesFile ReadTable(string[] lines, string reporting)
    {
        var rates = new List<(string, DateOnly, decimal)>();
        var problems = new List<Said>();
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = Cells(lines[i]);
            if (cells.Length == 1 && cells[0].Length == 0)
            {
                continue;
            }

            var n = i + 1;
            if (cells.Length < 3)
            {
                Add(problems, n, Said.Of("rates.expected-columns"));
                continue;
            }

            var currency = cells[1].ToUpperInvariant();
            if (Date(cells[0]) is not { } date)
            {
                Add(problems, n, Said.Of("rates.not-a-date-iso", cells[0]));
            }
            else if (!IsCode(currency))
            {
                Add(problems, n, Said.Of("rates.not-a-code", cells[1]));
            }
            else if (currency == reporting)
            {
                Add(problems, n, Said.Of("rates.reporting-currency", currency));
            }
            else if (Rate(cells[2]) is not { } rate)
            {
                Add(problems, n, Said.Of("rates.not-a-rate-of", cells[2], currency, reporting));
            }
            else
            {
                rates.Add((currency, date, rate));
            }
        }

        return Done("table", rates, problems, 0);
    }

    private static RatesFile ReadEcb(string[] lines, string[] header, string reporting)
    {
        var codes = header.Select(h => h.ToUpperInvariant()).ToArray();
        var problems = new List<Said>();
        for (var c = 1; c < codes.Length; c++)
        {
            if (codes[c].Length > 0 && !IsCode(codes[c]))
            {
                Add(problems, 1, Said.Of("rates.column-not-a-code", header[c]));
            }
        }

        var own = Array.IndexOf(codes, reporting);
        if (reporting != "EUR" && own < 1)
        {
            Add(problems, 1, Said.Of("rates.ecb-no-column", reporting));
            return Done("ecb", [], problems, 0);
        }

        var rates = new List<(string, DateOnly, decimal)>();
        var skipped = 0;
        for (var i = 1; i < lines.Length && problems.Count < MaxProblems; i++)
        {
            var cells = Cells(lines[i]);
            if (cells.Length == 1 && cells[0].Length == 0)
            {
                continue;
            }

            var n = i + 1;
            if (Date(cells[0]) is not { } date)
            {
                Add(problems, n, Said.Of("rates.not-a-date", cells[0]));
                continue;
            }

            // Units of the reporting currency per euro on this day (1 for a euro workspace).
            var perEuro = 1m;
            if (reporting != "EUR")
            {
                if (own >= cells.Length || Rate(cells[own]) is not { } r)
                {
                    skipped += codes.Length - 1;
                    continue;
                }

                perEuro = r;
                rates.Add(("EUR", date, Math.Round(1m / perEuro, RateDecimals, MidpointRounding.AwayFromZero)));
            }

            for (var c = 1; c < codes.Length && c < cells.Length; c++)
            {
                if (codes[c].Length == 0 || c == own || codes[c] == "EUR")
                {
                    continue;
                }

                var cell = cells[c];
                if (cell.Length == 0 || cell.Equals("N/A", StringComparison.OrdinalIgnoreCase))
                {
                    skipped++;
                    continue;
                }

                if (Rate(cell) is not { } rate)
                {
                    Add(problems, n, Said.Of("rates.not-a-rate", codes[c], cell));
                    continue;
                }

                rates.Add((codes[c], date, Math.Round(rate / perEuro, RateDecimals, MidpointRounding.AwayFromZero)));
            }
        }

        return Done("ecb", rates, problems, skipped);
    }

    private static RatesFile Done(string format, List<(string, DateOnly, decimal)> rates, List<Said> problems, int skipped)
    {
        var seen = new HashSet<(string, DateOnly)>();
        foreach (var (currency, date, _) in rates)
        {
            if (!seen.Add((currency, date)))
            {
                Add(problems, 0, Said.Of("rates.two-rates", currency, date));
                break;
            }
        }

        return problems.Count > 0 ? new RatesFile(format, [], problems, skipped) : new RatesFile(format, rates, [], skipped);
    }

    private static void Add(List<Said> problems, int line, Said message)
    {
        if (problems.Count < MaxProblems)
        {
            problems.Add(line > 0 ? AtLine(line, message) : message);
        }
    }

    private static Said AtLine(int line, Said message) => Said.Together([Said.Of("rates.line", line.ToString(CultureInfo.InvariantCulture)), message]);

    private static string[] Cells(string line)
    {
        var cells = line.TrimEnd('\r').Split(line.Contains(';', StringComparison.Ordinal) && !line.Contains(',', StringComparison.Ordinal) ? ';' : ',');
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = cells[i].Trim().Trim('"').Trim();
        }

        // The ECB's history file ends every line with a comma.
        return cells.Length > 1 && cells[^1].Length == 0 ? cells[..^1] : cells;
    }

    private static bool IsCode(string code) => code.Length == 3 && code.All(char.IsAsciiLetterUpper);

    private static DateOnly? Date(string text) =>
        (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || DateOnly.TryParseExact(text, ["d MMMM yyyy", "dd MMMM yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out d))
        && SaleDates.Accepts(d) ? d : null;

    private static decimal? Rate(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) && r > 0 && r < 1_000_000_000m ? r : null;
}
