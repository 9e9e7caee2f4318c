using System.Runtime.CompilerServices;
using Kamino.Import;

namespace Kamino.Analysis;

/// <summary>
/// Revenue per customer and day summed straight from sales files, nothing stored: what <c>kamino analyze</c>
/// runs the Pareto rules on. Customers are told apart by the same key as the importer (tax id, else the
/// source's customer id, else the name); a customer's name is the first one read.
/// </summary>
/// <remarks>
/// The period is only known once every line is read (the default one ends on the latest sale), so the lines are
/// kept as a log of (customer, day, cents), one entry per run of lines of the same customer and day, and summed
/// per customer for the period at the end. Appending to arrays costs far less per line than a hash table keyed
/// by customer and day (about as many keys as lines, and most of them cache misses); the memory is the same order.
/// </remarks>
public sealed class SalesAggregate
{
    private const int FirstCapacity = 1 << 12;

    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<string> keys = [];
    private readonly List<string> names = [];
    private readonly SortedSet<string> currencies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private int[] logCustomers = new int[FirstCapacity];
    private int[] logDays = new int[FirstCapacity];
    private long[] logCents = new long[FirstCapacity];
    private int logCount;
    private int lastCustomer = -1;
    private int lastDay;
    private long pendingCents;
    private int minDay = int.MaxValue;
    private int maxDay = int.MinValue;

    public SalesAggregate() => lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Sale lines added.</summary>
    public long Lines { get; private set; }

    /// <summary>Earliest and latest sale date; null without lines.</summary>
    public DateOnly? Earliest => Lines == 0 ? null : DateOnly.FromDayNumber(minDay);

    public DateOnly? Latest => Lines == 0 ? null : DateOnly.FromDayNumber(maxDay);

    /// <summary>Currency codes the lines state, sorted.</summary>
    public IReadOnlyCollection<string> Currencies => currencies;

    internal int CustomerIndex(ReadOnlySpan<char> key) => lookup.TryGetValue(key, out var i) ? i : -1;

    internal int AddCustomer(string key, string name)
    {
        var i = keys.Count;
        index.Add(key, i);
        keys.Add(key);
        names.Add(name);
        return i;
    }

    internal void AddCurrency(string code) => currencies.Add(code);

    /// <summary>Adds one line of <paramref name="cents"/> on day <paramref name="day"/> (<see cref="DateOnly.DayNumber"/>) for customer <paramref name="customer"/> (an index from <see cref="AddCustomer"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Add(int customer, int day, long cents)
    {
        Lines++;
        if (customer == lastCustomer && day == lastDay)
        {
            pendingCents += cents;
            return;
        }

        Flush();
        lastCustomer = customer;
        lastDay = day;
        pendingCents = cents;
        minDay = Math.Min(minDay, day);
        maxDay = Math.Max(maxDay, day);
    }

    /// <summary>Adds one line read by a full reader.</summary>
    public void Add(SaleRow row)
    {
        var customer = CustomerIndex(row.CustomerKey);
        if (customer < 0)
        {
            customer = AddCustomer(row.CustomerKey, row.CustomerName);
        }

        if (row.Currency is not null)
        {
            AddCurrency(row.Currency);
        }

        Add(customer, row.Date.DayNumber, row.NetCents);
    }

    /// <summary>Adds everything of <paramref name="other"/> (a later part of the input: names already known are kept).</summary>
    public void AddAll(SalesAggregate other)
    {
        other.Flush();
        Flush();
        var map = new int[other.keys.Count];
        for (var i = 0; i < map.Length; i++)
        {
            var mine = CustomerIndex(other.keys[i]);
            map[i] = mine >= 0 ? mine : AddCustomer(other.keys[i], other.names[i]);
        }

        for (var i = 0; i < other.logCount; i++)
        {
            Append(map[other.logCustomers[i]], other.logDays[i], other.logCents[i]);
        }

        foreach (var c in other.currencies)
        {
            currencies.Add(c);
        }

        Lines += other.Lines;
        minDay = Math.Min(minDay, other.minDay);
        maxDay = Math.Max(maxDay, other.maxDay);
    }

