using System.CommandLine;
using System.Globalization;
using Kamino.Health;
using Kamino.Host.Cli;
using Kamino.Workspaces;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Workspaces;

/// <summary><c>kamino workspace set --tax-id X…</c> and <c>kamino workspace show</c>: the workspace's own settings.</summary>
public static class WorkspaceCommand
{
    private static readonly Option<string[]> TaxId = new Option<string[]>("--tax-id")
    {
        AllowMultipleArgumentsPerToken = false,
    }.Help("Help_Workspace_TaxId");

    private static readonly Option<bool> NoTaxIds = new Option<bool>("--no-tax-ids").Help("Help_Workspace_NoTaxIds");

    private static readonly Option<decimal?> Alpha = new Option<decimal?>("--alpha") { CustomParser = r => CliFormat.InvariantDecimal(r) }.Help("Help_Workspace_Alpha");
    private static readonly Option<decimal?> SuggestThreshold = new Option<decimal?>("--suggest-threshold") { CustomParser = r => CliFormat.InvariantDecimal(r) }.Help("Help_Workspace_SuggestThreshold");
    private static readonly Option<decimal?> ThresholdA = new Option<decimal?>("--threshold-a") { CustomParser = r => CliFormat.InvariantDecimal(r) }.Help("Help_Workspace_ThresholdA");
    private static readonly Option<decimal?> ThresholdB = new Option<decimal?>("--threshold-b") { CustomParser = r => CliFormat.InvariantDecimal(r) }.Help("Help_Workspace_ThresholdB");
    private static readonly Option<int?> HealthFreshness = new Option<int?>("--health-freshness").Help("Help_Workspace_HealthFreshness");
    private static readonly Option<int?> HealthSatisfaction = new Option<int?>("--health-satisfaction").Help("Help_Workspace_HealthSatisfaction");
    private static readonly Option<int?> HealthRevenue = new Option<int?>("--health-revenue").Help("Help_Workspace_HealthRevenue");
    private static readonly Option<int?> HealthTasks = new Option<int?>("--health-tasks").Help("Help_Workspace_HealthTasks");
    private static readonly Option<string?> TimeZone = new Option<string?>("--time-zone").Help("Help_Workspace_TimeZone");
    private static readonly Option<string?> Name = new Option<string?>("--name").Help("Help_Workspace_Name");
    private static readonly Option<string?> Currency = new Option<string?>("--currency").Help("Help_Workspace_Currency");
    private static readonly Option<int?> KamCapacity = new Option<int?>("--kam-capacity").Help("Help_Workspace_KamCapacity");
    private static readonly Option<string?> TierNames = new Option<string?>("--tiers").Help("Help_Workspace_TierNames");

    public static Command Create() => new("workspace", Say("Help_Workspace"))
    {
        WorkspaceCreateCommand.Create(),
        CreateSet(),
        CreateShow(),
    };

