using System.CommandLine;
using Kamino.Activities;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Cli;

/// <summary>
/// <c>[--mine | --team] [--user EMAIL] [--today DATE]</c>: whose key accounts a command lists and on which day, as
/// <c>kamino checkins due</c> and <c>kamino accounts health</c> take them.
/// </summary>
internal static class ScopeOptions
{
    public static readonly Option<bool> Mine = new Option<bool>("--mine").Help("Help_Scope_Mine");
    public static readonly Option<bool> Team = new Option<bool>("--team").Help("Help_Scope_Team");
    public static readonly Option<string?> User = new Option<string?>("--user").Help("Help_Scope_User");
    public static readonly Option<string?> Today = new Option<string?>("--today").Help("Help_Scope_Today");

    /// <summary>Adds the four options and the check that --mine and --team are not both given and come with --user.</summary>
    public static void AddTo(Command command)
    {
        command.Options.Add(Mine);
        command.Options.Add(Team);
        command.Options.Add(User);
        command.Options.Add(Today);
        command.Validators.Add(r =>
        {
            if (r.GetValue(Mine) && r.GetValue(Team))
            {
                r.AddError(Say("Scope_MineOrTeam"));
            }
            else if ((r.GetValue(Mine) || r.GetValue(Team)) && r.GetValue(User) is null)
            {
                r.AddError(Say("Scope_NeedsUser"));
            }
        });
    }

    public static CheckinScope Scope(ParseResult parse) =>
        parse.GetValue(Mine) ? CheckinScope.Mine : parse.GetValue(Team) ? CheckinScope.Team : CheckinScope.Workspace;

    /// <summary>The user id of --user in the workspace ("" without --user), or null after writing why it is not a member.</summary>
    public static async Task<string?> UserIdAsync(ParseResult parse, CliContext ws, CancellationToken ct) =>
        parse.GetValue(User) is { } email ? await ws.MemberAsync(email, ct) : "";
}
