using System.CommandLine;
using System.Globalization;
using Kamino.Customers;
using Kamino.Host.Cli;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Customers;

/// <summary><c>kamino criteria list|set KEY [--weight W] [--name N]</c>: the intangible criteria and their weights.</summary>
public static class CriteriaCommand
{
    private static readonly Argument<string> Key = new("KEY") { Description = "The criterion's key, e.g. brand (a new key adds a criterion)" };
    private static readonly Option<decimal?> Weight = new("--weight") { Description = "Relative weight, 0 to 1000 (0 leaves it out of the score)", CustomParser = r => CliFormat.InvariantDecimal(r) };
    private static readonly Option<string?> Name = new("--name") { Description = "Display name (required for a new criterion)" };

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var list = new Command("list", "The workspace's criteria with their weights") { format };
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

        var set = new Command("set", "Change a criterion's weight or name, or add one") { Key, Weight, Name };
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

        return new Command("criteria", "Intangible criteria customers are rated on, and their weights") { list, set };
    }
}
