using Kamino.Host.Cli;

namespace Kamino.Host.Tests.Health;

/// <summary>
/// <c>kamino accounts health</c> in Spanish (issue 17 item 3), on the <see cref="CliTeamSeed"/> team: key accounts C1
/// (the KAM's, checked in 2026-01-20) and C2, C3 not a key account.
/// </summary>
public sealed class HealthCliSpanishTests : CliDatabaseTests
{
    [Fact]
    public async Task List_AndOneAccount_InSpanish_CsvKeepsItsFieldNames()
    {
        var list = await RunInSpanishAsync("accounts", "health", "--today", "2026-03-01");

        Assert.Equal(0, list.Exit);
        var header = list.Out.Split('\n').First(l => l.StartsWith('│'));
        foreach (var column in new[] { "Cliente", "Nombre", "Nivel", "Responsable", "Puntuación", "Banda", "Contacto al día", "Satisfacción", "Tendencia de facturación", "Tareas vencidas" })
        {
            Assert.Contains(column, header, StringComparison.Ordinal);
        }

        Assert.Contains(list.Out.Split('\n'), l => l.Contains("Cliente Uno", StringComparison.Ordinal) && (l.Contains("rojo", StringComparison.Ordinal) || l.Contains("ámbar", StringComparison.Ordinal) || l.Contains("verde", StringComparison.Ordinal)));
        var csv = await RunInSpanishAsync("accounts", "health", "--today", "2026-03-01", "--format", "csv");
        Assert.StartsWith("customerId,name,tier,owner,score,band,freshness,satisfaction,revenueTrend,overdueTasks", csv.Out, StringComparison.Ordinal);
        Assert.Matches(@"C1,Cliente Uno,[^,]*,kam@acme\.test,\d+,(red|amber|green),", csv.Out);

        var one = await RunInSpanishAsync("accounts", "health", "C1", "--today", "2026-03-01");
        Assert.Equal(0, one.Exit);
        Assert.Matches(@"Salud \d+ \((rojo|ámbar|verde)\)", one.Out);
        Assert.Contains(one.Out.Split('\n'), l => l.StartsWith('│') && l.Contains("Parte", StringComparison.Ordinal) && l.Contains("Puntos", StringComparison.Ordinal) && l.Contains("Motivo", StringComparison.Ordinal));
        Assert.Contains(one.Out.Split('\n'), l => l.StartsWith('│') && l.Contains("Tendencia de facturación", StringComparison.Ordinal));

        // The reasons, worded from the rule's kinds and figures, in Spanish; the English run says them in English.
        Assert.Contains("último CSAT 5", one.Out, StringComparison.Ordinal);
        Assert.Contains("sin tareas vencidas", one.Out, StringComparison.Ordinal);
        var english = await RunAsync("accounts", "health", "C1", "--today", "2026-03-01");
        Assert.Contains("latest CSAT 5", english.Out, StringComparison.Ordinal);
        Assert.Contains("no overdue tasks", english.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotAKeyAccount_IsRefusedInSpanish()
    {
        var result = await RunInSpanishAsync("accounts", "health", "C3");

        Assert.Equal(ExitCodes.Failure, result.Exit);
        Assert.Equal("'C3' no es una cuenta clave: la salud solo se puntúa en las cuentas clave", result.Error.Trim());
    }

    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        var acme = await CliTeamSeed.AddAsync(db);
        var at = new DateTimeOffset(2026, 1, 20, 11, 0, 0, TimeSpan.Zero);
        db.Activities.Add(CliTeamSeed.Checkin(acme.Acme, 1, 1, at, 5));
        await db.SaveChangesAsync();
    }
}
