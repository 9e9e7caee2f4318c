using System.CommandLine;
using System.CommandLine.Help;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kamino.Host.Cli;

namespace Kamino.Host.Tests.Cli;

/// <summary>
/// <c>kamino --help</c> speaks the run's language (issue 17 item 3): every command's, option's and argument's help
/// text is Spanish when the run speaks Spanish and English otherwise, in the real executable as in the tests' runs.
/// </summary>
public sealed class CliHelpTests
{
    /// <summary>Help texts that read the same in both languages (none so far: add one only if it truly is the same).</summary>
    private static readonly HashSet<string> SameInBoth = [];

    [Fact]
    public async Task TheRootHelp_IsSpanish_WhenTheRunSpeaksSpanish_AndEnglishOtherwise()
    {
        var spanish = await HelpAsync("es");
        Assert.Contains("Kamino: gestión de cuentas clave para pequeñas empresas. Encuentra los clientes que suman el 80 % de tu facturación.", spanish, StringComparison.Ordinal);
        Assert.Contains("Ruta del archivo SQLite o cadena de conexión de PostgreSQL (Host=…). Variable de entorno KAMINO_DB. Por defecto: " + KaminoDatabase.DefaultSqlitePath, spanish, StringComparison.Ordinal);
        Assert.Contains("Nombre corto del espacio de trabajo: de 1 a 63 minúsculas", spanish, StringComparison.Ordinal);
        Assert.Contains("Tareas: las mías, las de mi equipo, crear, marcar hecha", spanish, StringComparison.Ordinal);
        Assert.Contains("Pedidos de clientes: registrar, listar, mostrar", spanish, StringComparison.Ordinal);
        Assert.DoesNotContain("key account management", spanish, StringComparison.Ordinal);
        Assert.DoesNotContain("Tasks: mine", spanish, StringComparison.Ordinal);

        var english = await HelpAsync("en");
        Assert.Contains("Kamino: key account management for small businesses. Finds the customers that make 80% of your revenue.", english, StringComparison.Ordinal);
        Assert.Contains("SQLite file path or PostgreSQL connection string (Host=…). Env KAMINO_DB. Default: " + KaminoDatabase.DefaultSqlitePath, english, StringComparison.Ordinal);
        Assert.Contains("Workspace slug: " + Kamino.Workspaces.WorkspaceSlug.Rule, english, StringComparison.Ordinal);
        Assert.Contains("Tasks: mine, my team's, add, done", english, StringComparison.Ordinal);
        Assert.DoesNotContain("cuentas clave", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASubcommandsHelp_IsSpanish_WhenTheRunSpeaksSpanish_AndEnglishOtherwise()
    {
        var spanish = await HelpAsync("es", "tasks", "add");
        Assert.Contains("Crear una tarea para --assignee en nombre de --user (Dirección, KAM responsable o KAM); se avisa al asignado", spanish, StringComparison.Ordinal);
        Assert.Contains("Fecha límite, aaaa-mm-dd (por defecto: dentro de una semana)", spanish, StringComparison.Ordinal);
        Assert.Contains("Email del miembro que tiene que hacerla", spanish, StringComparison.Ordinal);
        // The recursive options of the root are described in the subcommand's help too.
        Assert.Contains("Nombre corto del espacio de trabajo", spanish, StringComparison.Ordinal);
        Assert.DoesNotContain("Due date", spanish, StringComparison.Ordinal);

        var english = await HelpAsync("en", "tasks", "add");
        Assert.Contains("Create a task for --assignee on behalf of --user (Director, Lead KAM or KAM); the assignee is notified", english, StringComparison.Ordinal);
        Assert.Contains("Due date, yyyy-mm-dd (default: a week from today)", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Fecha límite", english, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orders queue", "La cola de pedidos: pedidos abiertos que no esperan aprobación", "Cuántos pedidos mostrar: de 1 a 500 (por defecto 50)", "The order queue: open orders not waiting for approval")]
    [InlineData("plan objective add", "Añadir un objetivo al final del plan", "Qué se quiere conseguir (hasta 200 caracteres)", "What to achieve (up to 200 characters)")]
    [InlineData("contacts add", "Añadir un contacto a un cliente", "Influencia en la decisión, de 1 a 5 (al editar: vacío o none la borra)", "Influence on the decision, 1 to 5 (edit: empty or none clears it)")]
    [InlineData("accounts list", "Clientes con facturación, posición, clase ABC", "Puntuar sobre todas las ventas, sea cual sea su fecha", "Score over all sales, whatever their date")]
    [InlineData("accounts pareto", "Los clientes que suman el 80 % de la facturación", "Analizar todas las ventas, sea cual sea su fecha", "Analyse all sales, whatever their date")]
    [InlineData("import", "Importar archivos de ventas, carpetas y archivos .zip", "Con --keep-valid: el archivo CSV en el que se escriben las filas rechazadas (file,line,kind,reason,row)", "With --keep-valid: the CSV file the rejected rows are written to")]
    [InlineData("serve", "Servir la aplicación web y la API HTTP", "Variable de entorno KAMINO_READ_DB, ajuste Kamino:ReadDb", "Env KAMINO_READ_DB, setting Kamino:ReadDb")]
    [InlineData("demo", "Crear el espacio de trabajo de demostración 'demo'", "Idioma de los textos de la demo al crearla: es (por defecto) o en", "Language of the demo's texts when it is created")]
    public async Task MoreSubcommandsHelp_IsSpanish_WhenTheRunSpeaksSpanish(string command, string spanishCommand, string spanishOption, string english)
    {
        var spanish = await HelpAsync("es", command.Split(' '));
        Assert.Contains(spanishCommand, spanish, StringComparison.Ordinal);
        Assert.Contains(spanishOption, spanish, StringComparison.Ordinal);
        Assert.DoesNotContain(english, spanish, StringComparison.Ordinal);

        Assert.Contains(english, await HelpAsync("en", command.Split(' ')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryHelpText_OfTheWholeTree_ComesFromTheRunsLanguage()
    {
        var spanish = Texts("Cli.es.resx");
        var english = Texts("Cli.resx");

        // Spanish, English, Spanish again: the options kept in static fields are shared by the runs of one process, so a
        // text worded once for the first run would show in the other language in one of these passes.
        foreach (var (language, own, other) in new[] { ("es", spanish, english), ("en", english, spanish), ("es", spanish, english) })
        {
            var described = await DescriptionsAsync(language);
            Assert.True(described.Count > 250, $"only {described.Count} help texts in the tree");

            var missing = described.Where(d => string.IsNullOrWhiteSpace(d.Text)).Select(d => d.Where).ToList();
            Assert.True(missing.Count == 0, $"{language}: no help text for " + string.Join(", ", missing));

            // A text of this language's file whose other-language text (same key) is not the same text.
            var foreign = described
                .Where(d => !string.IsNullOrWhiteSpace(d.Text)
                    && !own.Any(t => t.Value.IsMatch(d.Text) && (!other[t.Key].IsMatch(d.Text) || SameInBoth.Contains(d.Text))))
                .Select(d => $"{d.Where}: '{d.Text}'")
                .ToList();
            Assert.True(foreign.Count == 0, $"{language}: help texts not from Cli{(language == "es" ? ".es" : "")}.resx:\n" + string.Join("\n", foreign));
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task TheRealExecutablesHelp_FollowsLang()
    {
        using (var process = KaminoProcess.Start(new Dictionary<string, string> { ["LANG"] = "es_ES.UTF-8" }, "tasks", "add", "--help"))
        {
            var run = await process.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
            Assert.Contains("Crear una tarea para --assignee en nombre de --user", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("Nombre corto del espacio de trabajo", run.Stdout, StringComparison.Ordinal);
        }

        using (var process = KaminoProcess.Start(new Dictionary<string, string> { ["LANG"] = "es_ES.UTF-8", ["KAMINO_LANGUAGE"] = "en" }, "tasks", "add", "--help"))
        {
            var run = await process.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
            Assert.Contains("Create a task for --assignee on behalf of --user", run.Stdout, StringComparison.Ordinal);
        }
    }

    private static async Task<string> HelpAsync(string language, params string[] command)
    {
        var (exit, output, error) = await CliRunner.RunInAsync(language, [.. command, "--help"]);
        Assert.True(exit == ExitCodes.Ok, error);
        return output;
    }

    /// <summary>Every command's, option's and argument's help text of the tree one run in <paramref name="language"/> builds.</summary>
    private static Task<List<(string Where, string? Text)>> DescriptionsAsync(string language) =>
        // A task of its own: the run's language and cultures stay in it.
        Task.Run(() =>
        {
            CliLanguage.Override = language;
            CliLanguage.Apply();
            var found = new List<(string, string?)>();
            Walk(KaminoCli.Build(), "kamino", found);
            return found;
        });

    private static void Walk(Command command, string path, List<(string Where, string? Text)> found)
    {
        found.Add((path, command.Description));
        // --help and --version are System.CommandLine's own, in Spanish through its satellite assemblies.
        foreach (var option in command.Options.Where(o => o is not HelpOption and not VersionOption))
        {
            found.Add(($"{path} {option.Name}", option.Description));
        }

        foreach (var argument in command.Arguments)
        {
            found.Add(($"{path} <{argument.Name}>", argument.Description));
        }

        foreach (var subcommand in command.Subcommands)
        {
            Walk(subcommand, $"{path} {subcommand.Name}", found);
        }
    }

    /// <summary>Each text of a resource file as a pattern that its <c>{0}</c>… filled in with anything still matches.</summary>
    private static Dictionary<string, Regex> Texts(string file) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "src", "Kamino.Host", "Resources", file)).Root!
            .Elements("data")
            .ToDictionary(
                d => (string)d.Attribute("name")!,
                d => new Regex("^" + Regex.Replace(Regex.Escape((string?)d.Element("value") ?? ""), @"\\\{\d+[^}]*}", ".+") + "$", RegexOptions.Singleline));
}
