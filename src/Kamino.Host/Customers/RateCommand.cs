using System.CommandLine;
using System.Globalization;
using Kamino.Customers;
using Kamino.Host.Cli;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Customers;

/// <summary><c>kamino accounts rate CUSTOMER --criterion KEY=N [--criterion …] [--note T] [--user EMAIL]</c>.</summary>
public static class RateCommand
{
    private static readonly Argument<string> Customer = new("CUSTOMER") { Description = "The customer's key (tax id or import customer id)" };
    private static readonly Option<string[]> Criterion = new("--criterion", "-c")
    {
        Description = "KEY=N: a rating 0–5 on a criterion (repeat for several; see `kamino criteria list`)",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string?> Note = new("--note") { Description = "Why (optional, up to 1000 characters), kept with each rating" };
    private static readonly Option<string?> User = new("--user") { Description = "Email of the member who rates; default: the system" };

    public static Command Create()
    {
        var command = new Command("rate", "Rate a customer 0–5 on intangible criteria; earlier ratings stay in its history") { Customer, Criterion, Note, User };
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
