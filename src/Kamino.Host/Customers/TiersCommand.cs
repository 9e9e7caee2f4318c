using System.CommandLine;
using System.Globalization;
using Kamino.Customers;
using Kamino.Host.Cli;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Customers;

/// <summary>
/// <c>kamino tiers list</c> and <c>kamino tiers set NAME [--checkin-days N|none] [--channel call|visit|any]
/// [--discount MIN-MAX] [--priority N] [--promised-hours H]</c>: each tier's policy (PRODUCT.md §3, Tier policy).
/// </summary>
public static class TiersCommand
{
    private static readonly Argument<string> Name = new Argument<string>("NAME").Help("Help_Tiers_Name");
    private static readonly Option<string?> CheckinDays = new Option<string?>("--checkin-days").Help("Help_Tiers_CheckinDays");
    private static readonly Option<TierChannel?> Channel = new Option<TierChannel?>("--channel").Help("Help_Tiers_Channel").DefinedOnly();
    private static readonly Option<string?> Discount = new Option<string?>("--discount").Help("Help_Tiers_Discount");
    private static readonly Option<int?> Priority = new Option<int?>("--priority").Help("Help_Tiers_Priority");
    private static readonly Option<int?> PromisedHours = new Option<int?>("--promised-hours").Help("Help_Tiers_PromisedHours");

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var list = new Command("list", Say("Help_Tiers_List")) { format };
        list.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            CliOutput.Print(parse.GetValue(format), await Tiers.PoliciesAsync(ws.Db, ws.WorkspaceId, ct),
                new CliColumn<TierPolicyDto>(Say("Customers_Tier"), "name", t => t.Name),
                new CliColumn<TierPolicyDto>(Say("Customers_Rank"), "rank", t => Invariant(t.Rank)),
                new CliColumn<TierPolicyDto>(Say("Customers_KeyAccounts"), "isKey", t => t.IsKey ? "true" : "false"),
                new CliColumn<TierPolicyDto>(Say("Customers_CheckinDays"), "checkinDays", t => t.CheckinDays is { } d ? Invariant(d) : Say("Customers_NoneCadence"), t => t.CheckinDays is { } d ? Invariant(d) : "none"),
                new CliColumn<TierPolicyDto>(Say("Customers_Channel"), "channel", t => t.Channel.ToString().ToLowerInvariant()),
                new CliColumn<TierPolicyDto>(Say("Customers_DiscountMin"), "discountMinPct", t => Invariant(t.DiscountMinPct)),
                new CliColumn<TierPolicyDto>(Say("Customers_DiscountMax"), "discountMaxPct", t => Invariant(t.DiscountMaxPct)),
                new CliColumn<TierPolicyDto>(Say("Customers_Priority"), "orderPriority", t => Invariant(t.OrderPriority)),
                new CliColumn<TierPolicyDto>(Say("Customers_PromisedHours"), "promisedHours", t => Invariant(t.PromisedHours)));
            return ExitCodes.Ok;
        });

        var set = new Command("set", Say("Help_Tiers_Set")) { Name, CheckinDays, Channel, Discount, Priority, PromisedHours };
        set.Validators.Add(r =>
        {
            if (r.GetValue(CheckinDays) is { } days && !days.Equals("none", StringComparison.OrdinalIgnoreCase) && !int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                r.AddError(Say("Customers_BadCheckinDays", days));
            }

            if (r.GetValue(Discount) is { } discount && TierPolicies.ParseDiscount(discount) is null)
            {
                r.AddError(Say("Customers_BadDiscount", discount));
            }

            // Results, not values: reading the value of an option that failed to parse throws.
            if (new Option[] { CheckinDays, Channel, Discount, Priority, PromisedHours }.All(o => r.GetResult(o) is null))
            {
                r.AddError(Say("Customers_GiveAPolicy"));
            }
        });
        set.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var days = parse.GetValue(CheckinDays);
            var none = days is not null && days.Equals("none", StringComparison.OrdinalIgnoreCase);
            var discount = TierPolicies.ParseDiscount(parse.GetValue(Discount));
            var change = new TierPolicyChange(
                none || days is null ? null : int.Parse(days, NumberStyles.None, CultureInfo.InvariantCulture),
                none,
                parse.GetValue(Channel),
                discount?.Min,
                discount?.Max,
                parse.GetValue(Priority),
                parse.GetValue(PromisedHours));
            var name = parse.GetValue(Name)!;
            var result = await Tiers.SetPolicyAsync(ws.Db, ws.WorkspaceId, name, change, null, CliContext.Clock, ct);
            var saved = result.Succeeded ? (await Tiers.PoliciesAsync(ws.Db, ws.WorkspaceId, ct)).First(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) : null;
            return await CliContext.ReportAsync(result, saved is null ? "" : Say("Customers_TierSaved", saved.Name, saved.Policy.Describe()));

        });

        return new Command("tiers", Say("Help_Tiers")) { list, set };
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
