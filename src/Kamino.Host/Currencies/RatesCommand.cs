using System.CommandLine;
using System.Globalization;
using Kamino.Currencies;
using Kamino.Host.Cli;
using Spectre.Console;

namespace Kamino.Host.Currencies;

/// <summary>
/// <c>kamino rates import FILE</c> and <c>kamino rates list [--currency USD]</c>: the workspace's exchange-rate table,
/// which converts sale lines in another currency than the reporting one when their document states no rate.
/// </summary>
public static class RatesCommand
{
    private static readonly Argument<FileInfo> File = new("FILE")
    {
        Description = "A CSV date,currency,rate (units of the currency per 1 unit of the reporting currency, yyyy-mm-dd, decimal point) or the ECB's reference-rate CSV (Date,USD,JPY,… per 1 EUR; N/A cells skipped)",
    };

    private static readonly Option<string?> Currency = new("--currency") { Description = "List the rates of this currency only (ISO 4217)" };

    private static readonly Option<int> Limit = new("--limit") { Description = $"List at most N rates, latest first (at most {ExchangeRates.MaxListed})", DefaultValueFactory = _ => 50 };

    public static Command Create()
    {
        var import = new Command("import", "Import exchange rates into the workspace's table (a rate of a currency and date already stored is replaced); all or nothing, exit 3 when the file is refused") { File };
        import.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(File)!;
            if (!file.Exists)
            {
                await KaminoCli.Error.WriteLineAsync($"{file.FullName}: not found");
                return ExitCodes.Failure;
            }

            if (file.Length > RatesCsv.MaxBytes)
            {
                await KaminoCli.Error.WriteLineAsync($"{file.Name}: over {RatesCsv.MaxBytes / 1024 / 1024} MB, not a rates file");
                return ExitCodes.Rejected;
            }

            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var text = await System.IO.File.ReadAllTextAsync(file.FullName, ct);
            var result = (await ExchangeRates.ImportAsync(ws.Db, ws.WorkspaceId, text, null, CliContext.Clock, ct))!;
            if (!result.Stored)
            {
                foreach (var p in result.Problems)
                {
                    await KaminoCli.Error.WriteLineAsync($"{file.Name}: {p}");
                }

                await KaminoCli.Error.WriteLineAsync($"{file.Name}: refused, no rate stored");
                return ExitCodes.Rejected;
            }

            KaminoCli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{file.Name} ({(result.Format == "ecb" ? "ECB reference rates" : "date,currency,rate")}, per 1 {result.ReportingCurrency}): {result.Added} rates added, {result.Changed} changed, {result.Unchanged} unchanged{(result.Skipped > 0 ? $", {result.Skipped} empty cells skipped" : "")}"));
            return ExitCodes.Ok;
        });

        var format = CliFormat.CreateFormatOption();
        var list = new Command("list", "The workspace's exchange rates: each currency's dates and latest rate, then the latest rates (of --currency when given)") { Currency, Limit, format };
        list.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(Limit) is < 0 or > ExchangeRates.MaxListed)
            {
                await KaminoCli.Error.WriteLineAsync($"--limit is 0 to {ExchangeRates.MaxListed}");
                return ExitCodes.Usage;
            }

            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var rates = (await ExchangeRates.ListAsync(ws.Db, ws.WorkspaceId, parse.GetValue(Currency)?.Trim().ToUpperInvariant(), parse.GetValue(Limit), ct))!;
            CliColumn<RateDto>[] columns =
            [
                new("Date", "date", r => r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new("Currency", "currency", r => r.Currency),
                new($"Per 1 {rates.ReportingCurrency}", "rate", r => r.Rate.ToString(CultureInfo.InvariantCulture)),
            ];
            CliOutput.Print(parse.GetValue(format), rates, w => CliOutput.WriteCsv(w, rates.Rates, columns), console =>
            {
                if (rates.Currencies.Count == 0)
                {
                    console.WriteLine($"No exchange rates yet (reporting currency {rates.ReportingCurrency}): import them with kamino rates import FILE --workspace {ws.Slug}");
                    return;
                }

                console.WriteLine($"Reporting currency {rates.ReportingCurrency}; rates in units per 1 {rates.ReportingCurrency}");
                foreach (var c in rates.Currencies)
                {
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Currency}: {c.Rates} rates from {c.From:yyyy-MM-dd} to {c.To:yyyy-MM-dd}, latest {c.LatestRate}"));
                }

                CliOutput.WriteTable(console, rates.Rates, columns);
                if (rates.RatesTotal > rates.Rates.Count)
                {
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"… the latest {rates.Rates.Count} of {rates.RatesTotal} rates (--limit, --currency)"));
                }
            });
            return ExitCodes.Ok;
        });

        return new Command("rates", "Exchange rates that convert sale lines in other currencies to the workspace's reporting currency") { import, list };
    }
}
