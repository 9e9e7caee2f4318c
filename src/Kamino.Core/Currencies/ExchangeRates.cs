using Kamino.Analysis;
using Kamino.Audit;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Currencies;

/// <summary>What a rates import did: rates added, changed and already stored; <see cref="Problems"/> when nothing was stored.</summary>
public sealed record RatesImportResult(string ReportingCurrency, string Format, int Added, int Changed, int Unchanged, int Skipped, IReadOnlyList<string> Problems)
{
    public bool Stored => Problems.Count == 0;

    /// <summary>Why the file was refused, to word in the reader's language (not in the JSON: the API answers <see cref="Problems"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Said> Reasons { get; init; } = [];
}

/// <summary>One currency of a workspace's rate table: how many dates, the first and last, and the last rate.</summary>
public sealed record CurrencyRatesDto(string Currency, int Rates, DateOnly From, DateOnly To, decimal LatestRate);

/// <summary>One stored rate: on <see cref="Date"/>, one unit of the reporting currency is worth <see cref="Rate"/> units of <see cref="Currency"/>.</summary>
public sealed record RateDto(string Currency, DateOnly Date, decimal Rate);

/// <summary>A workspace's rate table as listed: the reporting currency, each currency's summary, and the rates asked for (latest first).</summary>
public sealed record RatesDto(string ReportingCurrency, IReadOnlyList<CurrencyRatesDto> Currencies, IReadOnlyList<RateDto> Rates, int RatesTotal);

/// <summary>The rate table of a workspace in the database: import (audited), list, and load for conversion.</summary>
public static class ExchangeRates
{
    /// <summary>The most rates one list returns.</summary>
    public const int MaxListed = 500;

    /// <summary>
    /// Reads <paramref name="text"/> (<see cref="RatesCsv"/>) and stores its rates, a rate of a currency and date already
    /// stored being replaced; all or nothing. Null when the workspace does not exist.
    /// </summary>
    public static async Task<RatesImportResult?> ImportAsync(KaminoDb db, int workspaceId, string text, string? userId, TimeProvider clock, CancellationToken ct = default)
    {
        var reporting = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Currency).FirstOrDefaultAsync(ct);
        if (reporting is null)
        {
            return null;
        }

        var file = RatesCsv.Read(text, reporting);
        if (file.Problems.Count > 0)
        {
            return new RatesImportResult(reporting, file.Format, 0, 0, 0, file.Skipped, file.Problems) { Reasons = file.Reasons };
        }

