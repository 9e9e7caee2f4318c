using Kamino.Host.Cli;
using Kamino.Import;

namespace Kamino.Host.Tests.Analysis;

/// <summary>
/// <c>kamino accounts pareto|compare|whatif|series</c>, <c>kamino analyze</c> and <c>kamino check</c> in Spanish (issue
/// 17 item 3), on <c>sales-small.csv</c>: Spanish words and Spanish numbers in the table, CSV unchanged.
/// </summary>
public sealed class AnalysisCliSpanishTests : CliDatabaseTests
{
    private static string SmallSales => Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");

    protected override async Task SeedAsync(KaminoDatabase database) =>
        Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest("acme", SmallSales))).Imported);

    [Fact]
    public async Task Pareto_TableInSpanishWithSpanishNumbers_CsvWithADecimalPoint()
    {
        var table = await RunInSpanishAsync("accounts", "pareto");

        Assert.Equal(0, table.Exit);
        Assert.Contains("Periodo 2023-07-01 .. 2024-06-30   Facturación 1.000,00 EUR   Clientes 4", table.Out, StringComparison.Ordinal);
        Assert.Contains("Conjunto de Pareto (80,0% de la facturación): 2 clientes = 50,0% de los clientes, 85,0% de la facturación", table.Out, StringComparison.Ordinal);
        Assert.Contains("Concentración primero 60,0%", table.Out, StringComparison.Ordinal);
        var header = table.Out.Split('\n').First(l => l.StartsWith('│'));
        foreach (var column in new[] { "Cliente", "Nombre", "Facturación", "Cuota", "Acumulada", "Clase" })
        {
            Assert.Contains(column, header, StringComparison.Ordinal);
        }

        Assert.Contains("600,00 EUR", table.Out, StringComparison.Ordinal);

        var csv = (await RunInSpanishAsync("accounts", "pareto", "--format", "csv")).Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("rank,customerId,name,revenue,share,cumulativeShare,pareto,class", csv[0]);
        Assert.StartsWith("1,C1,Alpha Logística S.L.,600.00,", csv[1], StringComparison.Ordinal);
        Assert.DoesNotContain(csv, l => l.Contains("600,00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhatIfCompareSeries_InSpanish()
    {
        var whatIf = await RunInSpanishAsync("accounts", "whatif", "--without", "C1");
        Assert.Equal(0, whatIf.Exit);
        Assert.Contains("Facturación en riesgo 600,00 EUR = 60,0% de la facturación", whatIf.Out, StringComparison.Ordinal);
        Assert.Contains(whatIf.Out.Split('\n'), l => l.StartsWith('│') && l.Contains("Con", StringComparison.Ordinal) && l.Contains("Sin", StringComparison.Ordinal));
        Assert.Contains("Clientes efectivos", whatIf.Out, StringComparison.Ordinal);

        var compare = await RunInSpanishAsync("accounts", "compare");
        Assert.Equal(0, compare.Exit);
        Assert.Contains(compare.Out.Split('\n'), l => l.StartsWith('│') && l.Contains("Anterior", StringComparison.Ordinal) && l.Contains("Actual", StringComparison.Ordinal));
        Assert.Contains("Cambios de clase (anterior → actual)", compare.Out, StringComparison.Ordinal);
        Assert.Contains("Clientes que han cambiado de clase", compare.Out, StringComparison.Ordinal);

        var series = await RunInSpanishAsync("accounts", "series", "C1");
        Assert.Equal(0, series.Exit);
        Assert.Contains(series.Out.Split('\n'), l => l.StartsWith('│') && l.Contains("Mes", StringComparison.Ordinal) && l.Contains("Facturación", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refusals_AreSpanish()
    {
        var missing = await RunInSpanishAsync("accounts", "whatif", "--without", "NOPE");
        Assert.Equal(ExitCodes.Rejected, missing.Exit);
        Assert.Contains("--without: no hay ningún cliente 'NOPE' en el espacio de trabajo 'acme'", missing.Error, StringComparison.Ordinal);

        var after = await RunInSpanishAsync("accounts", "pareto", "--from", "2024-06-01", "--to", "2024-01-01");
        Assert.Equal((ExitCodes.Usage, "--from 2024-06-01 es posterior a --to 2024-01-01"), (after.Exit, after.Error.Trim()));
        var notADate = await RunInSpanishAsync("accounts", "compare", "--vs-from", "ayer");
        Assert.Equal((ExitCodes.Usage, "--vs-from: 'ayer' no es una fecha con la forma aaaa-mm-dd"), (notADate.Exit, notADate.Error.Trim()));
        var threshold = await RunInSpanishAsync("accounts", "pareto", "--threshold", "1.5");
        Assert.Equal((ExitCodes.Usage, "--threshold: 1.5 no es una fracción entre 0 (excluido) y 1"), (threshold.Exit, threshold.Error.Trim()));
        var all = await RunInSpanishAsync("accounts", "pareto", "--all", "--to", "2024-01-01");
        Assert.Equal((ExitCodes.Usage, "--all no se puede combinar con --from ni con --to"), (all.Exit, all.Error.Trim()));

        var top = await CliRunner.RunInAsync("es", "analyze", SmallSales, "--top", "-1");
        Assert.Equal((ExitCodes.Usage, "--top debe ser 0 o más"), (top.Exit, top.Error.Trim()));

        var rates = await CliRunner.RunInAsync("es", "analyze", SmallSales, "--rates", SmallSales);
        Assert.Equal((ExitCodes.Usage, "--rates necesita --currency (la moneda por cuya unidad se dan los tipos)"), (rates.Exit, rates.Error.Trim()));
    }

    [Fact]
    public async Task Check_SaysInSpanishThatSaleDayMatches()
    {
        var result = await CliRunner.RunInAsync("es", "check", "--db", Db, "--workspace", "acme");

        Assert.Equal(0, result.Exit);
        Assert.StartsWith("sale_day coincide con ", result.Out, StringComparison.Ordinal);
        Assert.Contains("líneas de venta (", result.Out, StringComparison.Ordinal);
        Assert.Contains("días de cliente, espacio de trabajo 'acme')", result.Out, StringComparison.Ordinal);
    }
}
