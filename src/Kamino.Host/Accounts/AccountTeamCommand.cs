using System.CommandLine;
using Kamino.Accounts;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Accounts;

/// <summary><c>kamino accounts team CUSTOMERKEY</c>: the owner and members of an account's team.</summary>
public static class AccountTeamCommand
{
    private static readonly Argument<string> Key = new Argument<string>("CUSTOMERKEY").Help("Help_AccountTeam_Key");

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("team", Say("Help_AccountTeam_Team")) { Key, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.CustomerAsync(parse.GetValue(Key)!, ct) is not { } customer)
            {
                return ExitCodes.Failure;
            }

            var team = (await AccountTeams.GetAsync(ws.Db, ws.WorkspaceId, customer.Id, ct))!;
            var output = parse.GetValue(format);
            if (output == OutputFormat.Table)
            {
                KaminoCli.Out.WriteLine(Say("Accounts_TeamTitle", team.CustomerKey, team.CustomerName, Say(team.IsKeyAccount ? "Accounts_KeyAccount" : "Accounts_NotKeyAccount")));
            }

            CliOutput.Print(output, team.Members,
                new CliColumn<TeamMemberDto>(Say("Accounts_Email"), "email", m => m.Email),
                new CliColumn<TeamMemberDto>(Say("Accounts_Name"), "displayName", m => m.DisplayName),
                new CliColumn<TeamMemberDto>(Say("Accounts_Role"), "role", m => m.Role.ToString()),
                new CliColumn<TeamMemberDto>(Say("Accounts_Department"), "department", m => m.Department.ToString()),
                new CliColumn<TeamMemberDto>(Say("Accounts_Owner"), "isOwner", m => Say(m.IsOwner ? "Accounts_True" : "Accounts_False"), m => m.IsOwner ? "true" : "false"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
