using System.CommandLine;
using Kamino.Accounts;
using Kamino.Host.Cli;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Accounts;

/// <summary><c>kamino accounts owner CUSTOMERKEY --kam EMAIL</c>: sets or reassigns a key account's owner.</summary>
public static class AccountOwnerCommand
{
    private static readonly Argument<string> Key = new Argument<string>("CUSTOMERKEY").Help("Help_AccountOwner_Key");
    private static readonly Option<string> Kam = new Option<string>("--kam") { Required = true }.Help("Help_AccountOwner_Kam");

    public static Command Create()
    {
        var command = new Command("owner", Say("Help_AccountOwner_Owner")) { Key, Kam };
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null
                || await ws.CustomerAsync(parse.GetValue(Key)!, ct) is not { } customer
                || await ws.MemberAsync(parse.GetValue(Kam)!, ct) is not { } userId)
            {
                return ExitCodes.Failure;
            }

            var result = await AccountTeams.SetOwnerAsync(ws.Db, ws.WorkspaceId, customer.Id, userId, null, CliContext.Clock, ct: ct);
            return await CliContext.ReportAsync(result, Say("Accounts_Owns", parse.GetValue(Kam), customer.Key));
        });
        return command;
    }
}
