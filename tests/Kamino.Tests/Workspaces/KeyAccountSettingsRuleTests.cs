using Kamino.Workspaces;

namespace Kamino.Tests.Workspaces;

/// <summary>The settings rule answers every problem of a change at once, each keyed by the field a form shows it at.</summary>
public sealed class KeyAccountSettingsRuleTests
{
    [Fact]
    public void Problems_EveryFieldWrong_OneProblemPerField_InTheOrderOfTheForm()
    {
        var change = new KeyAccountSettingsChange(Alpha: 1.5m, SuggestThreshold: -0.1m, ThresholdA: 0m, ThresholdB: 1.2m, Tiers: ["Key"]);

        var problems = KeyAccountSettings.Problems(change, 0.8m, 0.95m);

        Assert.Equal(
            [
                (SettingsField.Alpha, SettingsProblemKind.OutOfRange),
                (SettingsField.SuggestThreshold, SettingsProblemKind.OutOfRange),
                (SettingsField.ThresholdA, SettingsProblemKind.OutOfRange),
                (SettingsField.ThresholdB, SettingsProblemKind.OutOfRange),
                (SettingsField.Tiers, SettingsProblemKind.TierNames),
            ],
            problems.Select(p => (p.Field, p.Kind)));
        Assert.Equal("alpha is between 0 and 1", KeyAccountSettings.Problem(change, 0.8m, 0.95m)?.ToString());
    }

    [Fact]
    public void Problems_TbBelowTa_IsBlamedOnTb_AgainstTheCurrentTaWhenTaIsNotChanged()
    {
        var problem = Assert.Single(KeyAccountSettings.Problems(new KeyAccountSettingsChange(ThresholdB: 0.7m), 0.8m, 0.95m));

        Assert.Equal(SettingsField.ThresholdB, problem.Field);
        Assert.Equal(SettingsProblemKind.ThresholdOrder, problem.Kind);
        Assert.Equal("t_B (0.7) is below t_A (0.8)", problem.Message);
    }

    [Fact]
    public void Problems_AThresholdOutOfRange_NoOrderProblemOnTop()
    {
        var problem = Assert.Single(KeyAccountSettings.Problems(new KeyAccountSettingsChange(ThresholdA: 1.5m), 0.8m, 0.95m));

        Assert.Equal((SettingsField.ThresholdA, SettingsProblemKind.OutOfRange), (problem.Field, problem.Kind));
    }

    [Fact]
    public void Problems_AcceptableChange_None()
    {
        Assert.Empty(KeyAccountSettings.Problems(new KeyAccountSettingsChange(0.5m, 0.6m, 0.7m, 0.9m, ["Gold", "Key", "Standard"]), 0.8m, 0.95m));
        Assert.Null(KeyAccountSettings.Problem(new KeyAccountSettingsChange(Alpha: 1m), 0.8m, 0.95m));
    }
}
