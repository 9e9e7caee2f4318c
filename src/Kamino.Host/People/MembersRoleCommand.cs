using System.CommandLine;
using Kamino.Host.Cli;
using Kamino.People;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.People;

/// <summary><c>kamino members role EMAIL --role R</c>: changes a member's role (never the last Director's).</summary>
public static class MembersRoleCommand
{
    private static readonly Argument<string> Email = new Argument<string>("EMAIL").Help("Help_MembersRole_Email");
    private static readonly Option<Role> NewRole = new Option<Role>("--role") { Required = true }.Help("Help_MembersRole_NewRole").DefinedOnly();

    public static Command Create()
    {
        var command = new Command("role", Say("Help_MembersRole_Role")) { Email, NewRole };
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.MemberAsync(parse.GetValue(Email)!, ct) is not { } userId)
            {
                return ExitCodes.Failure;
            }

            var role = parse.GetValue(NewRole);
            var result = await Members.ChangeRoleAsync(ws.Db, ws.WorkspaceId, userId, role, null, CliContext.Clock, ct);
            return await CliContext.ReportAsync(result, Say("People_RoleChanged", parse.GetValue(Email), role));
        });
        return command;
    }
}
