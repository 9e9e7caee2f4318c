using System.CommandLine;
using System.Globalization;
using Kamino.Activities;
using Kamino.Host.Cli;
using Kamino.Host.WorkTasks;

namespace Kamino.Host.Activities;

/// <summary>
/// <c>kamino checkins due [--mine | --team] [--user EMAIL] [--today DATE] [--format table|json|csv]</c>: the key
/// accounts with a check-in cadence, most overdue first (docs/cadence.md).
/// </summary>
public static class CheckinsCommand
{
    // Shared with `kamino alerts`, whose scopes are the same.
    internal static readonly Option<bool> Mine = new("--mine") { Description = "Only the accounts whose team --user is on (owner or member)" };
    internal static readonly Option<bool> Team = new("--team") { Description = "--user's accounts and, for a Lead KAM, those of the KAMs they supervise" };
    internal static readonly Option<string?> User = new("--user") { Description = "Whose accounts (a member's email); needed with --mine and --team" };
    internal static readonly Option<string?> Today = new("--today") { Description = "The day to judge on, yyyy-mm-dd (default: today)" };

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var due = new Command("due", "Check-ins due on key accounts: never contacted, overdue, due soon (≤ 7 days), up to date; most overdue first")
        {
            Mine, Team, User, Today, format,
        };
        due.Validators.Add(ValidateScope);
        due.SetAction(async (parse, ct) =>
        {
            if (!CliFormat.TryDate(parse.GetValue(Today), "--today", out var today, out var error))
            {
                await KaminoCli.Error.WriteLineAsync(error);
                return ExitCodes.Usage;
            }

            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var userId = "";
            if (parse.GetValue(User) is { } email && (userId = await ws.MemberAsync(email, ct)) is null)
            {
                return ExitCodes.Failure;
            }

            var scope = ScopeOf(parse);
            var rows = await CheckinsDue.ListAsync(ws.Db, ws.WorkspaceId, scope, userId, today ?? TasksCommand.Today(CliContext.Clock), ct);
            CliOutput.Print(parse.GetValue(format), rows,
                new CliColumn<CheckinDue>("Customer", "customerId", r => r.CustomerId),
                new CliColumn<CheckinDue>("Name", "name", r => r.Name),
                new CliColumn<CheckinDue>("Tier", "tier", r => r.Tier),
                new CliColumn<CheckinDue>("Owner", "owner", r => r.Owner),
                new CliColumn<CheckinDue>("Last check-in", "lastCheckin", r => Day(r.LastCheckin)),
                new CliColumn<CheckinDue>("Next due", "nextDue", r => Day(r.NextDue)),
                new CliColumn<CheckinDue>("Status", "status", r => StatusName(r.Status)),
                new CliColumn<CheckinDue>("Days overdue", "daysOverdue", r => r.DaysOverdue.ToString(CultureInfo.InvariantCulture)));
            return ExitCodes.Ok;
        });
        return new Command("checkins", "Check-ins on key accounts (cadence)") { due };
    }

    /// <summary>--mine or --team, not both, and either needs --user.</summary>
    internal static void ValidateScope(System.CommandLine.Parsing.CommandResult r)
    {
        if (r.GetValue(Mine) && r.GetValue(Team))
        {
            r.AddError("give --mine or --team, not both");
        }
        else if ((r.GetValue(Mine) || r.GetValue(Team)) && r.GetValue(User) is null)
        {
            r.AddError("--mine and --team need --user EMAIL (whose accounts)");
        }
    }

    /// <summary>The scope the options ask for: --mine, --team, else the workspace.</summary>
    internal static CheckinScope ScopeOf(ParseResult parse) =>
        parse.GetValue(Mine) ? CheckinScope.Mine : parse.GetValue(Team) ? CheckinScope.Team : CheckinScope.Workspace;

    /// <summary>The status as JSON writes it: <c>upToDate</c>, <c>dueSoon</c>, <c>overdue</c>, <c>neverContacted</c>.</summary>
    public static string StatusName(CheckinStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
