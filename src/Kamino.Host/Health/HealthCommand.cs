using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Kamino.Exports;
using Kamino.Health;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Health;

/// <summary>
/// <c>kamino accounts health [CUSTOMER] [--mine | --team --user EMAIL] [--today DATE] [--format table|json|csv]</c>: the
/// health score of key accounts by its parts, worst first (docs/health.md).
/// </summary>
public static class HealthCommand
{
    private static readonly Argument<string?> Customer = new Argument<string?>("CUSTOMER")
    {
        Arity = ArgumentArity.ZeroOrOne,
    }.Help("Help_Health_Customer");

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption(xlsx: true);
        var command = new Command("health", Say("Help_Health"))
        {
            Customer, format,
        };
        ScopeOptions.AddTo(command);
        CliFormat.WithXlsx(command, format);
        command.SetAction(async (parse, ct) =>
        {
            if (!CliFormat.TryDate(parse.GetValue(ScopeOptions.Today), "--today", out var day, out var error))
            {
                await KaminoCli.Error.WriteLineAsync(error);
                return ExitCodes.Usage;
            }

            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var today = day ?? ws.Today;
            if (parse.GetValue(Customer) is { } key)
            {
                if (await ws.CustomerAsync(key, ct) is not { } customer)
                {
                    return ExitCodes.Failure;
                }

                if (await AccountHealth.OfAsync(ws.Db, ws.WorkspaceId, customer.Id, today, ct) is not { } one)
                {
                    await KaminoCli.Error.WriteLineAsync(Say("Health_NotKeyAccount", key));
                    return ExitCodes.Failure;
                }

                if (parse.GetValue(format) == OutputFormat.Xlsx)
                {
                    await CliOutput.WriteXlsxAsync(parse, ExportLists.KeyAccounts([one]), ct);
                    return ExitCodes.Ok;
                }

                PrintOne(parse.GetValue(format), one.AsDto());
                return ExitCodes.Ok;
            }

            if (await ScopeOptions.UserIdAsync(parse, ws, ct) is not { } userId)
            {
                return ExitCodes.Failure;
            }

            var health = await AccountHealth.ListAsync(ws.Db, ws.WorkspaceId, ScopeOptions.Scope(parse), userId, today, ct);
            if (parse.GetValue(format) == OutputFormat.Xlsx)
            {
                await CliOutput.WriteXlsxAsync(parse, ExportLists.KeyAccounts(health), ct);
                return ExitCodes.Ok;
            }

            CliOutput.Print(parse.GetValue(format), health.Select(r => r.AsDto()).ToList(), Columns);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The columns of the list: the account, its score and band, then each part's points (CSV) or points/weight (table).</summary>
    private static CliColumn<AccountHealthDto>[] Columns =>
    [
        new(Say("Health_Customer"), "customerId", r => r.CustomerId),
        new(Say("Health_Name"), "name", r => r.Name),
        new(Say("Health_Tier"), "tier", r => r.Tier),
        new(Say("Health_Owner"), "owner", r => r.Owner),
        new(Say("Health_Score"), "score", r => r.Score.ToString(CultureInfo.InvariantCulture)),
        new(Say("Health_Band"), "band", r => Say("Health_Band_" + r.Band), r => Name(r.Band)),
        new(Say("Health_Part_Freshness"), Name(HealthPartName.Freshness), r => Points(r, HealthPartName.Freshness)),
        new(Say("Health_Part_Satisfaction"), Name(HealthPartName.Satisfaction), r => Points(r, HealthPartName.Satisfaction)),
        new(Say("Health_Part_RevenueTrend"), Name(HealthPartName.RevenueTrend), r => Points(r, HealthPartName.RevenueTrend)),
        new(Say("Health_Part_OverdueTasks"), Name(HealthPartName.OverdueTasks), r => Points(r, HealthPartName.OverdueTasks)),
    ];

    private static void PrintOne(OutputFormat format, AccountHealthDto h) => CliOutput.Print(
        format,
        h,
        w => CliOutput.WriteCsv(w, [h], Columns),
        console =>
        {
            console.MarkupLineInterpolated($"[bold]{h.Name}[/] ({h.CustomerId}) · {h.Tier} · {h.Owner ?? Say("Health_NoOwner")}");
            console.MarkupLineInterpolated($"[bold]{Say("Health_Health")}[/] {h.Score} ({Say("Health_Band_" + h.Band)})");
            var table = new Table().Border(TableBorder.Rounded).AddColumns(Say("Health_Part"), Say("Health_Points"), Say("Health_Weight"), Say("Health_Value"), Say("Health_Reason"));
            foreach (var p in h.Parts)
            {
                table.AddRow(new Text(Say("Health_Part_" + p.Name)), new Text(p.Points.ToString(CultureInfo.InvariantCulture)), new Text(p.Weight.ToString(CultureInfo.InvariantCulture)),
                    new Text(p.Value.ToString("0.####", CultureInfo.InvariantCulture)), new Text(p.Why?.In(CultureInfo.CurrentUICulture) ?? p.Reason));
            }

            console.Write(table);
        });

    private static string? Points(AccountHealthDto r, HealthPartName part) =>
        r.Parts.FirstOrDefault(p => p.Name == part)?.Points.ToString(CultureInfo.InvariantCulture);

    /// <summary>A band or part as JSON writes it (<c>red</c>, <c>revenueTrend</c>).</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value, KaminoJson.Options).Trim('"');
}
