using System.CommandLine;
using System.Globalization;
using Kamino.Customers;
using Kamino.Host.Analysis;
using Kamino.Host.Cli;
using Spectre.Console;

namespace Kamino.Host.Customers;

/// <summary>
/// <c>kamino accounts show CUSTOMER [--from D --to D | --all]</c>: one customer's revenue, rank, class, score explained
/// over the period, ratings, referrals and designations.
/// </summary>
public static class AccountShowCommand
{
    private static readonly Argument<string> Customer = new("CUSTOMER") { Description = "The customer's key (tax id or import customer id)" };
    private static readonly PeriodOptions Period = new("Score over all sales, whatever their date", withThreshold: false);

    public static Command Create()
    {
        return Period.Runs(new Command("show", "One customer: revenue, rank, class, the key-account score explained, ratings, referrals and designation history. Default period: the 12 months up to the latest sale.")
        {
            Customer,
        }, "", async (parse, ws, request, format, ct) =>
        {
            var key = parse.GetValue(Customer)!;
            var detail = await KeyAccounts.ShowAsync(ws.Db, ws.WorkspaceId, key, request, ct);
            if (detail is null)
            {
                await KaminoCli.Error.WriteLineAsync($"no customer '{key}' in workspace '{ws.Slug}'");
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
        console.MarkupLineInterpolated($"Period {period}: revenue {a.Revenue.ToString("N2", inv)} {d.Currency}, rank {s.Rank} of {s.PositiveCustomers} customers with revenue, class {s.Class}");
        console.MarkupLineInterpolated($"Tier: {a.Tier ?? "not designated"}{(a.IsKeyAccount ? " (key account)" : "")}");
        console.MarkupLineInterpolated($"[bold]Score {s.Score.ToString(inv)}[/] = revenue part {s.RevenuePart.ToString(inv)} (α {s.Alpha.ToString(inv)} × revenue score {s.RevenueScore.ToString(inv)} = 1 − ({s.Rank} − 1) / {s.PositiveCustomers})");
        console.MarkupLineInterpolated($"      + intangible part {s.IntangiblePart.ToString(inv)} ((1 − α) × intangible score {(s.IntangibleScore is { } i ? i.ToString(inv) : "not rated")})");
        console.MarkupLineInterpolated($"Suggested: {(s.Suggested ? "yes, " + s.SuggestedBecause : "no")} (class A or score ≥ {s.SuggestThreshold.ToString(inv)})");

        var criteria = new Table().Border(TableBorder.Rounded).AddColumn("Criterion").AddColumn("Weight").AddColumn("Rating").AddColumn("Weight × rating").AddColumn("Adds to score").AddColumn("Note");
        foreach (var c in s.Criteria)
        {
            var current = d.CurrentRatings.FirstOrDefault(r => r.CriterionKey == c.Key);
            var note = current is null ? "" : $"{current.Note} ({current.UserEmail ?? "system"}, {current.At:yyyy-MM-dd})";
            if (c.Key == Kamino.Customers.Criteria.ContactsKey && d.Referred.Count > 0)
            {
                note += $" referred: {string.Join(", ", d.Referred.Select(r => r.Key))} = {d.ReferredRevenue.ToString("N2", inv)} {d.Currency}";
            }

            criteria.AddRow(
                new Text($"{c.Key} ({c.Name})"),
                new Text(c.Weight.ToString(inv)),
                new Text(c.Rating?.ToString(inv) ?? "not rated"),
                new Text(c.WeightedRating?.ToString(inv) ?? ""),
                new Text(c.Contribution?.ToString(inv) ?? ""),
                new Text(note.Trim()));
        }

        console.Write(criteria);
        console.WriteLine($"Referred by: {d.ReferredBy ?? "nobody recorded"}");
        console.WriteLine($"Referred: {(d.Referred.Count == 0 ? "none" : string.Join(", ", d.Referred.Select(r => $"{r.Key} ({r.Revenue.ToString("N2", inv)} {d.Currency})")))}");
        if (d.Designations.Count > 0)
        {
            var history = new Table().Border(TableBorder.Rounded).AddColumn("When").AddColumn("Who").AddColumn("From").AddColumn("To").AddColumn("Reason");
            foreach (var h in d.Designations)
            {
                history.AddRow(new Text(h.At.ToString("yyyy-MM-dd HH:mm", inv)), new Text(h.UserEmail ?? "system"), new Text(h.FromTier ?? "–"),
                    new Text(h.ToTier ?? "–"), new Text(h.Reason));
            }

            console.Write(history);
        }
        else
        {
            console.WriteLine("Designations: none");
        }
    }
}
