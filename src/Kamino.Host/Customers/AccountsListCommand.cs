using System.CommandLine;
using System.Globalization;
using Kamino.Analysis;
using Kamino.Customers;
using Kamino.Exports;
using Kamino.Host.Analysis;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Customers;

/// <summary>
/// <c>kamino accounts list [--key] [--class A|B|C] [--suggested] [--from D --to D | --all]</c>: every customer with
/// class, score, suggestion and tier over the period; <c>--format xlsx --output FILE</c> writes the customers download.
/// </summary>
public static class AccountsListCommand
{
    // No --threshold: classes come from the workspace's ABC thresholds, not from a Pareto share.
    private static readonly PeriodOptions Period = new("Help_AccountsList_All", withThreshold: false);
    private static readonly Option<bool> Key = new Option<bool>("--key").Help("Help_AccountsList_Key");
    private static readonly Option<AbcClass?> Class = new Option<AbcClass?>("--class").Help("Help_AccountsList_Class").DefinedOnly();
    private static readonly Option<bool> Suggested = new Option<bool>("--suggested").Help("Help_AccountsList_Suggested");

    public static Command Create()
    {
        return Period.Runs(new Command("list", Say("Help_AccountsList_List"))
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
                    console.MarkupLineInterpolated($"[bold]{Say("Customers_Period")}[/] {CliFormat.Period(list.Period)}   [bold]α[/] {list.Alpha.ToString(CultureInfo.InvariantCulture)}   [bold]{Say("Customers_SuggestAt")}[/] {list.SuggestThreshold.ToString(CultureInfo.InvariantCulture)}");
                    CliOutput.WriteTable(console, list.Customers, columns);
                    console.WriteLine(Say("Customers_SuggestedNotDesignated", Keys(list.SuggestedNotDesignated)));
                    console.WriteLine(Say("Customers_DesignatedNotSuggested", Keys(list.DesignatedNotSuggested)));
                    console.WriteLine(Capacity(list.Capacity));
                    if (list.OverCapacity.Count > 0)
                    {
                        console.WriteLine(Say("Customers_OverCapacity", list.OverCapacity.Count, Keys(list.OverCapacity)));
                    }
                });
            return ExitCodes.Ok;
        }, xlsx: true);
    }

    /// <summary>The capacity rule in one line: per KAM × KAMs = team, minus the key accounts = room for suggestions.</summary>
    internal static string Capacity(SuggestionCapacity c) =>
        Say("Customers_Capacity", c.PerKam, c.Kams == 0 ? Say("Customers_NoKamYet") : Say(c.Kams == 1 ? "Customers_OneKam" : "Customers_Kams", c.Kams), c.Team, c.KeyAccounts, c.Room);

    private static string Keys(IReadOnlyList<AccountRow> rows) => rows.Count == 0 ? Say("Customers_None") : string.Join(", ", rows.Select(r => r.Key));

    internal static CliColumn<AccountRow>[] Columns(string currency) =>
    [
        new("#", "rank", r => r.Rank.ToString(CultureInfo.InvariantCulture)),
        new(Say("Customers_Customer"), "customer", r => r.Key),
        new(Say("Customers_Name"), "name", r => r.Name),
        new(Say("Customers_RevenueIn", currency), "revenue", r => r.Revenue.ToString("N2", CultureInfo.InvariantCulture), r => r.Revenue.ToString(CultureInfo.InvariantCulture)),
        new(Say("Customers_Class"), "class", r => r.Class.ToString()),
        new(Say("Customers_RevenueScore"), "revenueScore", r => r.RevenueScore.ToString(CultureInfo.InvariantCulture)),
        new(Say("Customers_Intangible"), "intangibleScore", r => r.IntangibleScore?.ToString(CultureInfo.InvariantCulture) ?? Say("Customers_NotRated"), r => r.IntangibleScore?.ToString(CultureInfo.InvariantCulture)),
        new(Say("Customers_Score"), "score", r => r.Score.ToString(CultureInfo.InvariantCulture)),
        new(Say("Customers_Suggested"), "suggested", r => YesNo(r.Suggested), r => r.Suggested ? "yes" : "no"),
        new(Say("Customers_Tier"), "tier", r => r.Tier ?? ""),
        new(Say("Customers_KeyAccount"), "keyAccount", r => YesNo(r.IsKeyAccount), r => r.IsKeyAccount ? "yes" : "no"),
    ];

    /// <summary>"yes" or "no" in the run's language, for the table (CSV keeps yes/no).</summary>
    internal static string YesNo(bool value) => Say(value ? "Customers_Yes" : "Customers_No");
}
