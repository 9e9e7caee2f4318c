using System.Globalization;
using Kamino.Audit;
using Kamino.Customers;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Workspaces;

/// <summary>
/// The settings that decide key accounts (PRODUCT.md §3): α, the suggestion threshold, the ABC thresholds
/// t_A / t_B and the tiers, highest first.
/// </summary>
public sealed record KeyAccountSettingsDto(decimal Alpha, decimal SuggestThreshold, decimal ThresholdA, decimal ThresholdB, IReadOnlyList<TierDto> Tiers);

/// <summary>A change of settings; null fields stay as they are.</summary>
public sealed record KeyAccountSettingsChange(decimal? Alpha = null, decimal? SuggestThreshold = null, decimal? ThresholdA = null, decimal? ThresholdB = null, IReadOnlyList<string>? Tiers = null);

/// <summary>Reads and changes a workspace's <see cref="KeyAccountSettingsDto"/>.</summary>
public static class KeyAccountSettings
{
    /// <summary>The settings, or null when the workspace does not exist.</summary>
    public static async Task<KeyAccountSettingsDto?> GetAsync(KaminoDb db, int workspaceId, CancellationToken ct = default)
    {
        var ws = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId, ct);
        return ws is null ? null
            : new KeyAccountSettingsDto(KeyAccounts.Normal(ws.Alpha), KeyAccounts.Normal(ws.SuggestThreshold), KeyAccounts.Normal(ws.ThresholdA), KeyAccounts.Normal(ws.ThresholdB), Tiers.Describe(await Tiers.NamesAsync(db, workspaceId, ct)));
    }

    /// <summary>Null when the change is acceptable on its own (ranges; tier names), otherwise what is wrong.</summary>
    public static string? Problem(KeyAccountSettingsChange change, decimal currentA, decimal currentB)
    {
        if (change.Alpha is < 0m or > 1m)
        {
            return "alpha is between 0 and 1";
        }

        if (change.SuggestThreshold is < 0m or > 1m)
        {
            return "the suggestion threshold is between 0 and 1";
        }

        var a = change.ThresholdA ?? currentA;
        var b = change.ThresholdB ?? currentB;
        if (a is <= 0m or > 1m || b is <= 0m or > 1m)
        {
            return "the ABC thresholds are shares above 0 and up to 1";
        }

        if (b < a)
        {
            return $"t_B ({b.ToString(CultureInfo.InvariantCulture)}) is below t_A ({a.ToString(CultureInfo.InvariantCulture)})";
        }

        return change.Tiers is { } tiers ? Tiers.NamesProblem(tiers) : null;
    }

    /// <summary>Applies <paramref name="change"/> in one transaction and audits it; nothing changes when it is refused.</summary>
    public static async Task<ChangeResult> SetAsync(KaminoDb db, int workspaceId, KeyAccountSettingsChange change, string? userId, TimeProvider clock, CancellationToken ct = default)
    {
        var ws = await db.Workspaces.FirstOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (ws is null)
        {
            return ChangeResult.NotFound("no such workspace");
        }

        if (Problem(change, ws.ThresholdA, ws.ThresholdB) is { } problem)
        {
            return ChangeResult.Invalid(problem);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (change.Tiers is { } tiers && await Tiers.SetAsync(db, workspaceId, tiers, ct) is { } tierProblem)
        {
            return ChangeResult.Invalid(tierProblem);
        }

        ws.Alpha = change.Alpha ?? ws.Alpha;
        ws.SuggestThreshold = change.SuggestThreshold ?? ws.SuggestThreshold;
        ws.ThresholdA = change.ThresholdA ?? ws.ThresholdA;
        ws.ThresholdB = change.ThresholdB ?? ws.ThresholdB;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"key-account settings: alpha {ws.Alpha:0.####}, suggest at {ws.SuggestThreshold:0.####}, t_A {ws.ThresholdA:0.####}, t_B {ws.ThresholdB:0.####}")
            + (change.Tiers is { } t ? ", tiers " + string.Join(", ", t.Select(n => n.Trim())) : "");
        await AuditLog.AddAsync(db, workspaceId, userId, "workspace", workspaceId.ToString(CultureInfo.InvariantCulture), "settings", summary, null, clock, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ChangeResult.Done;
    }
}
