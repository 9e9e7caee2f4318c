using Kamino.Host.Cli;

namespace Kamino.Host.Tests.Import;

/// <summary>
/// <c>kamino import</c> and <c>kamino imports list|undo</c> in Spanish (issue 17 item 3): the CLI's own words are
/// Spanish, so are the problems Core words (<c>file:line: reason</c>), and the CSV output is unchanged.
/// </summary>
public sealed class ImportCliSpanishTests : IDisposable
{
    private const string Sales = "invoice,line,date,customer,amount\nF-1,1,2024-01-10,C1,10.00\nF-1,2,2024-13-10,C2,20.00\nF-2,1,2024-01-11\nF-3,1,2024-01-12,C2,@SUM(1)\nF-4,1,2024-01-12,C2,5.00\n";

    private readonly string dir = Directory.CreateTempSubdirectory("kamino-import-es-").FullName;

    private string Db => Path.Combine(dir, "k.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task ARejectedFile_IsToldInSpanish_ByKindOfProblem()
    {
        var file = Write("ventas.csv", Sales);

        var run = await RunInSpanishAsync("import", file);

        Assert.Equal(ExitCodes.Rejected, run.Exit);
        var lines = run.Error.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("ventas.csv: 1 fila mal formada:", lines);
        Assert.Contains("ventas.csv: 2 filas con un valor erróneo:", lines);
        Assert.Contains("ventas.csv: rechazado, no se ha importado nada (3 problemas)", lines);
        Assert.Contains("ventas.csv:4: 3 campos en lugar de 5", lines); // Core's words, in Spanish too
        Assert.Contains("ventas.csv:5: importe neto: «@SUM(1)» no es un número", lines);

        var options = await RunInSpanishAsync("import", file, "--rejects", Path.Combine(dir, "r.csv"));
        Assert.Equal((ExitCodes.Usage, "--rejects necesita --keep-valid: sin él, un archivo con una fila errónea se rechaza entero"), (options.Exit, options.Error.Trim()));
        Assert.Contains("--map 'precio': se esperaba CAMPO=COLUMNA con CAMPO uno de ", (await RunInSpanishAsync("import", file, "--map", "precio")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_KeepValid_List_Undo_InSpanish()
    {
        var file = Write("ventas.csv", Sales);
        var rejects = Path.Combine(dir, "rechazos.csv");

        var dry = await RunInSpanishAsync("import", file, "--dry-run", "--keep-valid", "--rejects", rejects);
        Assert.Contains("simulación, no se ha escrito nada: ", dry.Out, StringComparison.Ordinal);

        var run = await RunInSpanishAsync("import", file, "--keep-valid", "--rejects", rejects);
        Assert.Equal(0, run.Exit);
        Assert.Contains("ventas.csv (dialecto en, separador ", run.Out, StringComparison.Ordinal);
        Assert.Contains("importación n.º 1: ", run.Out, StringComparison.Ordinal);
        Assert.Contains("2 añadidas", run.Out, StringComparison.Ordinal);
        Assert.Contains("; parcial: 3 filas rechazadas", run.Out, StringComparison.Ordinal);
        Assert.Contains($"3 filas rechazadas escritas en {rejects}", run.Error, StringComparison.Ordinal);

        var list = await RunInSpanishAsync("imports", "list");
        var header = list.Out.Split('\n').First(l => l.StartsWith('│'));
        foreach (var column in new[] { "Cuándo (UTC)", "Archivo", "Formato", "Dialecto", "Separador", "Codificación", "Añadidas", "Ya importadas", "Clientes nuevos", "Rechazadas (parcial)" })
        {
            Assert.Contains(column, header, StringComparison.Ordinal);
        }

        Assert.StartsWith("id,importedAt,fileName,format,dialect,delimiter,encoding,linesAdded,", (await RunInSpanishAsync("imports", "list", "--format", "csv")).Out, StringComparison.Ordinal);

        var missing = await RunInSpanishAsync("imports", "undo", "99");
        Assert.Equal((ExitCodes.Failure, "no hay ninguna importación n.º 99 en el espacio de trabajo 'acme' (vea kamino imports list)"), (missing.Exit, missing.Error.Trim()));
        var undone = await RunInSpanishAsync("imports", "undo", "1");
        Assert.Equal(0, undone.Exit);
        Assert.StartsWith("importación n.º 1 (ventas.csv) deshecha: 2 líneas y 2 clientes eliminados, 0 clientes conservados", undone.Out, StringComparison.Ordinal);
        var again = await RunInSpanishAsync("imports", "undo", "1");
        Assert.Equal((ExitCodes.Failure, "la importación n.º 1 (ventas.csv) ya estaba deshecha"), (again.Exit, again.Error.Trim()));
    }


    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<(int Exit, string Out, string Error)> RunInSpanishAsync(params string[] args) => CliRunner.RunInAsync("es", [.. args, "--db", Db, "--workspace", "acme"]);
}
