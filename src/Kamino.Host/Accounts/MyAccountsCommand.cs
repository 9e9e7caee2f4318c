using System.CommandLine;
using Kamino.Accounts;
using Kamino.Host.Cli;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Accounts;

/// <summary><c>kamino accounts mine --user EMAIL</c>: a user's key accounts (their teams, and for a Lead KAM their KAMs' accounts).</summary>
public static class MyAccountsCommand
{
    private static readonly Option<string> User = new Option<string>("--user") { Required = true }.Help("Help_MyAccounts_User");

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("mine", Say("Help_MyAccounts_Mine")) { User, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.MemberAsync(parse.GetValue(User)!, ct) is not { } userId)
            {
                return ExitCodes.Failure;
            }

            var accounts = await AccountTeams.MineAsync(ws.Db, ws.WorkspaceId, userId, ct);
            CliOutput.Print(parse.GetValue(format), accounts,
                new CliColumn<MyAccountDto>(Say("Accounts_Customer"), "customerKey", a => a.CustomerKey),
                new CliColumn<MyAccountDto>(Say("Accounts_Name"), "customerName", a => a.CustomerName),
                new CliColumn<MyAccountDto>(Say("Accounts_Owner"), "ownerEmail", a => a.OwnerEmail),
                new CliColumn<MyAccountDto>(Say("Accounts_Why"), "reason", a => a.Reason.ToString()),
                new CliColumn<MyAccountDto>(Say("Accounts_Department"), "department", a => a.Department?.ToString()));
            return ExitCodes.Ok;
        });
        return command;
    }
}
