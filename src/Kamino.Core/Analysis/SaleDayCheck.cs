using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Analysis;

/// <summary>
/// One day where <c>sale_day</c> disagrees with the lines: what it stores against what the lines sum to (null on a
/// side that has no row for the day).
/// </summary>
public sealed record SaleDayDifference(
    int WorkspaceId, long CustomerId, DateOnly Date, long? StoredCents, long? StoredLines, long? LinesCents, long? LinesCount);

/// <summary>
/// The outcome of <see cref="SaleDayCheck.RunAsync"/>: how many workspaces, lines and days were summed, how many days
/// differ and the first <see cref="SaleDayCheck.MaxDifferences"/> of them (by workspace, customer and date).
/// </summary>
public sealed record SaleDayCheckResult(int Workspaces, long Lines, long Days, int DifferenceCount, IReadOnlyList<SaleDayDifference> Differences)
{
    public bool Matches => DifferenceCount == 0;
}

/// <summary>
/// Recomputes <see cref="SaleDay"/> from <c>sale_line</c> (grouped in SQL) and compares it with what is stored, one
/// workspace at a time. The triggers make a difference impossible short of a bug or a hand edit of either table;
/// <c>kamino check</c> shows it.
/// </summary>
public static class SaleDayCheck
{
    /// <summary>At most this many differences are listed (the count of lines and days is always complete).</summary>
    public const int MaxDifferences = 1000;

    /// <summary>Checks the workspace <paramref name="workspaceId"/>, or every workspace when null.</summary>
    public static async Task<SaleDayCheckResult> RunAsync(KaminoDb db, int? workspaceId, CancellationToken ct = default)
    {
        var ids = workspaceId is { } only
            ? [only]
            : await db.Workspaces.AsNoTracking().OrderBy(w => w.Id).Select(w => w.Id).ToListAsync(ct);
        var differences = new List<SaleDayDifference>();
        long lines = 0, days = 0;
        foreach (var ws in ids)
        {
            // One snapshot per workspace, so a writer committing in between cannot show as a difference.
            await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            var summed = await db.SaleLines.AsNoTracking()
                .Where(s => s.WorkspaceId == ws)
                .GroupBy(s => new { s.CustomerId, s.Date })
                .Select(g => new { g.Key.CustomerId, g.Key.Date, Cents = g.Sum(s => s.NetCents), Count = g.LongCount() })
                .ToDictionaryAsync(r => (r.CustomerId, r.Date), r => (r.Cents, r.Count), ct);
            var stored = await db.SaleDays.AsNoTracking()
                .Where(d => d.WorkspaceId == ws)
                .ToDictionaryAsync(d => (d.CustomerId, d.Date), d => (d.NetCents, d.LineCount), ct);
            await tx.CommitAsync(ct);

            lines += summed.Values.Sum(v => v.Count);
            days += summed.Count;
            foreach (var (key, (cents, count)) in summed)
            {
                if (!stored.TryGetValue(key, out var s))
                {
                    differences.Add(new(ws, key.CustomerId, key.Date, null, null, cents, count));
                }
                else if (s != (cents, count))
                {
                    differences.Add(new(ws, key.CustomerId, key.Date, s.NetCents, s.LineCount, cents, count));
                }
            }

            differences.AddRange(stored.Where(s => !summed.ContainsKey(s.Key))
                .Select(s => new SaleDayDifference(ws, s.Key.CustomerId, s.Key.Date, s.Value.NetCents, s.Value.LineCount, null, null)));
        }

        var listed = differences.OrderBy(d => d.WorkspaceId).ThenBy(d => d.CustomerId).ThenBy(d => d.Date).Take(MaxDifferences).ToList();
        return new SaleDayCheckResult(ids.Count, lines, days, differences.Count, listed);
    }
}
