using Kamino.Host.Cli;
using Kamino.Import;

namespace Kamino.Host.Tests.Cli;

/// <summary>
/// The shared parts of the command line in Spanish (issue 17 item 3): <c>--format</c> and <c>--output</c>, the
/// scope options, enum options, dates, <c>kamino migrate</c>; the same runs in English keep their words.
/// </summary>
public sealed class CliSpanishTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
        Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest("acme", path))).Imported);
    }

    [Fact]
    public async Task FormatAndScopeRefusals_AreSpanish_WhenTheRunSpeaksSpanish()
    {
        Assert.Contains("--format xlsx lo ofrecen las listas de clientes (accounts list), cuentas clave (accounts health), tareas, actividades y pedidos; use aquí csv o json",
            await CliParseErrors.InAsync("es", "tiers", "list", "--format", "xlsx"));
        Assert.Contains("--format xlsx escribe un archivo de Excel, que no se muestra en el terminal: indique el archivo con --output ARCHIVO.xlsx",
            await CliParseErrors.InAsync("es", "accounts", "list", "--format", "xlsx"));
        Assert.Contains("--mine y --team necesitan --user EMAIL (de quién son las cuentas)", await CliParseErrors.InAsync("es", "checkins", "due", "--mine"));
        Assert.Contains("indique --mine o --team, no ambos", await CliParseErrors.InAsync("es", "alerts", "--mine", "--team", "--user", "a@b.c"));
        Assert.Contains("--channel: '99' no es ninguno de: Any, Call, Visit.", await CliParseErrors.InAsync("es", "tiers", "set", "Key", "--channel", "99"));

        Assert.Contains("give --mine or --team, not both", await CliParseErrors.InAsync("en", "alerts", "--mine", "--team", "--user", "a@b.c"));
    }

    [Fact]
    public async Task ABadDate_IsRefusedInSpanish()
    {
        var result = await RunInSpanishAsync("checkins", "due", "--today", "ayer");

        Assert.Equal(ExitCodes.Usage, result.Exit);
        Assert.Contains("--today: 'ayer' no es una fecha con la forma aaaa-mm-dd", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_SaysInSpanishThatTheSchemaIsUpToDate()
    {
        var dryRun = await CliRunner.RunInAsync("es", "migrate", "--dry-run", "--db", Db);
        Assert.Equal(0, dryRun.Exit);
        Assert.Contains("al día, no hay nada que aplicar", dryRun.Out, StringComparison.Ordinal);

        var run = await CliRunner.RunInAsync("es", "migrate", "--db", Db);
        Assert.Equal(0, run.Exit);
        Assert.EndsWith(": al día", run.Out.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task XlsxList_SaysInSpanishWhatItWrote()
    {
        var file = Path.Combine(Dir, "clientes.xlsx");

        var result = await RunInSpanishAsync("accounts", "list", "--format", "xlsx", "--output", file);

        Assert.Equal(0, result.Exit);
        Assert.Equal($"clientes: 4 filas escritas en {file}", result.Out.Trim());
        Assert.True(File.Exists(file));
    }
}
