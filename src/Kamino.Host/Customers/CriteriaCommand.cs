using System.CommandLine;
using System.Globalization;
using Kamino.Customers;
using Kamino.Host.Cli;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Customers;

/// <summary><c>kamino criteria list|set KEY [--weight W] [--name N]</c>: the intangible criteria and their weights.</summary>
public static class CriteriaCommand
{
    private static readonly Argument<string> Key = new Argument<string>("KEY").Help("Help_Criteria_Key");
    private static readonly Option<decimal?> Weight = new Option<decimal?>("--weight") { CustomParser = r => CliFormat.InvariantDecimal(r) }.Help("Help_Criteria_Weight");
    private static readonly Option<string?> Name = new Option<string?>("--name").Help("Help_Criteria_Name");

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var list = new Command("list", Say("Help_Criteria_List")) { format };
        list.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var criteria = (await Criteria.ListAsync(ws.Db, ws.WorkspaceId, ct)).Select(c => new CriterionDto(c.Key, c.Name, c.Weight)).ToList();
            CliOutput.Print(parse.GetValue(format), criteria,
                new CliColumn<CriterionDto>(Say("Customers_Key"), "key", c => c.Key),
                new CliColumn<CriterionDto>(Say("Customers_Name"), "name", c => c.Name),
                new CliColumn<CriterionDto>(Say("Customers_Weight"), "weight", c => c.Weight.ToString(CultureInfo.InvariantCulture)));
            return ExitCodes.Ok;
        });

        var set = new Command("set", Say("Help_Criteria_Set")) { Key, Weight, Name };
        set.Validators.Add(r =>
        {
            // Results, not values: reading the value of an option that failed to parse throws.
            if (r.GetResult(Weight) is null && r.GetResult(Name) is null)
            {
                r.AddError(Say("Customers_GiveWeightOrName"));
            }
        });
        set.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var key = parse.GetValue(Key)!;
            var result = await Criteria.SetAsync(ws.Db, ws.WorkspaceId, key, parse.GetValue(Weight), parse.GetValue(Name), null, CliContext.Clock, ct);
            return await CliContext.ReportAsync(result, Say("Customers_CriterionSaved", key.Trim().ToLowerInvariant()));
        });

        return new Command("criteria", Say("Help_Criteria")) { list, set };
    }
}
