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

    /// <summary>Reads every file in order and sums them; a file with any problem makes the whole read rejected.</summary>
    public static SalesFileRead Read(IEnumerable<ImportInput> files, CsvReadOptions? csv = null, string? sheet = null, CancellationToken ct = default)
    {
        var total = new SalesAggregate();
        var problems = new List<ImportProblem>();
        var problemCount = 0;
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            var source = SalesSources.Open(file.Path, csv, file.DisplayName, sheet);
            if (source is CsvSalesReader reader && reader.TryReadParts(ct) is { } fast)
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

            var one = new SalesAggregate();
            var kept = 0;
            foreach (var item in source.Read())
            {
                if (item is SaleRow row)
                {
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

            if (source is CsvSalesReader { DialectAmbiguous: true })
            {
                return new SalesFileRead(total, problems, Math.Max(problemCount, 1), true);
            }

            total.AddAll(one);
        }

        return new SalesFileRead(total, problems, problemCount, false);
    }

    /// <summary>The Pareto report of what was read (default thresholds 0.80 / 0.95; no workspace, so no settings), listing the first <paramref name="top"/> customers (all when null).</summary>
    public static ParetoReport Report(SalesAggregate aggregate, ParetoRequest request, int? top = null)
    {
        var period = AnalysisPeriod.Resolve(request, aggregate.Earliest, aggregate.Latest);
        var revenues = aggregate.Revenues(period);
        var analysis = Pareto.Analyze(revenues, new ParetoThresholds(request.Threshold));
        return ParetoReport.From(analysis, period, string.Join(",", aggregate.Currencies), request.Threshold, top);
    }
}
