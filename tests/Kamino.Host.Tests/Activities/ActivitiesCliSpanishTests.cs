using Kamino.Host.Cli;

namespace Kamino.Host.Tests.Activities;

/// <summary>
/// <c>kamino activities add|list</c>, <c>kamino checkins due</c> and <c>kamino calendar revoke</c> in Spanish (issue 17
/// item 3), on the <see cref="CliTeamSeed"/> team: C1 (the KAM's) checked in 2026-01-20, C2 never contacted.
/// </summary>
public sealed class ActivitiesCliSpanishTests : CliDatabaseTests
{
    [Fact]
    public async Task Add_ThenList_InSpanish_CsvAsInEnglish()
    {
        var call = await RunInSpanishAsync("activities", "add", "C1", "--type", "call", "--summary", "Piden dos furgonetas más", "--user", "kam@acme.test");
        Assert.Equal(0, call.Exit);
        Assert.Matches(@"^llamada \d+ registrada en C1$", call.Out.Trim());

        var checkin = await RunInSpanishAsync("activities", "add", "C1", "--type", "visit", "--checkin", "--csat", "4", "--summary", "Visita");
        Assert.Equal(0, checkin.Exit);
        Assert.Matches(@"^seguimiento \d+ registrado en C1$", checkin.Out.Trim());

        var list = await RunInSpanishAsync("activities", "list", "C1");
        var header = list.Out.Split('\n').First(l => l.StartsWith('│'));
        foreach (var column in new[] { "Cuándo", "Tipo", "Seguimiento", "Próximo seguimiento", "Por", "Equipo", "Contactos", "Resumen" })
        {
            Assert.Contains(column, header, StringComparison.Ordinal);
        }

        Assert.Contains(list.Out.Split('\n'), l => l.Contains("Visita", StringComparison.Ordinal) && l.Contains("│ sí ", StringComparison.Ordinal) && l.Contains("sistema", StringComparison.Ordinal));

        var csv = (await RunInSpanishAsync("activities", "list", "C1", "--format", "csv")).Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("id,at,type,isCheckin,csat,nps,nextCheckinOn,loggedBy,", csv[0], StringComparison.Ordinal);
        Assert.Contains(csv, l => l.Contains(",visit,yes,4,,", StringComparison.Ordinal) && l.Contains(",system,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refusals_AreSpanish()
    {
        Assert.Contains("--at: 'ayer' no es aaaa-mm-dd ni aaaa-mm-ddTHH:mm (con desfase opcional)",
            await Kamino.Host.Tests.Cli.CliParseErrors.InAsync("es", "activities", "add", "C1", "--type", "call", "--summary", "x", "--at", "ayer"));
        Assert.Contains("--next-step: 'llamar' no es \"TÍTULO;EMAIL;AAAA-MM-DD\"",
            await Kamino.Host.Tests.Cli.CliParseErrors.InAsync("es", "activities", "add", "C1", "--type", "call", "--summary", "x", "--next-step", "llamar"));

        var future = await RunInSpanishAsync("activities", "add", "C1", "--type", "call", "--summary", "x", "--at", "2099-01-01");
        Assert.Contains("--at: Una actividad se registra cuando ya ha ocurrido: la fecha está en el futuro.", future.Error, StringComparison.Ordinal);
        var csat = await RunInSpanishAsync("activities", "add", "C1", "--type", "visit", "--checkin", "--csat", "7", "--summary", "x");
        Assert.Contains("--csat: El CSAT es un número entero de 1 a 5, no 7.", csat.Error, StringComparison.Ordinal);
        var csatEn = await RunAsync("activities", "add", "C1", "--type", "visit", "--checkin", "--csat", "7", "--summary", "x");
        Assert.Contains("--csat: CSAT is a whole number from 1 to 5, not 7.", csatEn.Error, StringComparison.Ordinal);

        var revoke = await RunInSpanishAsync("calendar", "revoke", "--user", "kam@acme.test");
        Assert.Equal((ExitCodes.Failure, "kam@acme.test no tiene calendario en este espacio de trabajo"), (revoke.Exit, revoke.Error.Trim()));
    }

    [Fact]
    public async Task CheckinsDue_AndCalendar_InSpanish()
    {
        var due = await RunInSpanishAsync("checkins", "due", "--today", "2026-03-01");

        Assert.Equal(0, due.Exit);
        var header = due.Out.Split('\n').First(l => l.StartsWith('│'));
        foreach (var column in new[] { "Cliente", "Nombre", "Nivel", "Responsable", "Último seguimiento", "Próximo vencimiento", "Estado", "Días de retraso" })
        {
            Assert.Contains(column, header, StringComparison.Ordinal);
        }

        Assert.Contains(due.Out.Split('\n'), l => l.Contains("Cliente Dos", StringComparison.Ordinal) && l.Contains("sin contactar", StringComparison.Ordinal));
        Assert.Contains(due.Out.Split('\n'), l => l.Contains("Cliente Uno", StringComparison.Ordinal) && l.Contains("atrasado", StringComparison.Ordinal));
        Assert.Contains(",overdue,10", (await RunInSpanishAsync("checkins", "due", "--today", "2026-03-01", "--format", "csv")).Out, StringComparison.Ordinal);

        Assert.Equal(0, (await RunInSpanishAsync("calendar", "url", "--user", "kam@acme.test")).Exit);
        var revoked = await RunInSpanishAsync("calendar", "revoke", "--user", "kam@acme.test");
        Assert.Equal((0, "calendario revocado"), (revoked.Exit, revoked.Out.Trim()));
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
