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
    private static readonly Option<string> User = new("--user") { Description = "Whose feed: a member's email", Required = true };
    private static readonly Option<string?> Public = new("--public-url") { Description = "The address users reach Kamino at (e.g. https://kamino.example.com); without it only the path is printed" };

    public static Command Create()
    {
        var url = new Command("url", "Make a member's personal calendar feed (a new address replaces the old one) and print its address, once") { User, Public };
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
        var revoke = new Command("revoke", "Revoke a member's calendar feed: its address stops working") { User };
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
        return new Command("calendar", "Personal calendar feeds (iCalendar): check-ins due and open tasks") { url, revoke };
    }
}
