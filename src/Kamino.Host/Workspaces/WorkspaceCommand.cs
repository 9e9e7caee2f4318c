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
    private static readonly Option<string[]> TaxId = new("--tax-id")
    {
        Description = "One of the workspace's own tax ids (repeat for several); e-invoices from any other seller are rejected on import",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<bool> NoTaxIds = new("--no-tax-ids")
    {
        Description = "Forget the workspace's tax ids: e-invoices from any seller are accepted",
    };

    private static readonly Option<decimal?> Alpha = new("--alpha") { Description = "Weight of revenue in the key-account score, 0..1 (default 0.7)", CustomParser = r => CliFormat.InvariantDecimal(r) };
    private static readonly Option<decimal?> SuggestThreshold = new("--suggest-threshold") { Description = "Score from which a customer is suggested as a key account, 0..1 (default 0.6)", CustomParser = r => CliFormat.InvariantDecimal(r) };
    private static readonly Option<decimal?> ThresholdA = new("--threshold-a") { Description = "Cumulative revenue share closing class A, t_A (default 0.80)", CustomParser = r => CliFormat.InvariantDecimal(r) };
    private static readonly Option<decimal?> ThresholdB = new("--threshold-b") { Description = "Cumulative revenue share closing class B, t_B (default 0.95)", CustomParser = r => CliFormat.InvariantDecimal(r) };
    private static readonly Option<int?> HealthFreshness = new("--health-freshness") { Description = "Health weight of contact freshness, 0–100 (default 35); the four health weights sum to 100" };
    private static readonly Option<int?> HealthSatisfaction = new("--health-satisfaction") { Description = "Health weight of satisfaction (CSAT), 0–100 (default 25)" };
    private static readonly Option<int?> HealthRevenue = new("--health-revenue") { Description = "Health weight of the revenue trend, 0–100 (default 30)" };
    private static readonly Option<int?> HealthTasks = new("--health-tasks") { Description = "Health weight of overdue tasks, 0–100 (default 10)" };
    private static readonly Option<string?> TimeZone = new("--time-zone") { Description = "IANA time zone whose date is 'today' for due dates, cadence, health and alerts, e.g. Europe/Madrid (the default), Atlantic/Canary, UTC" };
    private static readonly Option<string?> Name = new("--name") { Description = "The workspace's display name, 1 to 200 characters" };
    private static readonly Option<string?> Currency = new("--currency") { Description = "The reporting currency (ISO 4217, e.g. EUR); it can change only while the workspace has no sale lines" };
    private static readonly Option<int?> KamCapacity = new("--kam-capacity") { Description = "Key accounts one KAM can serve, 1 to 1000 (default 15); the team's capacity (this × KAMs) bounds the suggestions" };
    private static readonly Option<string?> TierNames = new("--tiers") { Description = "Tier names, highest first, comma-separated, 2 to 5 (default Key,Standard); all but the last are key accounts" };

    public static Command Create() => new("workspace", "Create a workspace; its own settings: its tax ids and the key-account settings")
    {
        WorkspaceCreateCommand.Create(),
        CreateSet(),
        CreateShow(),
    };

    private static Command CreateSet()
    {
        var command = new Command("set", "Record the workspace's own tax ids (replacing those recorded; the workspace is created if needed) and/or its key-account settings")
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
                    await KaminoCli.Error.WriteLineAsync(set.Change.Problem);
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
            await KaminoCli.Error.WriteLineAsync(result.Problem);
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
        var command = new Command("show", "Show the workspace's own tax ids and key-account settings") { format };
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
