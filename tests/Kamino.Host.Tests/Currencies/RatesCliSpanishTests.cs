using Kamino.Host.Cli;
using Kamino.Workspaces;

namespace Kamino.Host.Tests.Currencies;

/// <summary><c>kamino rates import|list</c> in Spanish (issue 17 item 3); the CSV of <c>rates list</c> keeps a decimal point.</summary>
public sealed class RatesCliSpanishTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        await NewWorkspace.CreateAsync(db, "acme", "Acme", "EUR", CultureInfo.InvariantCulture, TimeProvider.System);
    }

    [Fact]
    public async Task ImportThenList_InSpanish_CsvWithADecimalPoint()
    {
        var empty = await RunInSpanishAsync("rates", "list");
        Assert.Contains("Aún no hay tipos de cambio (moneda de informe EUR): impórtelos con kamino rates import ARCHIVO --workspace acme", empty.Out, StringComparison.Ordinal);

        var file = Path.Combine(Dir, "tipos.csv");
        await File.WriteAllTextAsync(file, "date,currency,rate\n2024-01-02,USD,1.0956\n2024-01-03,USD,1.0919\n");
        var imported = await RunInSpanishAsync("rates", "import", file);
        Assert.Equal((0, "tipos.csv (date,currency,rate, por 1 EUR): 2 tipos añadidos, 0 cambiados, 0 sin cambios"), (imported.Exit, imported.Out.Trim()));

        var list = await RunInSpanishAsync("rates", "list");
        Assert.Contains("Moneda de informe EUR; tipos en unidades por 1 EUR", list.Out, StringComparison.Ordinal);
        Assert.Contains("USD: 2 tipos del 2024-01-02 al 2024-01-03, el último 1.0919", list.Out, StringComparison.Ordinal);
        Assert.Contains(list.Out.Split('\n'), l => l.StartsWith('│') && l.Contains("Fecha", StringComparison.Ordinal) && l.Contains("Moneda", StringComparison.Ordinal) && l.Contains("Por 1 EUR", StringComparison.Ordinal));

        var csv = (await RunInSpanishAsync("rates", "list", "--format", "csv")).Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(["date,currency,rate", "2024-01-03,USD,1.0919", "2024-01-02,USD,1.0956"], csv.Where(l => l.Length > 0));
    }

    [Fact]
    public async Task Refusals_AreSpanish()
    {
        var missing = Path.Combine(Dir, "nada.csv");
        var notFound = await RunInSpanishAsync("rates", "import", missing);
        Assert.Equal((ExitCodes.Failure, $"{missing}: no se encuentra"), (notFound.Exit, notFound.Error.Trim()));

        var bad = Path.Combine(Dir, "malo.csv");
        await File.WriteAllTextAsync(bad, "date,currency,rate\nayer,USD,uno\n");
        var refused = await RunInSpanishAsync("rates", "import", bad);
        Assert.Equal(ExitCodes.Rejected, refused.Exit);
        Assert.EndsWith("malo.csv: rechazado, no se ha guardado ningún tipo", refused.Error.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("malo.csv: línea 2: «ayer» no es una fecha (aaaa-mm-dd)", refused.Error, StringComparison.Ordinal);
        var english = await RunAsync("rates", "import", bad);
        Assert.StartsWith("malo.csv: line 2: 'ayer' is not a date (yyyy-mm-dd)", english.Error, StringComparison.Ordinal);

        var limit = await RunInSpanishAsync("rates", "list", "--limit", "-1");
        Assert.StartsWith("--limit va de 0 a ", limit.Error, StringComparison.Ordinal);
    }
}