    /// <summary>Revenue per customer with lines in <paramref name="period"/> (all lines when null).</summary>
    public List<CustomerRevenue> Revenues(DateRange? period)
    {
        Flush();
        var cents = new long[keys.Count];
        var seen = new bool[keys.Count];
        var (from, to) = period is { } p ? (p.From.DayNumber, p.To.DayNumber) : (int.MinValue, int.MaxValue);
        for (var i = 0; i < logCount; i++)
        {
            var day = logDays[i];
            if (day >= from && day <= to)
            {
                var c = logCustomers[i];
                cents[c] += logCents[i];
                seen[c] = true;
            }
        }

        var result = new List<CustomerRevenue>();
        for (var i = 0; i < cents.Length; i++)
        {
            if (seen[i])
            {
                result.Add(new CustomerRevenue(i, keys[i], names[i], cents[i] / 100m));
            }
        }

        return result;
    }

    private void Flush()
    {
        if (lastCustomer >= 0)
        {
            Append(lastCustomer, lastDay, pendingCents);
            lastCustomer = -1;
            pendingCents = 0;
        }
    }

    private void Append(int customer, int day, long cents)
    {
        if (logCount == logDays.Length)
        {
            var capacity = logCount * 2;
            Array.Resize(ref logCustomers, capacity);
            Array.Resize(ref logDays, capacity);
            Array.Resize(ref logCents, capacity);
        }

        logCustomers[logCount] = customer;
        logDays[logCount] = day;
        logCents[logCount] = cents;
        logCount++;
    }
}

/// <summary>What <see cref="SalesFileAnalysis.Read"/> found: the aggregate, or the problems that reject the input.</summary>
/// <param name="ProblemCount">All problems; <paramref name="Problems"/> holds the first ones of each file.</param>
/// <param name="DialectAmbiguous">A CSV's dialect could not be told: the user must give <c>--dialect</c>.</param>
public sealed record SalesFileRead(SalesAggregate Aggregate, IReadOnlyList<ImportProblem> Problems, int ProblemCount, bool DialectAmbiguous)
{
    public bool Rejected => ProblemCount > 0;
}

/// <summary>
/// Reads sales files with the import's readers and rules (<see cref="SalesSources"/>: CSV, Excel, e-invoices)
/// and sums revenue per customer without a database. CSV files in a simple shape (no thousands separators,
/// no record over several lines) take a fast path that reads only the fields the analysis and the line
/// checks need, in parallel; at the first line it cannot vouch for, the file is read again by the full
/// reader, so a file is accepted or rejected, with the same messages, exactly as by <c>kamino import</c>.
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
            if (source is CsvSalesReader reader && FastCsv.TryRead(file.Path, reader, csv, ct) is { } fast)
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

    /// <summary>
    /// The period of <paramref name="request"/> over sales from <paramref name="earliest"/> to <paramref name="latest"/>,
    /// by the rule of <see cref="ParetoQuery.ResolvePeriodAsync"/>: all dates, the given bounds, or the 12 months
    /// ending on the latest sale. Null when there are no sales and no bounds.
    /// </summary>
    public static DateRange? ResolvePeriod(ParetoRequest request, DateOnly? earliest, DateOnly? latest)
    {
        if (request.All)
        {
            return earliest is { } e && latest is { } l ? new DateRange(e, l) : null;
        }

        if (request is { From: { } f, To: { } t })
        {
            return new DateRange(f, t);
        }

        if (request.To is { } to)
        {
            return new DateRange(request.From ?? to.AddYears(-1).AddDays(1), to);
        }

        if (latest is null)
        {
            return request.From is { } onlyFrom ? new DateRange(onlyFrom, onlyFrom) : null;
        }

        return request.From is { } from
            ? new DateRange(from, from > latest.Value ? from : latest.Value)
            : DateRange.TwelveMonthsEndingOn(latest.Value);
    }

    /// <summary>The Pareto report of what was read (default thresholds 0.80 / 0.95; no workspace, so no settings), listing the first <paramref name="top"/> customers (all when null).</summary>
    public static ParetoReport Report(SalesAggregate aggregate, ParetoRequest request, int? top = null)
    {
        var period = ResolvePeriod(request, aggregate.Earliest, aggregate.Latest);
        var revenues = aggregate.Revenues(period);
        var analysis = Pareto.Analyze(revenues, new ParetoThresholds(request.Threshold));
        return ParetoReport.From(analysis, period, string.Join(",", aggregate.Currencies), request.Threshold, top);
    }
}
