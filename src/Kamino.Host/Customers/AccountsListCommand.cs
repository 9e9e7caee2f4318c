using System.CommandLine;
using System.Globalization;
using Kamino.Analysis;
using Kamino.Customers;
using Kamino.Exports;
using Kamino.Host.Analysis;
using Kamino.Host.Cli;
using Spectre.Console;

namespace Kamino.Host.Customers;

/// <summary>
/// <c>kamino accounts list [--key] [--class A|B|C] [--suggested] [--from D --to D | --all]</c>: every customer with
/// class, score, suggestion and tier over the period; <c>--format xlsx --output FILE</c> writes the customers download.
/// </summary>
public static class AccountsListCommand
{
    // No --threshold: classes come from the workspace's ABC thresholds, not from a Pareto share.
    private static readonly PeriodOptions Period = new("Score over all sales, whatever their date", withThreshold: false);
    private static readonly Option<bool> Key = new("--key") { Description = "Only key accounts (designated to a key tier)" };
    private static readonly Option<AbcClass?> Class = new Option<AbcClass?>("--class") { Description = "Only customers of this ABC class: A, B or C" }.DefinedOnly();
    private static readonly Option<bool> Suggested = new("--suggested") { Description = "Only customers Kamino suggests as key accounts" };

    public static Command Create()
    {
        return Period.Runs(new Command("list", "Customers with revenue, rank, ABC class, key-account score, suggestion and tier. Default period: the 12 months up to the latest sale.")
        {
            Key,
            Class,
            Suggested,
        }, "", async (parse, ws, request, format, ct) =>
        {
            var filter = new AccountFilter(parse.GetValue(Key), parse.GetValue(Class), parse.GetValue(Suggested));
            if (format == OutputFormat.Xlsx)
            {
                await CliOutput.WriteXlsxAsync(parse, (await ExportLists.CustomersAsync(ws.Db, ws.WorkspaceId, request, filter, ws.Today, ct))!, ct);
                return ExitCodes.Ok;
            }

            var list = (await KeyAccounts.ListAsync(ws.Db, ws.WorkspaceId, request, filter, ct))!;
            var columns = Columns(list.Currency);
            CliOutput.Print(
                format,
                list,
                w => CliOutput.WriteCsv(w, list.Customers, columns),
                console =>
                {
                    console.MarkupLineInterpolated($"[bold]Period[/] {CliFormat.Period(list.Period)}   [bold]α[/] {list.Alpha.ToString(CultureInfo.InvariantCulture)}   [bold]suggest at[/] {list.SuggestThreshold.ToString(CultureInfo.InvariantCulture)}");
                    CliOutput.WriteTable(console, list.Customers, columns);
                    console.WriteLine($"Suggested but not designated: {Keys(list.SuggestedNotDesignated)}");
                    console.WriteLine($"Designated but no longer suggested: {Keys(list.DesignatedNotSuggested)}");
                    console.WriteLine(Capacity(list.Capacity));
                    if (list.OverCapacity.Count > 0)
                    {
                        console.WriteLine($"{list.OverCapacity.Count} more customers meet the criteria but exceed the team's capacity: {Keys(list.OverCapacity)}");
                    }
                });
            return ExitCodes.Ok;
        }, xlsx: true);
    }

    /// <summary>The capacity rule in one line: per KAM × KAMs = team, minus the key accounts = room for suggestions.</summary>
    internal static string Capacity(SuggestionCapacity c) => string.Create(CultureInfo.InvariantCulture,
        $"Team capacity: {c.PerKam} key accounts per KAM × {(c.Kams == 0 ? "1 (no KAM yet)" : c.Kams.ToString(CultureInfo.InvariantCulture) + (c.Kams == 1 ? " KAM" : " KAMs"))} = {c.Team}; {c.KeyAccounts} key accounts designated, room for {c.Room} suggestions");

    private static string Keys(IReadOnlyList<AccountRow> rows) => rows.Count == 0 ? "none" : string.Join(", ", rows.Select(r => r.Key));

    internal static CliColumn<AccountRow>[] Columns(string currency) =>
    [
        new("#", "rank", r => r.Rank.ToString(CultureInfo.InvariantCulture)),
        new("Customer", "customer", r => r.Key),
        new("Name", "name", r => r.Name),
        new($"Revenue ({currency})", "revenue", r => r.Revenue.ToString("N2", CultureInfo.InvariantCulture), r => r.Revenue.ToString(CultureInfo.InvariantCulture)),
        new("Class", "class", r => r.Class.ToString()),
        new("Revenue score", "revenueScore", r => r.RevenueScore.ToString(CultureInfo.InvariantCulture)),
        new("Intangible", "intangibleScore", r => r.IntangibleScore?.ToString(CultureInfo.InvariantCulture) ?? "not rated", r => r.IntangibleScore?.ToString(CultureInfo.InvariantCulture)),
        new("Score", "score", r => r.Score.ToString(CultureInfo.InvariantCulture)),
        new("Suggested", "suggested", r => r.Suggested ? "yes" : "no"),
        new("Tier", "tier", r => r.Tier ?? ""),
        new("Key account", "keyAccount", r => r.IsKeyAccount ? "yes" : "no"),
    ];
}
