using System.Globalization;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Customers;

/// <summary>A tier as lists show it; <see cref="IsKey"/>: its customers are key accounts (every tier but the last).</summary>
public sealed record TierDto(string Name, int Rank, bool IsKey);

/// <summary>
/// The workspace's tiers, highest first (PRODUCT.md §2): two to five, <see cref="Defaults"/> until changed.
/// Stored on the first write that needs them (a designation, a change of names), so reading never writes.
/// </summary>
public static partial class Tiers
{
    public const int Min = 2;
    public const int Max = 5;
    public const int MaxNameLength = 40;

    /// <summary>The tiers of a workspace created before tiers were stored at creation (and of tests), in English.</summary>
    public static readonly IReadOnlyList<string> Defaults = ["Key", "Standard"];

    /// <summary>The tiers a new workspace starts with, in its creator's language.</summary>
    public static IReadOnlyList<string> DefaultsIn(CultureInfo language) => Language.IsSpanish(language) ? ["Clave", "Estándar"] : Defaults;

    /// <summary>The tiers named in order, with whether each makes key accounts.</summary>
    public static IReadOnlyList<TierDto> Describe(IReadOnlyList<string> names) =>
        names.Select((n, i) => new TierDto(n, i + 1, i < names.Count - 1)).ToList();

    /// <summary>Null when <paramref name="names"/> is an acceptable list of tiers; otherwise what is wrong.</summary>
    public static Said? NamesProblem(IReadOnlyList<string> names)
    {
        if (names.Count is < Min or > Max)
        {
            return Said.Of("tier.names-count", Min, Max);
        }

        if (names.Any(n => string.IsNullOrWhiteSpace(n) || n.Trim().Length > MaxNameLength))
        {
            return Said.Of("tier.name-length", MaxNameLength);
        }

        return names.Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count ? Said.Of("tier.names-differ") : null;
    }

    /// <summary>The tier names in order (the defaults when none are stored).</summary>
    public static async Task<IReadOnlyList<string>> NamesAsync(KaminoDb db, int workspaceId, CancellationToken ct = default)
    {
        var stored = await db.Tiers.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).OrderBy(t => t.Rank).Select(t => t.Name).ToListAsync(ct);
        return stored.Count > 0 ? stored : Defaults;
    }

    /// <summary>The stored tiers in order, storing the defaults first when there are none (saved).</summary>
    internal static async Task<List<Tier>> EnsureStoredAsync(KaminoDb db, int workspaceId, CancellationToken ct)
    {
        var tiers = await db.Tiers.Where(t => t.WorkspaceId == workspaceId).OrderBy(t => t.Rank).ToListAsync(ct);
        if (tiers.Count == 0)
        {
            tiers = DefaultTiers(workspaceId);
            db.Tiers.AddRange(tiers);
            await db.SaveChangesAsync(ct);
        }

        return tiers;
    }

    /// <summary>The default tiers with their default policies, not stored.</summary>
    private static List<Tier> DefaultTiers(int workspaceId) => DefaultTiers(workspaceId, Defaults);

    /// <summary>Tiers named <paramref name="names"/> with their default policies, not stored.</summary>
    internal static List<Tier> DefaultTiers(int workspaceId, IReadOnlyList<string> names)
    {
        var tiers = names.Select((n, i) => new Tier { WorkspaceId = workspaceId, Id = i + 1, Name = n, Rank = i + 1 }).ToList();
        tiers.ForEach(t => t.ApplyDefaultPolicy(top: t.Rank == 1));
        return tiers;
    }

    /// <summary>
    /// Replaces the tier names (highest first). A tier keeps its identity when its name stays (case-insensitively,
    /// wherever it moves); a name that goes away removes its tier, refused while customers are designated to it.
    /// Refused too when a designated customer would change between key and not key (re-designate it first):
    /// a change of tiers never changes a designation silently. Saved by <paramref name="db"/>'s caller.
    /// </summary>
    internal static async Task<Said?> SetAsync(KaminoDb db, int workspaceId, IReadOnlyList<string> names, CancellationToken ct)
    {
        if (NamesProblem(names) is { } problem)
        {
            return problem;
        }

        names = names.Select(n => n.Trim()).ToList();
        var tiers = await EnsureStoredAsync(db, workspaceId, ct);
        var designated = await db.Customers.Where(c => c.WorkspaceId == workspaceId && c.TierId != null)
            .GroupBy(c => c.TierId!.Value).Select(g => new { TierId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var nextId = tiers.Max(t => t.Id) + 1;
        var kept = new List<Tier>();
        for (var i = 0; i < names.Count; i++)
        {
            var isKey = i < names.Count - 1;
            var tier = tiers.FirstOrDefault(t => string.Equals(t.Name, names[i], StringComparison.OrdinalIgnoreCase));
            if (tier is null)
            {
                tier = new Tier { WorkspaceId = workspaceId, Id = nextId++, Name = names[i], Rank = 0 };
                tier.ApplyDefaultPolicy(top: i == 0);
                db.Tiers.Add(tier);
            }
            else if (designated.FirstOrDefault(d => d.TierId == tier.Id) is { } d && (tier.Rank < tiers.Count) != isKey)
            {
                return Said.Of(isKey ? "tier.would-become-key" : "tier.would-stop-key", d.Count, tier.Name);
            }

            kept.Add(tier);
        }

        foreach (var gone in tiers.Except(kept))
        {
            if (designated.FirstOrDefault(d => d.TierId == gone.Id) is { } d)
            {
                return Said.Of("tier.in-use", d.Count, gone.Name);
            }

            db.Tiers.Remove(gone);
        }

        for (var i = 0; i < kept.Count; i++)
        {
            kept[i].Rank = i + 1;
            kept[i].Name = names[i];
        }

        return null;
    }
}
