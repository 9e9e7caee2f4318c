using System.CommandLine;
using Kamino.Host.Cli;
using Kamino.People;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.People;

/// <summary><c>kamino members remove EMAIL</c>: takes a member out of the workspace (the user account stays).</summary>
public static class MembersRemoveCommand
{
    private static readonly Argument<string> Email = new Argument<string>("EMAIL").Help("Help_MembersRemove_Email");

    public static Command Create()
    {
        var command = new Command("remove", Say("Help_MembersRemove_Remove")) { Email };
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.MemberAsync(parse.GetValue(Email)!, ct) is not { } userId)
            {
                return ExitCodes.Failure;
            }

            var result = await Members.RemoveAsync(ws.Db, ws.WorkspaceId, userId, null, CliContext.Clock, ct);
            return await CliContext.ReportAsync(result, Say("People_Removed", parse.GetValue(Email), ws.Slug));
        });
        return command;
    }
}
