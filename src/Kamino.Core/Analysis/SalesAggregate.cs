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

    /// <summary>The sums a row parser hands accepted lines to (<see cref="SaleRowParser.Check"/>).</summary>
    internal struct Sum(SalesAggregate aggregate) : ISaleSum
    {
        private string lastCurrency = "";

        public void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> name, DateOnly date, long cents, ReadOnlySpan<char> currency)
        {
            var customer = aggregate.CustomerIndex(key);
            if (customer < 0)
            {
                customer = aggregate.AddCustomer(key.ToString(), name.ToString());
            }

            if (!currency.IsEmpty && !currency.SequenceEqual(lastCurrency))
            {
                lastCurrency = currency.ToString();
                aggregate.AddCurrency(lastCurrency);
            }

            aggregate.Add(customer, date.DayNumber, cents);
        }
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
