using System.CommandLine;
using Kamino.Host.Cli;
using Kamino.People;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.People;

/// <summary><c>kamino members list</c>: email, name, role and supervisor of every member.</summary>
public static class MembersListCommand
{
    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("list", Say("Help_MembersList_List")) { format };
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var members = await Members.ListAsync(ws.Db, ws.WorkspaceId, ct);
            CliOutput.Print(parse.GetValue(format), members,
                new CliColumn<MemberDto>(Say("People_Email"), "email", m => m.Email),
                new CliColumn<MemberDto>(Say("People_Name"), "displayName", m => m.DisplayName),
                new CliColumn<MemberDto>(Say("People_Role"), "role", m => m.Role.ToString()),
                new CliColumn<MemberDto>(Say("People_Supervisor"), "supervisorEmail", m => m.SupervisorEmail),
                new CliColumn<MemberDto>(Say("People_Status"), "status", m => Say(m.Disabled ? "People_Disabled" : "People_Active"), m => m.Disabled ? "disabled" : "active"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
