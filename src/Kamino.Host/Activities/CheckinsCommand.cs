using System.CommandLine;
using System.Globalization;
using Kamino.Activities;
using Kamino.Host.Cli;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Activities;

/// <summary>
/// <c>kamino checkins due [--mine | --team] [--user EMAIL] [--today DATE] [--format table|json|csv]</c>: the key
/// accounts with a check-in cadence, most overdue first (docs/cadence.md).
/// </summary>
public static class CheckinsCommand
{
    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var due = new Command("due", Say("Help_Checkins_Due"))
        {
            format,
        };
        ScopeOptions.AddTo(due);
        due.SetAction(async (parse, ct) =>
        {
            if (!CliFormat.TryDate(parse.GetValue(ScopeOptions.Today), "--today", out var today, out var error))
            {
                await KaminoCli.Error.WriteLineAsync(error);
                return ExitCodes.Usage;
            }

            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            if (await ScopeOptions.UserIdAsync(parse, ws, ct) is not { } userId)
            {
                return ExitCodes.Failure;
            }

            var rows = await CheckinsDue.ListAsync(ws.Db, ws.WorkspaceId, ScopeOptions.Scope(parse), userId, today ?? ws.Today, ct);
            CliOutput.Print(parse.GetValue(format), rows,
                new CliColumn<CheckinDue>(Say("Activities_Customer"), "customerId", r => r.CustomerId),
                new CliColumn<CheckinDue>(Say("Activities_Name"), "name", r => r.Name),
                new CliColumn<CheckinDue>(Say("Activities_Tier"), "tier", r => r.Tier),
                new CliColumn<CheckinDue>(Say("Activities_Owner"), "owner", r => r.Owner),
                new CliColumn<CheckinDue>(Say("Activities_LastCheckin"), "lastCheckin", r => Day(r.LastCheckin)),
                new CliColumn<CheckinDue>(Say("Activities_NextDue"), "nextDue", r => Day(r.NextDue)),
                new CliColumn<CheckinDue>(Say("Activities_Status"), "status", r => Say("Activities_Status_" + r.Status), r => StatusName(r.Status)),
                new CliColumn<CheckinDue>(Say("Activities_DaysOverdue"), "daysOverdue", r => r.DaysOverdue.ToString(CultureInfo.InvariantCulture)));

            return ExitCodes.Ok;
        });
        return new Command("checkins", Say("Help_Checkins")) { due };
    }

    /// <summary>The status as JSON writes it: <c>upToDate</c>, <c>dueSoon</c>, <c>overdue</c>, <c>neverContacted</c>.</summary>
    public static string StatusName(CheckinStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
