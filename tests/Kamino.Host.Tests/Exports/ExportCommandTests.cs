using MiniExcelLibs;

namespace Kamino.Host.Tests.Exports;

/// <summary>
/// <c>--format xlsx --output FILE</c> on the list commands and <c>kamino report portfolio</c>, on the SQLite file of a
/// <see cref="TeamServer"/> (acme: key accounts C1 owned by KAM 1 and C2 by KAM 2).
/// </summary>
public sealed class ExportCommandTests(TeamServer fixture) : IClassFixture<TeamServer>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kamino-exports-").FullName;

    [Fact]
    public async Task ListCommands_WriteTheWorkbook_WithTheRowsTheirJsonGives()
    {
        var customers = Path.Combine(folder, "customers.xlsx");
        var written = await RunAsync("accounts", "list", "--all", "--format", "xlsx", "--output", customers);
        var json = JsonDocument.Parse((await RunAsync("accounts", "list", "--all", "--format", "json")).Out).RootElement.GetProperty("customers").EnumerateArray().ToList();
        Assert.Equal((0, $"{json.Count} customers written to {customers}"), (written.Exit, written.Out.Trim()));
        var rows = Sheet(customers);
        Assert.Equal(json.Select(c => c.GetProperty("key").GetString()), rows.Select(r => (string?)r["Key"]));
        Assert.Equal(json.Select(c => (double)c.GetProperty("revenue").GetDecimal()), rows.Select(r => Convert.ToDouble(r["Revenue"], CultureInfo.InvariantCulture)));
        Assert.Equal("kam1", rows.Single(r => (string?)r["Key"] == "C1")["Owner"]);

        var mine = Path.Combine(folder, "mine.xlsx");
        Assert.Equal(0, (await RunAsync("accounts", "health", "--mine", "--user", TeamServer.Kam1, "-f", "xlsx", "-o", mine)).Exit);
        Assert.Equal(["C1"], Sheet(mine).Select(r => (string?)r["Key"]));

        var title = "@Call back " + Guid.NewGuid().ToString("N")[..6];
        await fixture.TaskAsync(title, TeamServer.Kam2, TeamServer.Director, TeamServer.Today.AddDays(1), "C2");
        var tasks = Path.Combine(folder, "tasks.xlsx");
        var kamTasks = Path.Combine(folder, "kam-tasks.xlsx");
        Assert.Equal(0, (await RunAsync("tasks", "list", "--all", "-f", "xlsx", "-o", tasks)).Exit);
        Assert.Equal(0, (await RunAsync("tasks", "list", "--user", TeamServer.Kam1, "-f", "xlsx", "-o", kamTasks)).Exit);
        Assert.Contains(Sheet(tasks), r => (string?)r["Title"] == "'" + title);
        Assert.DoesNotContain(Sheet(kamTasks), r => (string?)r["Title"] == "'" + title);

        var orders = Path.Combine(folder, "orders.xlsx");
        var activities = Path.Combine(folder, "activities.xlsx");
        Assert.Equal(0, (await RunAsync("orders", "list", "-f", "xlsx", "-o", orders)).Exit);
        Assert.Equal(0, (await RunAsync("activities", "list", "C1", "-f", "xlsx", "-o", activities)).Exit);
        Assert.Equal(["Order", "Customer", "Customer name", "Tier", "Status"], Header(orders).Take(5));
        Assert.Equal(["Number", "Customer", "Customer name", "When (UTC)", "Type"], Header(activities).Take(5));
    }

    [Fact]
    public async Task Xlsx_InSpanish_HasSpanishHeaders_CsvKeepsTheFieldNames()
    {
        var customers = Path.Combine(folder, "clientes.xlsx");
        Assert.Equal(0, (await RunInSpanishAsync("accounts", "list", "--all", "-f", "xlsx", "-o", customers)).Exit);
        Assert.Equal(["Posición", "Clave", "Nombre", "Facturación", "Moneda", "Parte de la facturación", "Clase", "Puntuación"], Header(customers).Take(8));
        Assert.Equal("kam1", Sheet(customers).Single(r => (string?)r["Clave"] == "C1")["Responsable"]);
        var tasks = Path.Combine(folder, "tareas.xlsx");
        Assert.Equal(0, (await RunInSpanishAsync("tasks", "list", "--all", "-f", "xlsx", "-o", tasks)).Exit);
        Assert.Equal(["Número", "Título", "Estado", "Atrasada", "Vencimiento"], Header(tasks).Take(5));

        var csv = await RunInSpanishAsync("tasks", "list", "--all", "-f", "csv");
        Assert.StartsWith("id,", csv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_IsNeverPrintedToTheTerminal_AndOnlyListCommandsOfferIt()
    {
        var toTerminal = await RunAsync("accounts", "list", "--format", "xlsx");
        var notOffered = await RunAsync("members", "list", "--format", "xlsx", "--output", Path.Combine(folder, "m.xlsx"));
        var outputWithCsv = await RunAsync("tasks", "list", "--all", "--format", "csv", "--output", Path.Combine(folder, "t.csv"));
        // Refused as a usage error: the terminal gets the command's help, never the workbook's bytes.
        Assert.Equal(2, toTerminal.Exit);
        Assert.DoesNotContain("PK\u0003\u0004", toTerminal.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', toTerminal.Out);
        Assert.Equal((2, 2), (notOffered.Exit, outputWithCsv.Exit));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task ReportPortfolio_WritesThePdf_InTheLanguageAsked()
    {
        var en = Path.Combine(folder, "report-en.pdf");
        var es = Path.Combine(folder, "report-es.pdf");
        var english = await RunAsync("report", "portfolio", "--all", "--output", en, "--language", "en");
        var spanish = await RunAsync("report", "portfolio", "--all", "-o", es, "--language", "es");
        Assert.Equal((0, 0), (english.Exit, spanish.Exit));
        Assert.Equal($"portfolio report of 'acme' (2 key accounts) written to {en}", english.Out.Trim());
        var enText = await PdfTools.TextAsync(await File.ReadAllBytesAsync(en));
        var esText = await PdfTools.TextAsync(await File.ReadAllBytesAsync(es));
        Assert.Contains("Portfolio report", enText, StringComparison.Ordinal);
        Assert.Contains("Acme Foods", enText, StringComparison.Ordinal);
        Assert.Contains("Key accounts (2)", enText, StringComparison.Ordinal);
        Assert.Contains("Informe de cartera", esText, StringComparison.Ordinal);

        var badPeriod = await RunAsync("report", "portfolio", "--from", "2026-13-01", "-o", Path.Combine(folder, "bad.pdf"));
        var noOutput = await RunAsync("report", "portfolio");
        Assert.Equal((2, 2), (badPeriod.Exit, noOutput.Exit));
        Assert.False(File.Exists(Path.Combine(folder, "bad.pdf")));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static List<IDictionary<string, object?>> Sheet(string path) => MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

    private static IEnumerable<string?> Header(string path) => MiniExcel.Query(path).Cast<IDictionary<string, object?>>().First().Values.Select(v => v as string);

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "-w", TeamServer.Slug, "--db", fixture.Server.Database.SqlitePath!]);

    private Task<(int Exit, string Out, string Error)> RunInSpanishAsync(params string[] args) =>
        CliRunner.RunInAsync("es", [.. args, "-w", TeamServer.Slug, "--db", fixture.Server.Database.SqlitePath!]);
}
