using Kamino.Host.Cli;

namespace Kamino.Host.Tests.Satisfaction;

/// <summary>
/// <c>kamino satisfaction</c> in Spanish (issue 17 item 3), on the <see cref="CliTeamSeed"/> team with two check-ins of
/// C1: 2026-01-20 (CSAT 5) and 2026-02-01 (CSAT 2).
/// </summary>
public sealed class SatisfactionCliSpanishTests : CliDatabaseTests
{
    [Fact]
    public async Task Table_InSpanish_WithASentenceForAnEmptyPeriod_CsvUnchanged()
    {
        var result = await RunInSpanishAsync("satisfaction", "--from", "2026-01-01", "--to", "2026-03-10");

        Assert.Equal(0, result.Exit);
        var header = result.Out.Split('\n').First(l => l.StartsWith('│'));
        foreach (var column in new[] { "Desde", "Hasta", "Seguimientos", "CSAT media", "NPS", "Promotores", "Pasivos", "Detractores" })
        {
            Assert.Contains(column, header, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Aún no hay seguimientos", result.Out, StringComparison.Ordinal);
        var csv = (await RunInSpanishAsync("satisfaction", "--from", "2026-01-01", "--to", "2026-03-10", "--format", "csv")).Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("from,to,checkins,averageCsat,nps,promoters,passives,detractors", csv[0]);
        Assert.Equal("2026-01-01,2026-03-10,2,3.5,,0,0,0", csv[1]);

        var empty = await RunInSpanishAsync("satisfaction", "--from", "2025-01-01", "--to", "2025-03-10");
        Assert.Contains("Aún no hay seguimientos en este periodo.", empty.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingWorkspace_IsRefusedInSpanish()
    {
        var result = await CliRunner.RunInAsync("es", "satisfaction", "--db", Db, "--workspace", "nadie");

        Assert.Equal(ExitCodes.Failure, result.Exit);
        Assert.Contains("el espacio de trabajo 'nadie' no existe", result.Error, StringComparison.Ordinal);

        var badDate = await RunInSpanishAsync("satisfaction", "--from", "01/01/2026");
        Assert.Equal((ExitCodes.Usage, "--from: '01/01/2026' no es una fecha con la forma aaaa-mm-dd"), (badDate.Exit, badDate.Error.Trim()));
    }

    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        var acme = (await CliTeamSeed.AddAsync(db)).Acme;
        foreach (var (id, day, csat) in new[] { (1L, 20, 5), (2L, 32, 2) })
        {
            var at = new DateTimeOffset(2026, 1, 1, 11, 0, 0, TimeSpan.Zero).AddDays(day - 1);
            db.Activities.Add(CliTeamSeed.Checkin(acme, id, 1, at, csat));
        }

        await db.SaveChangesAsync();
    }
}
