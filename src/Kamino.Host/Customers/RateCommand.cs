using System.CommandLine;
using System.Globalization;
using Kamino.Customers;
using Kamino.Host.Cli;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Customers;

/// <summary><c>kamino accounts rate CUSTOMER --criterion KEY=N [--criterion …] [--note T] [--user EMAIL]</c>.</summary>
public static class RateCommand
{
    private static readonly Argument<string> Customer = new Argument<string>("CUSTOMER").Help("Help_Rate_Customer");
    private static readonly Option<string[]> Criterion = new Option<string[]>("--criterion", "-c")
    {
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    }.Help("Help_Rate_Criterion");

    private static readonly Option<string?> Note = new Option<string?>("--note").Help("Help_Rate_Note");
    private static readonly Option<string?> User = new Option<string?>("--user").Help("Help_Rate_User");

    public static Command Create()
    {
        var command = new Command("rate", Say("Help_Rate")) { Customer, Criterion, Note, User };
        command.Validators.Add(r =>
        {
            foreach (var raw in r.GetValue(Criterion) ?? [])
            {
                if (Parse(raw) is null)
                {
                    r.AddError(Say("Customers_BadRating", raw));
                }
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.CustomerAsync(parse.GetValue(Customer)!, ct) is not { } customer)
            {
                return ExitCodes.Failure;
            }

            if (await ws.OptionalMemberAsync(parse.GetValue(User), ct) is not (true, var userId))
            {
                return ExitCodes.Failure;
            }

            var ratings = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (key, value) in parse.GetValue(Criterion)!.Select(raw => Parse(raw)!.Value))
            {
                ratings[key] = value;
            }

            var result = await Ratings.RateAsync(ws.Db, ws.WorkspaceId, customer.Id, ratings, parse.GetValue(Note), userId, CliContext.Clock, ct);
            return await CliContext.ReportAsync(result, Say("Customers_Rated", customer.Key, string.Join(", ", ratings.Select(r => $"{r.Key}={r.Value.ToString(CultureInfo.InvariantCulture)}"))));
        });
        return command;
    }

    /// <summary>KEY=N with N 0..5, or null.</summary>
    internal static (string Key, int Value)? Parse(string raw)
    {
        var eq = raw.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && int.TryParse(raw.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= Ratings.MaxValue
            ? (raw[..eq].Trim().ToLowerInvariant(), n)
            : null;
    }
}
