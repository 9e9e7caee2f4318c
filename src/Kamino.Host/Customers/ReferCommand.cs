using System.CommandLine;
using Kamino.Customers;
using Kamino.Host.Cli;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Customers;

/// <summary><c>kamino accounts refer CUSTOMER --by REFERRER | --none</c>: who brought a customer.</summary>
public static class ReferCommand
{
    private static readonly Argument<string> Customer = new("CUSTOMER") { Description = "The referred customer's key" };
    private static readonly Option<string?> By = new("--by") { Description = "The key of the customer who referred it" };
    private static readonly Option<bool> None = new("--none") { Description = "Forget who referred it" };
    private static readonly Option<string?> User = new("--user") { Description = "Email of the member who records it; default: the system" };

    public static Command Create()
    {
        var command = new Command("refer", "Record which customer referred another (its revenue becomes evidence for the referrer's contacts)") { Customer, By, None, User };
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
