using System.Globalization;
using Kamino.Customers;
using Kamino.Host.Components;
using Kamino.Host.Web;
using Kamino.People;
using Kamino.Workspaces;
using Microsoft.AspNetCore.Components;

namespace Kamino.Host.Workspaces;

/// <summary>
/// The key-account settings of a workspace (PRODUCT.md §3): α, the suggestion threshold, the ABC thresholds,
/// the tiers, and the intangible criteria with their weights. Everyone in the workspace sees them; a member
/// whose role has <see cref="Permission.ManageSettings"/> gets the two forms, whose handlers check the
/// permission again. The rules are the library's (<see cref="KeyAccountSettings.Problems"/>, keyed by field,
/// and <see cref="Criteria.SetAsync"/>), so that each
/// problem shows next to its field; the page only parses numbers.
/// </summary>
public partial class KeyAccountSettingsPage
{
    public const string AlphaField = "alpha";
    public const string SuggestField = "suggest";
    public const string ThresholdAField = "threshold-a";
    public const string ThresholdBField = "threshold-b";
    public const string TiersField = "tiers";
    public const string CapacityField = "kam-capacity";
    public const string NewRow = "new";

    private KeyAccountSettingsDto? settings;
    private IReadOnlyList<CriterionWeight> criteria = [];
    private IReadOnlyList<TierPolicyDto> tierPolicies = [];
    private TierPolicyForm tierForm = new();

