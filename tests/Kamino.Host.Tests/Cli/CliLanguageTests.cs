using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kamino.Import;
using Kamino.Host.Cli;

namespace Kamino.Host.Tests.Cli;

/// <summary>
/// The command line speaks the user's language (issue 17 item 3): Spanish when <c>KAMINO_LANGUAGE</c> or the POSIX
/// locale says so, English otherwise; and every text has both languages with the same placeholders.
/// </summary>
public sealed partial class CliLanguageTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
        Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest("acme", path))).Imported);
    }

    [Theory]
    [InlineData("Cli")]
    [InlineData("Ui")]
    public void EveryText_HasBothLanguages_WithTheSamePlaceholders(string resource)
    {
        var english = Texts(resource + ".resx");
        var spanish = Texts(resource + ".es.resx");
        Assert.Empty(english.Keys.Except(spanish.Keys));
        Assert.Empty(spanish.Keys.Except(english.Keys));
        var mismatched = english
            .Where(e => !Placeholders(e.Value).SetEquals(Placeholders(spanish[e.Key])))
            .Select(e => $"{e.Key}: '{e.Value}' / '{spanish[e.Key]}'")
            .ToList();
        Assert.Empty(mismatched);
        Assert.Empty(spanish.Where(e => string.IsNullOrWhiteSpace(e.Value) && !string.IsNullOrWhiteSpace(english[e.Key])).Select(e => e.Key));
    }

    [Fact]
    public async Task AMissingCustomer_IsToldInSpanish_WhenTheRunSpeaksSpanish_AndInEnglishOtherwise()
    {
        var (exit, _, error) = await CliRunner.RunInAsync("es", "accounts", "owner", "NOPE", "--kam", "kam@example.com", "--db", Db, "--workspace", "acme");
        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("no hay ningún cliente 'NOPE' en el espacio de trabajo 'acme'", error, StringComparison.Ordinal);

        (exit, _, error) = await CliRunner.RunInAsync("en", "accounts", "owner", "NOPE", "--kam", "kam@example.com", "--db", Db, "--workspace", "acme");
        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("no customer 'NOPE' in workspace 'acme'", error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task TheRealExecutable_TakesItsLanguageFromLang_AndKaminoLanguageComesFirst()
    {
        var spanish = await RunProcessAsync(new() { ["LANG"] = "es_ES.UTF-8" });
        Assert.Contains("el espacio de trabajo 'nadie' no existe", spanish.Stderr, StringComparison.Ordinal);

        var english = await RunProcessAsync(new() { ["LANG"] = "es_ES.UTF-8", ["KAMINO_LANGUAGE"] = "en" });
        Assert.Contains("workspace 'nadie' does not exist", english.Stderr, StringComparison.Ordinal);

        var plain = await RunProcessAsync(new());
        Assert.Contains("workspace 'nadie' does not exist", plain.Stderr, StringComparison.Ordinal);
    }

    private async Task<CliRun> RunProcessAsync(Dictionary<string, string> environment)
    {
        using var process = KaminoProcess.Start(environment, "accounts", "show", "C1", "--db", Db, "--workspace", "nadie");
        var run = await process.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
        return run;
    }

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "src", "Kamino.Host", "Resources", file)).Root!
            .Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholder();
}
