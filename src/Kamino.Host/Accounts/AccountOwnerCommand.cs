using System.CommandLine;
using Kamino.Accounts;
using Kamino.Host.Cli;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Accounts;

/// <summary><c>kamino accounts owner CUSTOMERKEY --kam EMAIL</c>: sets or reassigns a key account's owner.</summary>
public static class AccountOwnerCommand
{
    private static readonly Argument<string> Key = new("CUSTOMERKEY") { Description = "The customer's key" };
    private static readonly Option<string> Kam = new("--kam") { Description = "Email of the new owner (a KAM, Lead KAM or Director)", Required = true };

    public static Command Create()
    {
        var command = new Command("owner", "Set the owner of a key account; the previous owner stays on the team as a member") { Key, Kam };
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
