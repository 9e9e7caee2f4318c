using System.CommandLine;
using Kamino.Customers;
using Kamino.Host.Cli;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Customers;

/// <summary><c>kamino accounts refer CUSTOMER --by REFERRER | --none</c>: who brought a customer.</summary>
public static class ReferCommand
{
    private static readonly Argument<string> Customer = new Argument<string>("CUSTOMER").Help("Help_Refer_Customer");
    private static readonly Option<string?> By = new Option<string?>("--by").Help("Help_Refer_By");
    private static readonly Option<bool> None = new Option<bool>("--none").Help("Help_Refer_None");
    private static readonly Option<string?> User = new Option<string?>("--user").Help("Help_Refer_User");

    public static Command Create()
    {
        var command = new Command("refer", Say("Help_Refer")) { Customer, By, None, User };
        command.Validators.Add(r =>
        {
            if (r.GetValue(By) is null == !r.GetValue(None))
            {
                r.AddError(Say("Customers_GiveByOrNone"));
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.CustomerAsync(parse.GetValue(Customer)!, ct) is not { } customer)
            {
                return ExitCodes.Failure;
            }

            Kamino.Customers.Customer? referrer = null;
            if (parse.GetValue(By) is { } by && (referrer = await ws.CustomerAsync(by, ct)) is null)
            {
                return ExitCodes.Failure;
            }

            if (await ws.OptionalMemberAsync(parse.GetValue(User), ct) is not (true, var userId))
            {
                return ExitCodes.Failure;
            }

            var result = await Referrals.SetAsync(ws.Db, ws.WorkspaceId, customer.Id, referrer?.Id, userId, CliContext.Clock, ct);
            return await CliContext.ReportAsync(result, referrer is null ? Say("Customers_NoReferrer", customer.Key) : Say("Customers_ReferredByDone", customer.Key, referrer.Key));
        });
        return command;
    }
}
