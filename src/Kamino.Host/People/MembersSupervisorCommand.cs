using System.CommandLine;
using Kamino.Host.Cli;
using Kamino.People;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.People;

/// <summary><c>kamino members supervisor EMAIL --lead EMAIL | --none</c>: the Lead KAM who supervises a KAM.</summary>
public static class MembersSupervisorCommand
{
    private static readonly Argument<string> Email = new Argument<string>("EMAIL").Help("Help_MembersSupervisor_Email");
    private static readonly Option<string?> Lead = new Option<string?>("--lead").Help("Help_MembersSupervisor_Lead");
    private static readonly Option<bool> None = new Option<bool>("--none").Help("Help_MembersSupervisor_None");

    public static Command Create()
    {
        var command = new Command("supervisor", Say("Help_MembersSupervisor_Supervisor")) { Email, Lead, None };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(Lead) is null) == !r.GetValue(None))
            {
                r.AddError(Say("People_LeadOrNone"));
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.MemberAsync(parse.GetValue(Email)!, ct) is not { } kamId)
            {
                return ExitCodes.Failure;
            }

            string? leadId = null;
            if (parse.GetValue(Lead) is { } leadEmail && (leadId = await ws.MemberAsync(leadEmail, ct)) is null)
            {
                return ExitCodes.Failure;
            }

            var result = await Members.SetSupervisorAsync(ws.Db, ws.WorkspaceId, kamId, leadId, null, CliContext.Clock, ct);
            return await CliContext.ReportAsync(result,
                leadId is null ? Say("People_NoSupervisor", parse.GetValue(Email)) : Say("People_SupervisedBy", parse.GetValue(Email), parse.GetValue(Lead)));
        });
        return command;
    }
}
