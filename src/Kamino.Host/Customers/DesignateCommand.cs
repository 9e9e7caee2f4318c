using System.CommandLine;
using Kamino.Customers;
using Kamino.Host.Cli;
using Microsoft.EntityFrameworkCore;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Customers;

/// <summary>
/// <c>kamino accounts designate CUSTOMERKEY [--tier NAME] --reason T [--user EMAIL]</c> and
/// <c>kamino accounts undesignate CUSTOMERKEY --reason T [--user EMAIL]</c>: a person's decision, with
/// its reason, kept in the designation history. One file for both: they are the same decision either way.
/// </summary>
public static class DesignateCommand
{
    private static readonly Argument<string> Key = new Argument<string>("CUSTOMERKEY").Help("Help_Designate_Key");
    private static readonly Option<string> Reason = new Option<string>("--reason") { Required = true }.Help("Help_Designate_Reason");
    private static readonly Option<string?> Tier = new Option<string?>("--tier").Help("Help_Designate_Tier");
    private static readonly Option<string?> User = new Option<string?>("--user").Help("Help_Designate_User");

    /// <param name="designate">True for <c>designate</c>, false for <c>undesignate</c>.</param>
    public static Command Create(bool designate)
    {
        var command = designate
            ? new Command("designate", Say("Help_Designate")) { Key, Tier, Reason, User }
            : new Command("undesignate", Say("Help_Designate_Undesignate")) { Key, Reason, User };
        command.Validators.Add(r =>
        {
            if (Designations.ReasonProblem(r.GetValue(Reason)) is { } problem)
            {
                r.AddError("--reason: " + Say(problem));
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.CustomerAsync(parse.GetValue(Key)!, ct) is not { } customer)
            {
                return ExitCodes.Failure;
            }

            if (await ws.OptionalMemberAsync(parse.GetValue(User), ct) is not (true, var userId))
            {
                return ExitCodes.Failure;
            }

            var result = designate
                ? await Designations.DesignateAsync(ws.Db, ws.WorkspaceId, customer.Id, parse.GetValue(Tier), parse.GetValue(Reason)!, userId, CliContext.Clock, ct)
                : await Designations.UndesignateAsync(ws.Db, ws.WorkspaceId, customer.Id, parse.GetValue(Reason)!, userId, CliContext.Clock, ct);
            if (!designate || !result.Succeeded)
            {
                return await CliContext.ReportAsync(result, Say("Customers_Undesignated", customer.Key));
            }

            var now = await ws.Db.Customers.Where(c => c.WorkspaceId == ws.WorkspaceId && c.Id == customer.Id).Select(c => new { c.IsKeyAccount, Tier = ws.Db.Tiers.Where(t => t.WorkspaceId == ws.WorkspaceId && t.Id == c.TierId).Select(t => t.Name).FirstOrDefault() }).FirstAsync(ct);
            return await CliContext.ReportAsync(result, Say(now.IsKeyAccount ? "Customers_Designated" : "Customers_DesignatedNotKey", customer.Key, now.Tier));
        });
        return command;
    }
}