    private static Command CreateSet()
    {
        var command = new Command("set", Say("Help_Workspace_Set"))
        {
            TaxId,
            NoTaxIds,
            Name,
            Currency,
            Alpha,
            SuggestThreshold,
            ThresholdA,
            ThresholdB,
            TierNames,
            KamCapacity,
            TimeZone,
            HealthFreshness,
            HealthSatisfaction,
            HealthRevenue,
            HealthTasks,
        };
        command.SetAction(async (parse, ct) =>
        {
            var ids = parse.GetValue(TaxId) ?? [];
            var clear = parse.GetValue(NoTaxIds);
            var settings = new KeyAccountSettingsChange(parse.GetValue(Alpha), parse.GetValue(SuggestThreshold), parse.GetValue(ThresholdA), parse.GetValue(ThresholdB),
                parse.GetValue(TierNames)?.Split(',').Select(n => n.Trim()).ToList(), parse.GetValue(KamCapacity));
            var health = new HealthWeightsChange(parse.GetValue(HealthFreshness), parse.GetValue(HealthSatisfaction), parse.GetValue(HealthRevenue), parse.GetValue(HealthTasks));
            var zone = parse.GetValue(TimeZone);
            var profile = new WorkspaceProfileChange(parse.GetValue(Name), parse.GetValue(Currency));
            var hasSettings = settings != new KeyAccountSettingsChange() || health != new HealthWeightsChange() || zone is not null || profile != new WorkspaceProfileChange();
            if (ids.Length > 0 && clear)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Workspaces_TaxIdsOrNone"));
                return ExitCodes.Usage;
            }

            if (ids.Length == 0 && !clear)
            {
                if (!hasSettings)
                {
                    await KaminoCli.Error.WriteLineAsync(Say("Workspaces_NothingToSet"));
                    return ExitCodes.Usage;
                }

                return await SetSettingsAsync(parse, profile, settings, health, zone, ct);
            }

            var database = await CliContext.CreatedDatabaseAsync(parse, ct);
            var workspace = parse.GetValue(KaminoCli.Workspace)!;
            var (stored, error) = await OwnTaxIds.SetAsync(database, workspace, ids, TimeProvider.System, ct);
            if (error is not null)
            {
                await KaminoCli.Error.WriteLineAsync($"--tax-id: {error}");
                return ExitCodes.Usage;
            }

            KaminoCli.Out.WriteLine(Describe(workspace, stored!));
            return hasSettings ? await SetSettingsAsync(parse, profile, settings, health, zone, ct) : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The name and currency first, then the time zone, then the health weights (all or nothing, every problem named),
    /// then the key-account settings.
    /// </summary>
    private static async Task<int> SetSettingsAsync(ParseResult parse, WorkspaceProfileChange profile, KeyAccountSettingsChange change, HealthWeightsChange health, string? zone, CancellationToken ct)
    {
        await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
        if (ws is null)
        {
            return ExitCodes.Failure;
        }

        if (profile != new WorkspaceProfileChange())
        {
            var (stored, problems) = await WorkspaceProfile.SetAsync(ws.Db, ws.WorkspaceId, profile, null, TimeProvider.System, ct);
            foreach (var problem in problems)
            {
                await KaminoCli.Error.WriteLineAsync($"{(problem.Field == WorkspaceField.Name ? "--name" : "--currency")}: {Say(problem.Why)}");
            }

            if (stored is null)
            {
                return ExitCodes.Usage;
            }

            KaminoCli.Out.WriteLine(Say("Workspaces_Profile", stored.Slug, stored.Name, stored.Currency));
            if (zone is null && health == new HealthWeightsChange() && change == new KeyAccountSettingsChange())
            {
                return ExitCodes.Ok;
            }
        }

        if (zone is not null)
        {
            if (!await WorkspaceTime.SetZoneAsync(ws.Db, ws.WorkspaceId, zone.Trim(), null, TimeProvider.System, ct))
            {
                await KaminoCli.Error.WriteLineAsync(Say("Workspaces_BadZone", zone));
                return ExitCodes.Usage;
            }

            KaminoCli.Out.WriteLine(DescribeZone(await WorkspaceTime.ZoneOfAsync(ws.Db, ws.WorkspaceId, ct)));
            if (health == new HealthWeightsChange() && change == new KeyAccountSettingsChange())
            {
                return ExitCodes.Ok;
            }
        }

        if (health != new HealthWeightsChange())
        {
            var set = await HealthSettings.SetAsync(ws.Db, ws.WorkspaceId, health, null, TimeProvider.System, ct);
            foreach (var problem in set.Problems)
            {
                await KaminoCli.Error.WriteLineAsync($"{HealthOption(problem.Field)}: {Say(problem.Why)}");
            }

            if (!set.Change.Succeeded)
            {
                if (set.Problems.Count == 0)
                {
                    await KaminoCli.Error.WriteLineAsync(Say(set.Change.Why!));
                }

                return set.Change.Outcome == Kamino.ChangeOutcome.Invalid ? ExitCodes.Usage : ExitCodes.Failure;
            }

            KaminoCli.Out.WriteLine(HealthSettings.Describe((await HealthSettings.GetAsync(ws.Db, ws.WorkspaceId, ct))!));
            if (change == new KeyAccountSettingsChange())
            {
                return ExitCodes.Ok;
            }
        }

        var result = await KeyAccountSettings.SetAsync(ws.Db, ws.WorkspaceId, change, null, TimeProvider.System, ct);
        if (!result.Succeeded)
        {
            await KaminoCli.Error.WriteLineAsync(Say(result.Why!));
            return result.Outcome == Kamino.ChangeOutcome.Invalid ? ExitCodes.Usage : ExitCodes.Failure;
        }

        KaminoCli.Out.WriteLine(DescribeSettings((await KeyAccountSettings.GetAsync(ws.Db, ws.WorkspaceId, ct))!));
        return ExitCodes.Ok;
    }

    private static string DescribeZone(string zone) =>
        Say("Workspaces_Zone", zone, WorkspaceTime.Today(TimeProvider.System, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static string HealthOption(HealthWeightField field) => field switch
    {
        HealthWeightField.Freshness => "--health-freshness",
        HealthWeightField.Satisfaction => "--health-satisfaction",
        HealthWeightField.Revenue => "--health-revenue",
        HealthWeightField.Tasks => "--health-tasks",
        HealthWeightField.Sum => "--health-*",
    };

    private static string DescribeSettings(KeyAccountSettingsDto s) => Say("Workspaces_Settings", Shown(s.Alpha), Shown(s.SuggestThreshold), Shown(s.ThresholdA), Shown(s.ThresholdB),
        string.Join(", ", s.Tiers.Select(t => t.IsKey ? Say("Workspaces_KeyTier", t.Name) : t.Name)), s.KamCapacity.ToString(CultureInfo.InvariantCulture));

    /// <summary>A setting's number as the run's culture writes it (English: a dot, as before).</summary>
    private static string Shown(decimal value) => value.ToString("0.####", CliLanguage.IsSpanish ? CultureInfo.CurrentCulture : CultureInfo.InvariantCulture);

    private static Command CreateShow()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("show", Say("Help_Workspace_Show")) { format };
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var profile = (await WorkspaceProfile.GetAsync(ws.Db, ws.WorkspaceId, ct))!;
            var ids = profile.TaxIds;
            var settings = (await KeyAccountSettings.GetAsync(ws.Db, ws.WorkspaceId, ct))!;
            var health = (await HealthSettings.GetAsync(ws.Db, ws.WorkspaceId, ct))!;
            var zone = await WorkspaceTime.ZoneOfAsync(ws.Db, ws.WorkspaceId, ct);
            CliOutput.Print(
                parse.GetValue(format),
                new { name = profile.Name, currency = profile.Currency, taxIds = ids, timeZone = zone, keyAccounts = settings, healthWeights = health },
                w =>
                {
                    w.WriteLine("setting,value");
                    w.WriteLine("name," + CliFormat.CsvField(profile.Name));
                    w.WriteLine("currency," + CliFormat.CsvField(profile.Currency));
                    w.WriteLine("taxIds," + CliFormat.CsvField(string.Join(' ', ids)));
                    w.WriteLine("timeZone," + CliFormat.CsvField(zone));
                    w.WriteLine("alpha," + CliFormat.CsvNumber(settings.Alpha));
                    w.WriteLine("suggestThreshold," + CliFormat.CsvNumber(settings.SuggestThreshold));
                    w.WriteLine("thresholdA," + CliFormat.CsvNumber(settings.ThresholdA));
                    w.WriteLine("thresholdB," + CliFormat.CsvNumber(settings.ThresholdB));
                    w.WriteLine("tiers," + CliFormat.CsvField(string.Join(';', settings.Tiers.Select(t => t.Name))));
                    w.WriteLine("kamCapacity," + CliFormat.CsvNumber(settings.KamCapacity));
                    w.WriteLine("healthFreshness," + CliFormat.CsvNumber(health.Freshness));
                    w.WriteLine("healthSatisfaction," + CliFormat.CsvNumber(health.Satisfaction));
                    w.WriteLine("healthRevenue," + CliFormat.CsvNumber(health.Revenue));
                    w.WriteLine("healthTasks," + CliFormat.CsvNumber(health.Tasks));
                },
                console =>
                {
                    console.WriteLine(Say("Workspaces_NameAndCurrency", profile.Name, profile.Currency));
                    console.WriteLine(Describe(ws.Slug, ids));
                    console.WriteLine(DescribeZone(zone));
                    console.WriteLine(DescribeSettings(settings));
                    console.WriteLine(HealthSettings.Describe(health));
                });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(string workspace, IReadOnlyList<string> ids) => ids.Count == 0
        ? Say("Workspaces_NoTaxIds", workspace)
        : Say("Workspaces_TaxIds", workspace, string.Join(", ", ids));
}
