using Kamino.Currencies;
using Kamino.Import;

namespace Kamino.Analysis;

/// <summary>
/// Reads sales files with the import's readers and rules (<see cref="SalesSources"/>: CSV, Excel, e-invoices)
/// and sums revenue per customer without a database. A CSV is read in parts in parallel by the import's own
/// reader and rules (<see cref="CsvSalesReader.TryReadParts"/>); a file with a problem or a record over several
/// lines is read again line by line, so it is accepted or rejected, with the same messages, exactly as by
/// <c>kamino import</c>.
/// </summary>
public static class SalesFileAnalysis
{
    /// <summary>Problems kept per file (the count covers all).</summary>
    public const int MaxProblemsPerFile = 20;

    /// <summary>
    /// Reads every file in order and sums them; a file with any problem makes the whole read rejected. With
    /// <paramref name="conversion"/>, lines in another currency are converted by its rule (the document's rate, else its
    /// table) and a file with lines that have no rate is rejected with one problem counting them; without it, amounts
    /// are summed as they are and <see cref="SalesAggregate.Currencies"/> tells whether they mix currencies.
    /// </summary>
    public static SalesFileRead Read(IEnumerable<ImportInput> files, CsvReadOptions? csv = null, string? sheet = null,
        CurrencyConversion? conversion = null, CancellationToken ct = default)
    {
        var total = new SalesAggregate();
        var problems = new List<ImportProblem>();
        var problemCount = 0;
        var converted = 0;
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            var source = SalesSources.Open(file.Path, csv, file.DisplayName, sheet);
            if (source is CsvSalesReader reader && reader.TryReadParts(ct) is { } fast)
            {
                if (conversion is null || fast.Currencies.All(c => c == conversion.ReportingCurrency))
                {
                    // The first file's sums are taken as they are: merging into an empty aggregate would rehash them all.
                    if (total.Lines == 0 && total.Currencies.Count == 0)
                    {
                        total = fast;
                    }
                    else
                    {
                        total.AddAll(fast);
                    }

                    continue;
                }

                // Lines in another currency: read again row by row, each converted below.
                source = SalesSources.Open(file.Path, csv, file.DisplayName, sheet);
            }

            var one = new SalesAggregate();
            var kept = 0;
            var missing = new MissingRates();
            foreach (var item in source.Read())
            {
                if (item is SaleRow row)
                {
                    if (conversion is not null && row.Currency is { } currency && currency != conversion.ReportingCurrency)
                    {
                        if (conversion.Convert(row.NetCents, currency, row.Date, row.ExchangeRate) is not { } cents)
                        {
                            missing.Add(row, currency);
                            continue;
                        }

                        converted++;
                        one.Add(row with { NetCents = cents, Currency = conversion.ReportingCurrency });
                        continue;
                    }

                    one.Add(row);
                }
                else if (item is ImportProblem problem)
                {
                    problemCount++;
                    if (kept++ < MaxProblemsPerFile)
                    {
                        problems.Add(problem);
                    }
                }
            }

            if (missing.Problem(file.DisplayName, conversion?.ReportingCurrency ?? "", MissingRatesFix(conversion?.ReportingCurrency ?? "")) is { } noRate)
            {
                problemCount++;
                problems.Add(noRate);
            }

            if (source is CsvSalesReader { DialectAmbiguous: true })
            {
                return new SalesFileRead(total, problems, Math.Max(problemCount, 1), true);
            }

            total.AddAll(one);
        }

        return new SalesFileRead(total, problems, problemCount, false) { ConvertedLines = converted, ReportingCurrency = conversion?.ReportingCurrency };
    }

    /// <summary>What fixes lines without a rate in <c>kamino analyze</c>.</summary>
    public static Said MissingRatesFix(string reportingCurrency) => Said.Of("import.rates-fix-analyze", reportingCurrency);

    /// <summary>The Pareto report of what was read (default thresholds 0.80 / 0.95; no workspace, so no settings), listing the first <paramref name="top"/> customers (all when null).</summary>
    /// <remarks>
    /// The report's currency is <paramref name="reportingCurrency"/> (the one lines were converted to), else the one
    /// currency the lines state ("" when none does). Amounts in several currencies are never summed into one report: the
    /// caller refuses them first (<see cref="SalesFileRead.MixedCurrencies"/>).
    /// </remarks>
    public static ParetoReport Report(SalesAggregate aggregate, ParetoRequest request, int? top = null, string? reportingCurrency = null, int convertedLines = 0)
    {
        if (reportingCurrency is null && aggregate.Currencies.Count > 1)
        {
            throw new InvalidOperationException("amounts in several currencies cannot be summed: " + string.Join(", ", aggregate.Currencies));
        }

        var period = AnalysisPeriod.Resolve(request, aggregate.Earliest, aggregate.Latest);
        var revenues = aggregate.Revenues(period);
        var analysis = Pareto.Analyze(revenues, new ParetoThresholds(request.Threshold));
        return ParetoReport.From(analysis, period, reportingCurrency ?? aggregate.Currencies.FirstOrDefault() ?? "", request.Threshold, top) with { ConvertedLines = convertedLines };
    }

    /// <summary>The report of a read, in its reporting currency with its converted lines.</summary>
    public static ParetoReport Report(SalesFileRead read, ParetoRequest request, int? top = null) =>
        Report(read.Aggregate, request, top, read.ReportingCurrency, read.ConvertedLines);
}
