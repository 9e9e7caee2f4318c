using System.CommandLine;
using Kamino.Accounts;
using Kamino.Host.Cli;
using Kamino.People;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Accounts;

/// <summary><c>kamino accounts member CUSTOMERKEY --user EMAIL --department D [--remove]</c>: a key account's team members.</summary>
public static class AccountMemberCommand
{
    private static readonly Argument<string> Key = new Argument<string>("CUSTOMERKEY").Help("Help_AccountMember_Key");
    private static readonly Option<string> User = new Option<string>("--user") { Required = true }.Help("Help_AccountMember_User");
    private static readonly Option<Department?> DepartmentOption = new Option<Department?>("--department").Help("Help_AccountMember_Department").DefinedOnly();

    private static readonly Option<bool> Remove = new Option<bool>("--remove").Help("Help_AccountMember_Remove");

    public static Command Create()
    {
        var command = new Command("member", Say("Help_AccountMember_Member")) { Key, User, DepartmentOption, Remove };
        command.Validators.Add(r =>
        {
            if (!r.GetValue(Remove) && r.GetValue(DepartmentOption) is null)
            {
                r.AddError(Say("Accounts_DepartmentRequired"));
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null
                || await ws.CustomerAsync(parse.GetValue(Key)!, ct) is not { } customer
                || await ws.MemberAsync(parse.GetValue(User)!, ct) is not { } userId)
            {
                return ExitCodes.Failure;
            }

            var email = parse.GetValue(User);
            if (parse.GetValue(Remove))
            {
                var removed = await AccountTeams.RemoveMemberAsync(ws.Db, ws.WorkspaceId, customer.Id, userId, null, CliContext.Clock, ct);
                return await CliContext.ReportAsync(removed, Say("Accounts_LeftTeam", email, customer.Key));
            }

            var department = parse.GetValue(DepartmentOption)!.Value;
            var result = await AccountTeams.SetMemberAsync(ws.Db, ws.WorkspaceId, customer.Id, userId, department, null, CliContext.Clock, ct);
            return await CliContext.ReportAsync(result, Say("Accounts_OnTeam", email, customer.Key, department));
        });
        return command;
    }
}