        if (file.Rates.Count == 0)
        {
            return new RatesImportResult(reporting, file.Format, 0, 0, 0, file.Skipped, ["the file holds no rate"]);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var stored = await db.ExchangeRates.Where(r => r.WorkspaceId == workspaceId).ToDictionaryAsync(r => (r.Currency, r.Date), ct);
            int added = 0, changed = 0, same = 0;
            foreach (var (currency, date, rate) in file.Rates)
            {
                if (stored.TryGetValue((currency, date), out var old))
                {
                    if (old.Rate == rate)
                    {
                        same++;
                    }
                    else
                    {
                        old.Rate = rate;
                        changed++;
                    }
                }
                else
                {
                    db.ExchangeRates.Add(new ExchangeRate { WorkspaceId = workspaceId, Currency = currency, Date = date, Rate = rate });
                    added++;
                }
            }

            var currencies = string.Join(", ", file.Rates.Select(r => r.Currency).Distinct().Order(StringComparer.Ordinal));
            await AuditLog.AddAsync(db, workspaceId, userId, "rates", reporting, "import",
                AuditText.Of("rates.imported", file.Format, reporting, added, changed, same, currencies),
                null, clock, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return new RatesImportResult(reporting, file.Format, added, changed, same, file.Skipped, []);
        });
    }

    /// <summary>
    /// The rate table: every currency's summary and up to <paramref name="limit"/> rates (of <paramref name="currency"/>
    /// when given), latest first. Null when the workspace does not exist.
    /// </summary>
    public static async Task<RatesDto?> ListAsync(KaminoDb db, int workspaceId, string? currency, int limit, CancellationToken ct = default)
    {
        var reporting = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Currency).FirstOrDefaultAsync(ct);
        if (reporting is null)
        {
            return null;
        }

        var rates = db.ExchangeRates.AsNoTracking().Where(r => r.WorkspaceId == workspaceId);
        var summary = await rates.GroupBy(r => r.Currency)
            .Select(g => new { Currency = g.Key, Count = g.Count(), From = g.Min(r => r.Date), To = g.Max(r => r.Date) })
            .ToListAsync(ct);
        var currencies = new List<CurrencyRatesDto>();
        foreach (var s in summary.OrderBy(s => s.Currency, StringComparer.Ordinal))
        {
            var latest = await rates.Where(r => r.Currency == s.Currency && r.Date == s.To).Select(r => r.Rate).FirstAsync(ct);
            currencies.Add(new CurrencyRatesDto(s.Currency, s.Count, s.From, s.To, Normal(latest)));
        }

        var chosen = currency is null ? rates : rates.Where(r => r.Currency == currency);
        var total = currency is null ? summary.Sum(s => s.Count) : summary.FirstOrDefault(s => s.Currency == currency)?.Count ?? 0;
        var listed = await chosen.OrderByDescending(r => r.Date).ThenBy(r => r.Currency)
            .Take(Math.Clamp(limit, 0, MaxListed)).Select(r => new { r.Currency, r.Date, r.Rate }).ToListAsync(ct);
        return new RatesDto(reporting, currencies, [.. listed.Select(r => new RateDto(r.Currency, r.Date, Normal(r.Rate)))], total);
    }

    /// <summary>The workspace's whole table for converting lines.</summary>
    public static async Task<RateTable> TableAsync(KaminoDb db, int workspaceId, CancellationToken ct = default)
    {
        var rows = await db.ExchangeRates.AsNoTracking().Where(r => r.WorkspaceId == workspaceId)
            .Select(r => new { r.Currency, r.Date, r.Rate }).ToListAsync(ct);
        return rows.Count == 0 ? RateTable.Empty : new RateTable(rows.Select(r => (r.Currency, r.Date, r.Rate)));
    }

    /// <summary>
    /// Sale lines of the workspace in <paramref name="period"/> (all when null), or in <paramref name="also"/> too (a
    /// comparison's other period; a line in both counts once), that were converted from another currency.
    /// </summary>
    /// <remarks>Kept per sales version (<see cref="Analysis.SalesCache"/>): it reads the lines, not the daily sums.</remarks>
    public static async Task<int> ConvertedLinesAsync(KaminoDb db, int workspaceId, DateRange? period, DateRange? also, CancellationToken ct = default) =>
        (await Analysis.SalesCache.GetAsync(db, workspaceId, new ConvertedKey(period, also), async c =>
        {
            var lines = db.SaleLines.Where(l => l.WorkspaceId == workspaceId && l.OriginalCurrency != null);
            if (period is { } p && also is { } q)
            {
                lines = lines.Where(l => (l.Date >= p.From && l.Date <= p.To) || (l.Date >= q.From && l.Date <= q.To));
            }
            else if (period is { } only)
            {
                lines = lines.Where(l => l.Date >= only.From && l.Date <= only.To);
            }

            return new Converted(await lines.CountAsync(c));
        }, ct)).Lines;

    private sealed record ConvertedKey(DateRange? Period, DateRange? Also);

    private sealed record Converted(int Lines);

    /// <summary>A stored rate without the storage's trailing zeros (PostgreSQL gives numeric(24,10) back with ten decimals).</summary>
    public static decimal Normal(decimal rate) => rate / 1.000000000000000000000000000000000m;
}
