using System.CommandLine;
using System.Globalization;
using Kamino.Currencies;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Currencies;

/// <summary>
/// <c>kamino rates import FILE</c> and <c>kamino rates list [--currency USD]</c>: the workspace's exchange-rate table,
/// which converts sale lines in another currency than the reporting one when their document states no rate.
/// </summary>
public static class RatesCommand
{
    private static readonly Argument<FileInfo> File = new Argument<FileInfo>("FILE").Help("Help_Rates_File");

    private static readonly Option<string?> Currency = new Option<string?>("--currency").Help("Help_Rates_Currency");

    private static readonly Option<int> Limit = new Option<int>("--limit") { DefaultValueFactory = _ => 50 }.Help("Help_Rates_Limit", ExchangeRates.MaxListed);

    public static Command Create()
    {
        var import = new Command("import", Say("Help_Rates_Import")) { File };
        import.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(File)!;
            if (!file.Exists)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Currencies_NotFound", file.FullName));
                return ExitCodes.Failure;
            }

            if (file.Length > RatesCsv.MaxBytes)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Currencies_TooBig", file.Name, RatesCsv.MaxBytes / 1024 / 1024));
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
                foreach (var p in result.Reasons)
                {
                    await KaminoCli.Error.WriteLineAsync($"{file.Name}: {Say(p)}");
                }

                await KaminoCli.Error.WriteLineAsync(Say("Currencies_Refused", file.Name));
                return ExitCodes.Rejected;
            }

            KaminoCli.Out.WriteLine(Say("Currencies_Imported", file.Name, result.Format == "ecb" ? Say("Currencies_EcbRates") : "date,currency,rate", result.ReportingCurrency, result.Added, result.Changed, result.Unchanged)
                + (result.Skipped > 0 ? Say("Currencies_SkippedCells", result.Skipped) : ""));
            return ExitCodes.Ok;
        });

        var format = CliFormat.CreateFormatOption();
        var list = new Command("list", Say("Help_Rates_List")) { Currency, Limit, format };
        list.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(Limit) is < 0 or > ExchangeRates.MaxListed)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Currencies_BadLimit", ExchangeRates.MaxListed));
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
                new(Say("Currencies_Date"), "date", r => r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new(Say("Currencies_Currency"), "currency", r => r.Currency),
                new(Say("Currencies_PerOne", rates.ReportingCurrency), "rate", r => r.Rate.ToString(CultureInfo.InvariantCulture)),
            ];
            CliOutput.Print(parse.GetValue(format), rates, w => CliOutput.WriteCsv(w, rates.Rates, columns), console =>
            {
                if (rates.Currencies.Count == 0)
                {
                    console.WriteLine(Say("Currencies_NoRates", rates.ReportingCurrency, ws.Slug));
                    return;
                }

                console.WriteLine(Say("Currencies_Reporting", rates.ReportingCurrency));
                foreach (var c in rates.Currencies)
                {
                    console.WriteLine(Say("Currencies_Span", c.Currency, c.Rates, c.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.LatestRate.ToString(CultureInfo.InvariantCulture)));
                }

                CliOutput.WriteTable(console, rates.Rates, columns);
                if (rates.RatesTotal > rates.Rates.Count)
                {
                    console.WriteLine(Say("Currencies_Latest", rates.Rates.Count, rates.RatesTotal));

                }
            });
            return ExitCodes.Ok;
        });

        return new Command("rates", Say("Help_Rates")) { import, list };
    }
}
