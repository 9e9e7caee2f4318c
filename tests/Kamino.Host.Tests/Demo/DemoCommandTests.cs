using Kamino.Demo;
using Kamino.Host.Cli;

namespace Kamino.Host.Tests.Demo;

/// <summary><c>kamino demo</c>: the demo business in Spanish by default (it is in Valencia), in English with <c>--language en</c>.</summary>
public sealed class DemoCommandTests : CliDatabaseTests
{
    [Theory]
    [InlineData(null, "Clave", "Imagen de marca", "Mensajería de confianza, paga puntualmente.")]
    [InlineData("en", "Key", "Brand image", "Reliable courier, pays on time.")]
    public async Task Demo_Language_NamesTiersCriteriaAndNotesInIt(string? language, string topTier, string firstCriterion, string courierNote)
    {
        string[] args = language is null ? ["demo", "--db", Db] : ["demo", "--language", language, "--db", Db];

        var (exit, output, _) = await CliRunner.RunAsync(args);

        Assert.True(exit == ExitCodes.Ok, output);
        await using var db = Database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Id).SingleAsync();
        Assert.Equal(topTier, await db.Tiers.Where(t => t.WorkspaceId == ws).OrderBy(t => t.Rank).Select(t => t.Name).FirstAsync());
        Assert.Equal(firstCriterion, await db.Criteria.Where(c => c.WorkspaceId == ws).OrderBy(c => c.Position).Select(c => c.Name).FirstAsync());
        Assert.Contains(courierNote, await db.Ratings.Where(r => r.WorkspaceId == ws).Select(r => r.Note).ToListAsync());
    }

    [Fact]
    public async Task Demo_UnknownLanguage_IsAUsageError()
    {
        var (exit, _, _) = await CliRunner.RunAsync("demo", "--language", "fr", "--db", Db);

        Assert.Equal(ExitCodes.Usage, exit);
    }

    [Fact]
    public async Task InSpanish_TheDemoSaysWhatItCreated_AndThatItExistsTheSecondTime()
    {
        var (exit, output, _) = await CliRunner.RunInAsync("es", "demo", "--db", Db);

        Assert.True(exit == ExitCodes.Ok, output);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.StartsWith($"Se ha creado el espacio de trabajo de demostración '{DemoData.WorkspaceSlug}' en ", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^[\d.]+ clientes, [\d.]+ líneas de venta del \d{4}-\d{2}-\d{2} al \d{4}-\d{2}-\d{2}\.$", lines[1]);
        Assert.Contains("Échale un vistazo:", lines);

        var again = await CliRunner.RunInAsync("es", "demo", "--db", Db);
        Assert.StartsWith($"El espacio de trabajo de demostración ya existe (no se ha cambiado) '{DemoData.WorkspaceSlug}' en ", again.Out, StringComparison.Ordinal);
    }
}
