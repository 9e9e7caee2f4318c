using System.CommandLine;
using System.Globalization;
using Kamino.Customers;
using Kamino.Host.Analysis;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Customers;

/// <summary>
/// <c>kamino accounts show CUSTOMER [--from D --to D | --all]</c>: one customer's revenue, rank, class, score explained
/// over the period, ratings, referrals and designations.
/// </summary>
public static class AccountShowCommand
{
    private static readonly Argument<string> Customer = new Argument<string>("CUSTOMER").Help("Help_AccountShow_Customer");
    private static readonly PeriodOptions Period = new("Help_AccountShow_All", withThreshold: false);

    public static Command Create()
    {
        return Period.Runs(new Command("show", Say("Help_AccountShow_Show"))
        {
            Customer,
        }, "", async (parse, ws, request, format, ct) =>
        {
            var key = parse.GetValue(Customer)!;
            var detail = await KeyAccounts.ShowAsync(ws.Db, ws.WorkspaceId, key, request, ct);
            if (detail is null)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Cli_NoCustomer", key, ws.Slug));
                return ExitCodes.Failure;
            }

            CliOutput.Print(
                format,
                detail,
                w =>
                {
                    // One row per part of the score: the figure a spreadsheet would want to re-add.
                    w.WriteLine("part,weight,rating,value");
                    w.WriteLine($"revenue,{Num(detail.Score.Alpha)},,{Num(detail.Score.RevenuePart)}");
                    foreach (var c in detail.Score.Criteria)
                    {
                        w.WriteLine($"{CliFormat.CsvField(c.Key)},{Num(c.Weight)},{(c.Rating is { } r ? r.ToString(CultureInfo.InvariantCulture) : "")},{Num(c.Contribution)}");
                    }

                    w.WriteLine($"score,,,{Num(detail.Score.Score)}");
                },
                console => PrintTable(console, detail));

            return ExitCodes.Ok;
        });
    }

    private static string Num(decimal? v) => CliFormat.CsvNumber(v);

    private static void PrintTable(IAnsiConsole console, AccountDetail d)
    {
        var a = d.Account;
        var s = d.Score;
        var inv = CultureInfo.InvariantCulture;
        var period = CliFormat.Period(d.Period);
        console.MarkupLineInterpolated($"[bold]{a.Key}[/] {a.Name}");
        console.WriteLine(Say("Customers_ShowPeriod", period, a.Revenue.ToString("N2", inv), d.Currency, s.Rank, s.PositiveCustomers, s.Class));
        console.WriteLine(Say(a.IsKeyAccount ? "Customers_ShowTierKey" : "Customers_ShowTier", a.Tier ?? Say("Customers_NotDesignated")));
        console.MarkupLineInterpolated($"[bold]{Say("Customers_ShowScore", s.Score.ToString(inv))}[/] {Say("Customers_ShowRevenuePart", s.RevenuePart.ToString(inv), s.Alpha.ToString(inv), s.RevenueScore.ToString(inv), s.Rank, s.PositiveCustomers)}");
        console.WriteLine("      " + Say("Customers_ShowIntangiblePart", s.IntangiblePart.ToString(inv), s.IntangibleScore is { } i ? i.ToString(inv) : Say("Customers_NotRated")));
        console.WriteLine(Say("Customers_ShowSuggested", s.Suggested ? Say("Customers_YesBecause", s.SuggestedBecause) : Say("Customers_No"), s.SuggestThreshold.ToString(inv)));

        var criteria = new Table().Border(TableBorder.Rounded).AddColumn(Say("Customers_Criterion")).AddColumn(Say("Customers_Weight")).AddColumn(Say("Customers_Rating")).AddColumn(Say("Customers_WeightTimesRating")).AddColumn(Say("Customers_AddsToScore")).AddColumn(Say("Customers_Note"));
        foreach (var c in s.Criteria)
        {
            var current = d.CurrentRatings.FirstOrDefault(r => r.CriterionKey == c.Key);
            var note = current is null ? "" : $"{current.Note} ({current.UserEmail ?? Say("Customers_System")}, {current.At:yyyy-MM-dd})";
            if (c.Key == Kamino.Customers.Criteria.ContactsKey && d.Referred.Count > 0)
            {
                note += " " + Say("Customers_NoteReferred", string.Join(", ", d.Referred.Select(r => r.Key)), d.ReferredRevenue.ToString("N2", inv), d.Currency);
            }

            criteria.AddRow(
                new Text($"{c.Key} ({c.Name})"),
                new Text(c.Weight.ToString(inv)),
                new Text(c.Rating?.ToString(inv) ?? Say("Customers_NotRated")),
                new Text(c.WeightedRating?.ToString(inv) ?? ""),
                new Text(c.Contribution?.ToString(inv) ?? ""),
                new Text(note.Trim()));
        }

        console.Write(criteria);
        console.WriteLine(Say("Customers_ReferredBy", d.ReferredBy ?? Say("Customers_NobodyRecorded")));
        console.WriteLine(Say("Customers_Referred", d.Referred.Count == 0 ? Say("Customers_None") : string.Join(", ", d.Referred.Select(r => $"{r.Key} ({r.Revenue.ToString("N2", inv)} {d.Currency})"))));
        if (d.Designations.Count > 0)
        {
            var history = new Table().Border(TableBorder.Rounded).AddColumn(Say("Customers_When")).AddColumn(Say("Customers_Who")).AddColumn(Say("Customers_From")).AddColumn(Say("Customers_To")).AddColumn(Say("Customers_Reason"));
            foreach (var h in d.Designations)
            {
                history.AddRow(new Text(h.At.ToString("yyyy-MM-dd HH:mm", inv)), new Text(h.UserEmail ?? Say("Customers_System")), new Text(h.FromTier ?? "–"),
                    new Text(h.ToTier ?? "–"), new Text(h.Reason));
            }

            console.Write(history);
        }
        else
        {
            console.WriteLine(Say("Customers_NoDesignations"));
        }
    }
}
