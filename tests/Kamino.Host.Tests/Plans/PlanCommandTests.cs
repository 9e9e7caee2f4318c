using System.Text.RegularExpressions;

namespace Kamino.Host.Tests.Plans;

/// <summary>
/// <c>kamino plan …</c> on the SQLite file of a <see cref="TeamServer"/> (acme: C1 owned by KAM 1, C2 by KAM 2, a member
/// of each role; other: O1). Each test works on its own year.
/// </summary>
public sealed partial class PlanCommandTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    [Fact]
    public async Task AUserBuildsAPlanFromTheCommandLine_AndPrintsIt()
    {
        var set = await RunAsync("plan", "set", "C1", "--year", "2041", "--strengths", "Loyal riders", "--threats", "Scooter rival", "--user", TeamServer.Kam1);
        Assert.Equal((0, "situation of plan 2041 of C1 saved"), (set.Exit, set.Out.Trim()));
        var add = await RunAsync("plan", "objective", "add", "C1", "--year", "2041", "--area", "sales", "--title", "Grow the fleet to 60 motorbikes",
            "--owner", TeamServer.Collaborator, "--target", "60", "--due", "2041-09-30", "--measure", "Motorbikes", "--user", TeamServer.Kam1);
        Assert.Equal((0, ""), (add.Exit, add.Err));
        var grow = AddedId(add.Out);
        var swaps = AddedId((await RunAsync("plan", "objective", "add", "C1", "--today", "2041-02-01", "--area", "Service", "--title", "Weekend swaps")).Out);

        var task = await fixture.TaskAsync("Quote 20 motorbikes", TeamServer.Kam1, TeamServer.Kam1, new DateOnly(2041, 5, 1), "C1");
        var link = await RunAsync("plan", "objective", "link", "C1", grow, "--task", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", TeamServer.Lead);
        var status = await RunAsync("plan", "objective", "status", "C1", swaps, "at-risk", "--user", TeamServer.Director);
        Assert.Equal((0, 0, $"objective {swaps} is at-risk"), (link.Exit, status.Exit, status.Out.Trim()));

        var json = JsonDocument.Parse((await RunAsync("plan", "show", "C1", "--year", "2041", "--format", "json")).Out).RootElement;
        Assert.Equal(("Loyal riders", "Scooter rival", ""), (json.GetProperty("strengths").GetString(), json.GetProperty("threats").GetString(), json.GetProperty("weaknesses").GetString()));
        var objectives = json.GetProperty("objectives").EnumerateArray().ToList();
        Assert.Equal([("Grow the fleet to 60 motorbikes", "notStarted", 1), ("Weekend swaps", "atRisk", 0)],
            objectives.Select(o => (o.GetProperty("title").GetString(), o.GetProperty("status").GetString(), o.GetProperty("actions").GetInt32())));
        Assert.Equal(TeamServer.Collaborator, objectives[0].GetProperty("ownerEmail").GetString());

        var table = await RunAsync("plan", "show", "C1", "--today", "2041-06-01");
        Assert.Contains("Plan 2041", table.Out, StringComparison.Ordinal);
        Assert.Contains("Weekend swaps", table.Out, StringComparison.Ordinal);
        Assert.Contains("0/1 (0%)", table.Out, StringComparison.Ordinal);

        var pdfPath = Path.Combine(Path.GetTempPath(), $"kamino-plan-{Guid.NewGuid():N}.pdf");
        try
        {
            var pdf = await RunAsync("plan", "show", "C1", "--year", "2041", "--pdf", pdfPath);
            Assert.Equal(0, pdf.Exit);
            var bytes = await File.ReadAllBytesAsync(pdfPath);
            Assert.Equal(1, await PdfTools.PagesAsync(bytes));
            Assert.Contains("Grow the fleet to 60 motorbikes", await PdfTools.TextAsync(bytes), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pdfPath);
        }

        var next = await RunAsync("plan", "next-year", "C1", "--year", "2041", "--user", TeamServer.Kam1);
        Assert.Equal((0, "plan 2042 started from 2041 with 2 objective(s)"), (next.Exit, next.Out.Trim()));
        var unlink = await RunAsync("plan", "objective", "unlink", "C1", "--task", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var remove = await RunAsync("plan", "objective", "remove", "C1", grow, "--user", TeamServer.Kam1);
        Assert.Equal((0, 0), (unlink.Exit, remove.Exit));
        Assert.Single(JsonDocument.Parse((await RunAsync("plan", "show", "C1", "--year", "2041", "--format", "json")).Out).RootElement.GetProperty("objectives").EnumerateArray());
    }

    [Fact]
    public async Task RefusalsAndBadInput_SayWhy()
    {
        var viewer = await RunAsync("plan", "objective", "add", "C1", "--year", "2043", "--area", "sales", "--title", "Mine", "--user", TeamServer.Viewer);
        var otherKam = await RunAsync("plan", "set", "C1", "--year", "2043", "--strengths", "Mine", "--user", TeamServer.Kam2);
        var area = await RunAsync("plan", "objective", "add", "C1", "--area", "finance", "--title", "X");
        var blank = await RunAsync("plan", "objective", "add", "C1", "--year", "2043", "--area", "sales", "--title", " ");
        var stranger = await RunAsync("plan", "objective", "add", "C1", "--year", "2043", "--area", "sales", "--title", "X", "--owner", TeamServer.OtherDirector);
        var year = await RunAsync("plan", "show", "C1", "--year", "20433");
        var foreign = await RunAsync("plan", "show", "O1");

        Assert.Equal((1, 1, 2, 3, 1, 2, 1), (viewer.Exit, otherKam.Exit, area.Exit, blank.Exit, stranger.Exit, year.Exit, foreign.Exit));
        Assert.Contains("reads account plans but may not change them", viewer.Err, StringComparison.Ordinal);
        Assert.Contains("C1 is not one of them", otherKam.Err, StringComparison.Ordinal);
        Assert.Contains("--title: A title is required.", blank.Err, StringComparison.Ordinal);
        Assert.Contains("is not a member", stranger.Err, StringComparison.Ordinal);
        Assert.Contains("no customer 'O1' in workspace 'acme'", foreign.Err, StringComparison.Ordinal);
        Assert.Empty(JsonDocument.Parse((await RunAsync("plan", "show", "C1", "--year", "2043", "--format", "json")).Out).RootElement.GetProperty("objectives").EnumerateArray());
    }

    [Fact]
    public async Task InSpanish_ThePlanIsSetShownAndRefused_InSpanish()
    {
        var set = await Es("plan", "set", "C1", "--year", "2044", "--strengths", "Clientes fieles", "--user", TeamServer.Kam1);
        Assert.Equal((0, "situación del plan 2044 de C1 guardada"), (set.Exit, set.Out.Trim()));
        var add = await Es("plan", "objective", "add", "C1", "--year", "2044", "--area", "sales", "--title", "Flota de 60 motos", "--user", TeamServer.Kam1);
        var id = Assert.Single(Regex.Matches(add.Out, @"^objetivo (\d+) añadido al plan 2044$", RegexOptions.Multiline)).Groups[1].Value;
        var status = await Es("plan", "objective", "status", "C1", id, "at-risk", "--user", TeamServer.Kam1);
        Assert.Equal((0, $"objetivo {id}: en riesgo"), (status.Exit, status.Out.Trim()));

        var table = (await Es("plan", "show", "C1", "--year", "2044")).Out;
        Assert.Contains("Plan 2044 · ", table, StringComparison.Ordinal);
        Assert.Contains($"responsable: {TeamServer.Kam1}", table, StringComparison.Ordinal);
        Assert.Contains("Fortalezas:    Clientes fieles", table, StringComparison.Ordinal);
        Assert.Matches(@"Id\s+│\s+Área\s+│\s+Objetivo\s+│\s+Responsable\s+│\s+Medida\s+│\s+Meta\s+│\s+Fecha límite\s+│\s+Estado\s+│\s+Avance", table);
        Assert.Matches(@"│\s+ventas\s+│\s+Flota de 60 motos\s+│.*│\s+en riesgo\s+│\s+sin acciones\s+│", table);
        var csv = (await Es("plan", "show", "C1", "--year", "2044", "--format", "csv")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,area,title,owner,measure,target,dueOn,status,progress", csv[0].Trim());
        Assert.EndsWith(",sales,Flota de 60 motos,,,,,at-risk,no actions", csv[1].Trim(), StringComparison.Ordinal);

        var pdfPath = Path.Combine(Path.GetTempPath(), $"kamino-plan-es-{Guid.NewGuid():N}.pdf");
        try
        {
            var pdf = await Es("plan", "show", "C1", "--year", "2044", "--pdf", pdfPath);
            Assert.Equal((0, $"plan 2044 de C1 guardado en {pdfPath}"), (pdf.Exit, pdf.Out.Trim()));
            var text = await PdfTools.TextAsync(await File.ReadAllBytesAsync(pdfPath));
            Assert.Contains("Fortalezas", text, StringComparison.Ordinal);
            Assert.Contains("En riesgo", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pdfPath);
        }

        Assert.Equal(2, (await Es("plan", "objective", "add", "C1", "--area", "finanzas", "--title", "X")).Exit);
        Assert.Contains("--area: 'finanzas' no es ninguna de: sales, marketing, communication, advertising, service, direction",
            await SpanishParseErrorsAsync("plan", "objective", "add", "C1", "--area", "finanzas", "--title", "X"));
        Assert.Contains("STATUS: 'parado' no es ninguno de: not-started, on-track, at-risk, done", await SpanishParseErrorsAsync("plan", "objective", "status", "C1", "1", "parado"));
        var year = await Es("plan", "show", "C1", "--year", "20433");
        Assert.Equal((2, "--year: 20433 no es un año de plan (2000–2100)"), (year.Exit, year.Err.Trim()));
        var blank = await Es("plan", "objective", "add", "C1", "--year", "2044", "--area", "sales", "--title", " ", "--measure", new string('m', 201));
        Assert.Contains("--title: El campo «título» es obligatorio.", blank.Err, StringComparison.Ordinal);
        Assert.Contains("--measure: El campo «medida» tiene 201 caracteres; se admiten como máximo 200.", blank.Err, StringComparison.Ordinal);
    }

    /// <summary>The parse errors of a Spanish run (the executable prints them on the console; the in-process runner does not capture it).</summary>
    private static Task<IReadOnlyList<string>> SpanishParseErrorsAsync(params string[] args) => Kamino.Host.Tests.Cli.CliParseErrors.InAsync("es", args);

    private Task<(int Exit, string Out, string Err)> Es(params string[] args) =>
        CliRunner.RunInAsync("es", [.. args, "-w", TeamServer.Slug, "--db", fixture.Server.Database.SqlitePath!]);

    private static string AddedId(string output)
    {
        var match = AddedPattern().Match(output);
        Assert.True(match.Success, output);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"^objective (\d+) added to plan \d{4}$", RegexOptions.Multiline)]
    private static partial Regex AddedPattern();

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "-w", TeamServer.Slug, "--db", fixture.Server.Database.SqlitePath!]);
}
