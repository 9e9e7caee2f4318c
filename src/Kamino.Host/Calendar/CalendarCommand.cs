using System.CommandLine;
using Kamino.Calendar;
using Kamino.Host.Cli;
using Kamino.Host.Web;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Calendar;

/// <summary>
/// <c>kamino calendar url --user EMAIL [--public-url URL]</c>: makes a member's calendar feed address (replacing
/// the old one) and prints it; <c>kamino calendar revoke --user EMAIL</c> stops it (docs/cadence.md).
/// </summary>
public static class CalendarCommand
{
    private static readonly Option<string> User = new Option<string>("--user") { Required = true }.Help("Help_Calendar_User");
    private static readonly Option<string?> Public = new Option<string?>("--public-url").Help("Help_Calendar_Public");

    public static Command Create()
    {
        var url = new Command("url", Say("Help_Calendar_Url")) { User, Public };
        url.SetAction(async (parse, ct) =>
        {
            string? root;
            try
            {
                root = PublicUrl.Parse(parse.GetValue(Public));
            }
            catch (InvalidOperationException e)
            {
                await KaminoCli.Error.WriteLineAsync(e.Message.Replace(PublicUrl.Setting, "--public-url", StringComparison.Ordinal));
                return ExitCodes.Usage;
            }

            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.MemberAsync(parse.GetValue(User)!, ct) is not { } userId)
            {
                return ExitCodes.Failure;
            }

            var token = await CalendarFeeds.CreateAsync(ws.Db, ws.WorkspaceId, userId, CliContext.Clock, ct);
            KaminoCli.Out.Profile.Out.Writer.WriteLine((root ?? "") + CalendarApi.FeedPath(token!));
            return ExitCodes.Ok;
        });
        var revoke = new Command("revoke", Say("Help_Calendar_Revoke")) { User };
        revoke.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.MemberAsync(parse.GetValue(User)!, ct) is not { } userId)
            {
                return ExitCodes.Failure;
            }

            if (!await CalendarFeeds.RevokeAsync(ws.Db, ws.WorkspaceId, userId, CliContext.Clock, ct))
            {
                await KaminoCli.Error.WriteLineAsync(Say("Calendar_NoFeed", parse.GetValue(User)));
                return ExitCodes.Failure;
            }

            KaminoCli.Out.WriteLine(Say("Calendar_Revoked"));

            return ExitCodes.Ok;
        });
        return new Command("calendar", Say("Help_Calendar")) { url, revoke };
    }
}