    /// <summary>What the inputs show: the stored values, or what was posted when a form is shown again.</summary>
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    /// <summary>Field (or criterion row) → why the posted value was refused.</summary>
    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);

    /// <summary>Set by the redirect after a save: <c>settings</c>, <c>criteria</c> or <c>none</c>.</summary>
    [SupplyParameterFromQuery(Name = "saved")]
    public string? Saved { get; set; }

    private bool CanManage => Member?.Can(Permission.ManageSettings) == true;

    protected override async Task LoadAsync(CurrentMember member)
    {
        settings = await KeyAccountSettings.GetAsync(Db, member.WorkspaceId, Aborted);
        criteria = await Criteria.ListAsync(Db, member.WorkspaceId, Aborted);
        tierPolicies = await Tiers.PoliciesAsync(Db, member.WorkspaceId, Aborted);
        tierForm = TierPolicyForm.Of(tierPolicies);
        if (settings is null)
        {
            return;
        }

        values[AlphaField] = Invariant(settings.Alpha);
        values[SuggestField] = Invariant(settings.SuggestThreshold);
        values[ThresholdAField] = Invariant(settings.ThresholdA);
        values[ThresholdBField] = Invariant(settings.ThresholdB);
        values[CapacityField] = settings.KamCapacity.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < Tiers.Max; i++)
        {
            values[TierField(i)] = i < settings.Tiers.Count ? settings.Tiers[i].Name : "";
        }

        foreach (var c in criteria)
        {
            values[NameField(c.Key)] = c.Name;
            values[WeightField(c.Key)] = Invariant(c.Weight);
        }
    }

    private async Task SaveSettingsAsync()
    {
        var me = Member!;
        if (!CanManage || settings is not { } current)
        {
            Forbidden();
            return;
        }

        var alpha = ReadNumber(AlphaField);
        var suggest = ReadNumber(SuggestField);
        var a = ReadNumber(ThresholdAField);
        var b = ReadNumber(ThresholdBField);
        var capacity = ReadWholeNumber(CapacityField);
        var tiers = new List<string>();
        for (var i = 0; i < Tiers.Max; i++)
        {
            var name = Posted(TierField(i))?.Trim() ?? "";
            values[TierField(i)] = name;
            if (name.Length > 0)
            {
                tiers.Add(name);
            }
        }

        // The library's own check, once, over the fields that were read; each problem goes next to its field
        // (a field already refused as missing or not a number keeps that message).
        var posted = new KeyAccountSettingsChange(alpha, suggest, a ?? current.ThresholdA, b ?? current.ThresholdB, tiers, capacity);
        foreach (var problem in KeyAccountSettings.Problems(posted, current.ThresholdA, current.ThresholdB))
        {
            var (field, read) = problem.Field switch
            {
                SettingsField.Alpha => (AlphaField, alpha is not null),
                SettingsField.SuggestThreshold => (SuggestField, suggest is not null),
                SettingsField.ThresholdA => (ThresholdAField, a is not null),
                SettingsField.ThresholdB => (ThresholdBField, b is not null && (problem.Kind != SettingsProblemKind.ThresholdOrder || a is not null)),
                SettingsField.Tiers => (TiersField, true),
                SettingsField.KamCapacity => (CapacityField, capacity is not null),
            };
            if (read)
            {
                errors.TryAdd(field, problem.Kind switch
                {
                    SettingsProblemKind.OutOfRange when problem.Field == SettingsField.Alpha => L["SettingsAlphaRange"],
                    SettingsProblemKind.OutOfRange when problem.Field == SettingsField.SuggestThreshold => L["SettingsSuggestRange"],
                    SettingsProblemKind.OutOfRange when problem.Field == SettingsField.KamCapacity => L["Workload_CapacityRange", KeyAccountSettings.MaxKamCapacity.ToString(Culture)],
                    SettingsProblemKind.OutOfRange => L["SettingsThresholdRange"],
                    SettingsProblemKind.ThresholdOrder => L["SettingsThresholdOrder", Formats.Number(a!.Value, 2, Culture), Formats.Number(b!.Value, 2, Culture)],
                    SettingsProblemKind.TierNames => L["ChangeRefused", problem.Why.In(CultureInfo.CurrentUICulture)],
                });
            }
        }

        if (errors.Count > 0)
        {
            Refuse(StatusCodes.Status400BadRequest, L["SettingsNotSaved"]);
            return;
        }

        var tiersChanged = !tiers.SequenceEqual(current.Tiers.Select(t => t.Name), StringComparer.Ordinal);
        if (alpha == current.Alpha && suggest == current.SuggestThreshold && a == current.ThresholdA && b == current.ThresholdB && capacity == current.KamCapacity && !tiersChanged)
        {
            Navigation.NavigateTo(SettingsLinks.KeyAccounts(me.Slug, "none"));
            return;
        }

        var change = new KeyAccountSettingsChange(alpha, suggest, a, b, tiersChanged ? tiers : null, capacity);
        var result = await KeyAccountSettings.SetAsync(Db, me.WorkspaceId, change, me.UserId, Clock, Aborted);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(SettingsLinks.KeyAccounts(me.Slug, "settings"));
            return;
        }

        // The fields passed the pure checks, so what is left is about the tiers in use (customers designated to them).
        Db.ChangeTracker.Clear();
        if (result.Outcome == ChangeOutcome.Invalid && tiersChanged)
        {
            errors[TiersField] = L["ChangeRefused", result.In(CultureInfo.CurrentUICulture)];
            Refuse(StatusCodes.Status400BadRequest, L["SettingsNotSaved"]);
            return;
        }

        Refused(result);
    }

    /// <summary>
    /// Saves every criterion whose name or weight changed, and the new one when a key is given, in one transaction:
    /// when the library refuses one of them, none is saved.
    /// </summary>
    private async Task SaveCriteriaAsync()
    {
        var me = Member!;
        if (!CanManage)
        {
            Forbidden();
            return;
        }

        var changes = new List<(string Row, string Key, decimal? Weight, string? Name)>();
        foreach (var c in criteria)
        {
            var name = Posted(NameField(c.Key))?.Trim() ?? "";
            values[NameField(c.Key)] = name;
            var weight = ReadNumber(WeightField(c.Key));
            if (weight is null)
            {
                continue;
            }

            var newName = name == c.Name ? null : name;
            var newWeight = weight == c.Weight ? null : weight;
            if (newName is not null || newWeight is not null)
            {
                changes.Add((c.Key, c.Key, newWeight, newName));
            }
        }

        var newKey = Posted("new-key")?.Trim().ToLowerInvariant() ?? "";
        var newCriterionName = Posted("new-name")?.Trim() ?? "";
        var newCriterionWeight = Posted("new-weight")?.Trim() ?? "";
        values["new-key"] = newKey;
        values["new-name"] = newCriterionName;
        if (newKey.Length > 0)
        {
            // A new criterion's weight may be left empty: the library then gives it weight 1.
            var weight = newCriterionWeight.Length == 0 ? null : ReadNumber("new-weight");
            if (newCriterionWeight.Length == 0 || weight is not null)
            {
                changes.Add((NewRow, newKey, weight, newCriterionName.Length == 0 ? null : newCriterionName));
            }
        }
        else if (newCriterionName.Length > 0 || newCriterionWeight.Length > 0)
        {
            values["new-weight"] = newCriterionWeight;
            errors[NewRow] = L["SettingsNewKeyMissing"];
        }

        if (errors.Count > 0)
        {
            Refuse(StatusCodes.Status400BadRequest, L["SettingsNotSaved"]);
            return;
        }

        if (changes.Count == 0)
        {
            Navigation.NavigateTo(SettingsLinks.KeyAccounts(me.Slug, "none"));
            return;
        }

        await using (var tx = await Db.Database.BeginTransactionAsync(Aborted))
        {
            foreach (var (row, key, weight, name) in changes)
            {
                var result = await Criteria.SetAsync(Db, me.WorkspaceId, key, weight, name, me.UserId, Clock, Aborted);
                if (!result.Succeeded)
                {
                    errors[row] = L["ChangeRefused", result.In(CultureInfo.CurrentUICulture)];
                }
            }

            if (errors.Count > 0)
            {
                await tx.RollbackAsync(Aborted);
                Db.ChangeTracker.Clear();
                Refuse(StatusCodes.Status400BadRequest, L["SettingsNotSaved"]);
                return;
            }

            await tx.CommitAsync(Aborted);
        }

        Navigation.NavigateTo(SettingsLinks.KeyAccounts(me.Slug, "criteria"));
    }

    /// <summary>Saves every tier whose policy changed, all or none (<see cref="Tiers.SetPoliciesAsync"/>); each problem goes next to its field.</summary>
    private async Task SaveTierPoliciesAsync()
    {
        var me = Member!;
        if (!CanManage)
        {
            Forbidden();
            return;
        }

        tierForm = TierPolicyForm.Read(Posted, tierPolicies);
        if (tierForm.Problems.Count > 0)
        {
            Refuse(StatusCodes.Status400BadRequest, L["SettingsNotSaved"]);
            return;
        }

        if (tierForm.Changes.Count == 0)
        {
            Navigation.NavigateTo(SettingsLinks.KeyAccounts(me.Slug, "none"));
            return;
        }

        var result = await Tiers.SetPoliciesAsync(Db, me.WorkspaceId, tierForm.Changes, me.UserId, Clock, Aborted);
        if (!Refused(result))
        {
            Navigation.NavigateTo(SettingsLinks.KeyAccounts(me.Slug, "tiers"));
        }
    }

    private string? TierPolicyError(string field)
    {
        if (!tierForm.Problems.TryGetValue(field, out var p))
        {
            return null;
        }

        if (p.Kind is null || p.Field is null)
        {
            return L["TierNotANumber"];
        }

        return p.Kind == TierPolicyProblemKind.DiscountOrder ? L["TierDiscountOrder"]
            : p.Field == TierPolicyField.CheckinDays ? L["TierCheckinRange", TierPolicies.MaxCheckinDays.ToString(Culture)]
            : p.Field is TierPolicyField.DiscountMinPct or TierPolicyField.DiscountMaxPct ? L["TierDiscountRangeError"]
            : p.Field == TierPolicyField.OrderPriority ? L["TierPriorityRange", TierPolicies.MaxOrderPriority.ToString(Culture)]
            : p.Field == TierPolicyField.PromisedHours ? L["TierHoursRange", TierPolicies.MaxPromisedHours.ToString(Culture)]
            : L["TierNotANumber"];
    }

    private string TierPolicyValue(string field) => tierForm.Values.TryGetValue(field, out var v) ? v : "";

    /// <summary>
    /// A posted number (inputs of type number send a point whatever the language); null with the field's error
    /// when it is missing or not a number. Ranges are the library's to check.
    /// </summary>
    private decimal? ReadNumber(string field)
    {
        var raw = Posted(field)?.Trim() ?? "";
        values[field] = raw;
        if (raw.Length == 0)
        {
            errors[field] = L["SettingsNumberMissing"];
            return null;
        }

        if (!decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            errors[field] = L["SettingsNotANumber", raw];
            return null;
        }

        return value;
    }

    /// <summary>A posted whole number (the capacity); null with the field's error when it is missing or has decimals.</summary>
    private int? ReadWholeNumber(string field)
    {
        var value = ReadNumber(field);
        if (value is null)
        {
            return null;
        }

        if (value != decimal.Truncate(value.Value) || value is < int.MinValue or > int.MaxValue)
        {
            errors[field] = L["Workload_CapacityWhole"];
            return null;
        }

        return (int)value.Value;
    }

    /// <summary>Each criterion's part of the intangible score when every criterion is rated: weight / Σ weights.</summary>
    private decimal? ShareOf(CriterionWeight criterion)
    {
        var total = criteria.Sum(c => c.Weight);
        return total > 0m ? criterion.Weight / total : null;
    }

    private string Value(string field) => values.TryGetValue(field, out var v) ? v : "";

    private string? Error(string field) => errors.TryGetValue(field, out var e) ? e : null;

    private string? NewRowError => Error(NewRow) ?? Error("new-weight");

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string TierField(int index) => "tier-" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string NameField(string key) => "name-" + key;

    private static string WeightField(string key) => "weight-" + key;
}

/// <summary>Addresses of the settings pages.</summary>
public static class SettingsLinks
{
    /// <param name="saved">What was just saved (<c>settings</c>, <c>criteria</c>, <c>none</c>), shown as a confirmation.</param>
    public static string KeyAccounts(string workspace, string? saved = null) =>
        $"/w/{Uri.EscapeDataString(workspace)}/settings/key-accounts" + (saved is null ? "" : "?saved=" + Uri.EscapeDataString(saved));
}
