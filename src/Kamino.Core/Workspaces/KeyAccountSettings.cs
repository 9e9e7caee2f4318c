using System.Globalization;
using Kamino.Audit;
using Kamino.Customers;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Workspaces;

/// <summary>
/// The settings that decide key accounts (PRODUCT.md §3): α, the suggestion threshold, the ABC thresholds
/// t_A / t_B, the tiers, highest first, and <see cref="KamCapacity"/>, the key accounts one KAM can serve (which bounds
/// the suggestions: <see cref="KeyAccountScore.TeamCapacity"/>).
/// </summary>
public sealed record KeyAccountSettingsDto(decimal Alpha, decimal SuggestThreshold, decimal ThresholdA, decimal ThresholdB, IReadOnlyList<TierDto> Tiers,
    int KamCapacity = KeyAccountSettings.DefaultKamCapacity);

/// <summary>A change of settings; null fields stay as they are.</summary>
public sealed record KeyAccountSettingsChange(decimal? Alpha = null, decimal? SuggestThreshold = null, decimal? ThresholdA = null, decimal? ThresholdB = null, IReadOnlyList<string>? Tiers = null,
    int? KamCapacity = null);

/// <summary>A field of <see cref="KeyAccountSettingsChange"/>, to which a <see cref="SettingsProblem"/> belongs.</summary>
public enum SettingsField
{
    Alpha,
    SuggestThreshold,
    ThresholdA,
    ThresholdB,
    Tiers,
    KamCapacity,
}

/// <summary>What kind of thing is wrong with a field (a page words each its own way).</summary>
public enum SettingsProblemKind
{
    OutOfRange,
    ThresholdOrder,
    TierNames,
}

/// <summary>One thing wrong with a settings change: the field, its kind, and why (<see cref="Message"/>: the recorded English).</summary>
public sealed record SettingsProblem(SettingsField Field, SettingsProblemKind Kind, Said Why)
{
    public string Message => Why.ToString();
}

/// <summary>Reads and changes a workspace's <see cref="KeyAccountSettingsDto"/>.</summary>
public static class KeyAccountSettings
{
    /// <summary>Key accounts one KAM can serve unless the workspace says otherwise (PRODUCT.md §3, Capacity).</summary>
    public const int DefaultKamCapacity = 15;

    /// <summary>The largest capacity per KAM a workspace may set.</summary>
    public const int MaxKamCapacity = 1000;

    /// <summary>The settings, or null when the workspace does not exist.</summary>
    public static async Task<KeyAccountSettingsDto?> GetAsync(KaminoDb db, int workspaceId, CancellationToken ct = default)
    {
        var ws = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId, ct);
        return ws is null ? null
            : new KeyAccountSettingsDto(KeyAccounts.Normal(ws.Alpha), KeyAccounts.Normal(ws.SuggestThreshold), KeyAccounts.Normal(ws.ThresholdA), KeyAccounts.Normal(ws.ThresholdB), Tiers.Describe(await Tiers.NamesAsync(db, workspaceId, ct)), ws.KamCapacity);
    }

    /// <summary>Null when the change is acceptable on its own (ranges; tier names), otherwise the first thing wrong.</summary>
    public static Said? Problem(KeyAccountSettingsChange change, decimal currentA, decimal currentB) =>
        Problems(change, currentA, currentB) is [var first, ..] ? first.Why : null;

    /// <summary>
    /// Everything wrong with the change on its own, keyed by the field to blame (a form shows each next to its
    /// field): each value out of its range, then t_B below t_A (when both are in range; blamed on t_B), then the
    /// tier names. Thresholds not in the change are the current ones.
    /// </summary>
    public static IReadOnlyList<SettingsProblem> Problems(KeyAccountSettingsChange change, decimal currentA, decimal currentB)
    {
        var problems = new List<SettingsProblem>();
        if (change.Alpha is < 0m or > 1m)
        {
            problems.Add(new(SettingsField.Alpha, SettingsProblemKind.OutOfRange, Said.Of("settings.alpha")));
        }

        if (change.SuggestThreshold is < 0m or > 1m)
        {
            problems.Add(new(SettingsField.SuggestThreshold, SettingsProblemKind.OutOfRange, Said.Of("settings.suggest")));
        }

        if (change.KamCapacity is < 1 or > MaxKamCapacity)
        {
            problems.Add(new(SettingsField.KamCapacity, SettingsProblemKind.OutOfRange, Said.Of("settings.capacity", MaxKamCapacity)));
        }

        var shares = Said.Of("settings.shares");
        var a = change.ThresholdA ?? currentA;
        var b = change.ThresholdB ?? currentB;
        var aInRange = a is > 0m and <= 1m;
        var bInRange = b is > 0m and <= 1m;
        if (!aInRange)
        {
            problems.Add(new(SettingsField.ThresholdA, SettingsProblemKind.OutOfRange, shares));
        }

        if (!bInRange)
        {
            problems.Add(new(SettingsField.ThresholdB, SettingsProblemKind.OutOfRange, shares));
        }

        if (aInRange && bInRange && b < a)
        {
            problems.Add(new(SettingsField.ThresholdB, SettingsProblemKind.ThresholdOrder,
                Said.Of("settings.threshold-order", b, a)));
        }

        if (change.Tiers is { } tiers && Tiers.NamesProblem(tiers) is { } tierProblem)
        {
            problems.Add(new(SettingsField.Tiers, SettingsProblemKind.TierNames, tierProblem));
        }

        return problems;
    }

    /// <summary>Applies <paramref name="change"/> in one transaction and audits it; nothing changes when it is refused.</summary>
    public static async Task<ChangeResult> SetAsync(KaminoDb db, int workspaceId, KeyAccountSettingsChange change, string? userId, TimeProvider clock, CancellationToken ct = default)
    {
        var ws = await db.Workspaces.FirstOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (ws is null)
        {
            return ChangeResult.NotFound(Said.Of("workspace.not-found"));
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
        ws.KamCapacity = change.KamCapacity ?? ws.KamCapacity;
        string Figure(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);
        var summary = AuditText.Of("workspace.settings", Figure(ws.Alpha), Figure(ws.SuggestThreshold), Figure(ws.ThresholdA), Figure(ws.ThresholdB), ws.KamCapacity)
            .AndIf(change.Tiers is not null, "workspace.tiers", string.Join(", ", (change.Tiers ?? []).Select(n => n.Trim())));
        await AuditLog.AddAsync(db, workspaceId, userId, "workspace", workspaceId.ToString(CultureInfo.InvariantCulture), "settings", summary, null, clock, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ChangeResult.Done;
    }
}
