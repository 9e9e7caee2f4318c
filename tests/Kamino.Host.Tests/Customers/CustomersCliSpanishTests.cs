using Kamino.Host.Cli;
using Kamino.Import;

namespace Kamino.Host.Tests.Customers;

/// <summary>
/// <c>kamino accounts list|show|rate|refer|designate</c>, <c>kamino criteria</c> and <c>kamino tiers</c> in Spanish
/// (issue 17 item 3), on <c>sales-small.csv</c> (C1 600, C2 250, C3 100, C4 50): what a person reads is Spanish, what a
/// script reads (CSV) is unchanged.
/// </summary>
public sealed class CustomersCliSpanishTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
        Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest("acme", path))).Imported);
    }

    [Fact]
    public async Task List_TableInSpanish_CsvAsInEnglish()
    {
        var table = await RunInSpanishAsync("accounts", "list");

        Assert.Equal(0, table.Exit);
        var header = table.Out.Split('\n').First(l => l.StartsWith('│'));
        foreach (var column in new[] { "Cliente", "Nombre", "Facturación (EUR)", "Clase", "Puntuación por facturación", "Intangible", "Puntuación", "Sugerido", "Nivel", "Cuenta clave" })
        {
            Assert.Contains(column, header, StringComparison.Ordinal);
        }

        Assert.Contains("sin valorar", table.Out, StringComparison.Ordinal);
        Assert.Contains("Sugeridos pero no designados: C1, C2", table.Out, StringComparison.Ordinal);
        Assert.Contains("Designados que ya no se sugieren: ninguno", table.Out, StringComparison.Ordinal);
        Assert.Contains("Capacidad del equipo: ", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Suggested", table.Out, StringComparison.Ordinal);

        // A script reads the same CSV whatever the language: English field names, yes/no, a decimal point.
        var csv = (await RunInSpanishAsync("accounts", "list", "--format", "csv")).Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("rank,customer,name,revenue,class,revenueScore,intangibleScore,score,suggested,tier,keyAccount", csv[0]);
        Assert.Equal("1,C1,Alpha Logística S.L.,600.00,A,1,,0.7,yes,,no", csv[1]);
    }

    [Fact]
    public async Task DesignateRateRefer_SayWhatTheyDidInSpanish()
    {
        var designated = await RunInSpanishAsync("accounts", "designate", "C3", "--reason", "Asociación hotelera");
        Assert.Equal((0, "C3 es cuenta clave (Key)"), (designated.Exit, designated.Out.Trim()));

        var rated = await RunInSpanishAsync("accounts", "rate", "C3", "--criterion", "brand=5");
        Assert.Equal((0, "C3 valorado: brand=5"), (rated.Exit, rated.Out.Trim()));

        var referred = await RunInSpanishAsync("accounts", "refer", "C3", "--by", "C1");
        Assert.Equal((0, "C3 recomendado por C1"), (referred.Exit, referred.Out.Trim()));

        var show = await RunInSpanishAsync("accounts", "show", "C3");
        Assert.Contains(": facturación 100.00 EUR, puesto 3 de 4 clientes con facturación, clase B", show.Out, StringComparison.Ordinal);
        Assert.Contains("Nivel: Key (cuenta clave)", show.Out, StringComparison.Ordinal);
        Assert.Contains("Recomendado por: C1", show.Out, StringComparison.Ordinal);
        var headers = show.Out.Split('\n').Where(l => l.StartsWith('│')).ToList();
        Assert.Contains(headers, l => l.Contains("Criterio", StringComparison.Ordinal) && l.Contains("Peso × valoración", StringComparison.Ordinal) && l.Contains("Suma a la puntuación", StringComparison.Ordinal));
        Assert.Contains(headers, l => l.Contains("Cuándo", StringComparison.Ordinal) && l.Contains("Quién", StringComparison.Ordinal) && l.Contains("Motivo", StringComparison.Ordinal));

        var undesignated = await RunInSpanishAsync("accounts", "undesignate", "C3", "--reason", "Fin del contrato");
        Assert.Equal((0, "C3 ya no es cuenta clave"), (undesignated.Exit, undesignated.Out.Trim()));
    }

    [Fact]
    public async Task Refusals_AreSpanish()
    {
        var missing = await RunInSpanishAsync("accounts", "show", "NOPE");
        Assert.Equal(ExitCodes.Failure, missing.Exit);
        Assert.Contains("no hay ningún cliente 'NOPE' en el espacio de trabajo 'acme'", missing.Error, StringComparison.Ordinal);

        Assert.Contains("--criterion: 'brand=9' no es CLAVE=N con N un número entero de 0 a 5", await Kamino.Host.Tests.Cli.CliParseErrors.InAsync("es", "accounts", "rate", "C1", "--criterion", "brand=9"));
        Assert.Contains("indique --by CLIENTE o --none", await Kamino.Host.Tests.Cli.CliParseErrors.InAsync("es", "accounts", "refer", "C1"));
        Assert.Contains("indique --weight, --name o ambos", await Kamino.Host.Tests.Cli.CliParseErrors.InAsync("es", "criteria", "set", "brand"));
        Assert.Contains("--discount: '5' no es MÍN-MÁX en porcentaje, p. ej. 5-15", await Kamino.Host.Tests.Cli.CliParseErrors.InAsync("es", "tiers", "set", "Key", "--discount", "5"));
    }

    [Fact]
    public async Task CriteriaAndTiers_TablesAndSavesInSpanish()
    {
        var saved = await RunInSpanishAsync("criteria", "set", "brand", "--weight", "2.5");
        Assert.Equal((0, "criterio brand guardado"), (saved.Exit, saved.Out.Trim()));
        Assert.Matches(@"\nbrand,[^,\n]+,2\.5\r?\n", (await RunInSpanishAsync("criteria", "list", "--format", "csv")).Out); // a decimal point, as in English: not 25
        Assert.Contains("--weight: '2,5' no es un número (con punto decimal: 0.8)", await Kamino.Host.Tests.Cli.CliParseErrors.InAsync("es", "criteria", "set", "brand", "--weight", "2,5"));
        var criteria = await RunInSpanishAsync("criteria", "list");
        Assert.Contains(criteria.Out.Split('\n'), l => l.StartsWith('│') && l.Contains("Clave", StringComparison.Ordinal) && l.Contains("Peso", StringComparison.Ordinal));

        var tiers = await RunInSpanishAsync("tiers", "list");
        var header = tiers.Out.Split('\n').First(l => l.StartsWith('│'));
        foreach (var column in new[] { "Nivel", "Orden", "Cuentas clave", "Días entre seguimientos", "Canal", "Descuento mín. %", "Prioridad", "Horas prometidas" })
        {
            Assert.Contains(column, header, StringComparison.Ordinal);
        }

        Assert.StartsWith("nivel Key: ", (await RunInSpanishAsync("tiers", "set", "Key", "--priority", "1")).Out, StringComparison.Ordinal);
    }
}
