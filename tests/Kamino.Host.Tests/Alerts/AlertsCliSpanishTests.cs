using Kamino.Host.Cli;

namespace Kamino.Host.Tests.Alerts;

/// <summary>
/// <c>kamino alerts</c> and <c>alerts ack|snooze|undo</c> in Spanish (issue 17 item 3), on the <see cref="CliTeamSeed"/>
/// team with C1 checked in 2026-01-20 (CSAT 5) and 2026-02-01 (CSAT 2), C2 never contacted; on 2026-03-10.
/// </summary>
public sealed class AlertsCliSpanishTests : CliDatabaseTests
{
    private const string Day = "2026-03-10";

    [Fact]
    public async Task List_TableInSpanish_CsvKeepsTheKinds()
    {
        var table = await RunInSpanishAsync("alerts", "--today", Day);

        Assert.Equal(0, table.Exit);
        var header = table.Out.Split('\n').First(l => l.StartsWith('│'));
        foreach (var column in new[] { "Tipo", "Cliente", "Nombre", "Motivo", "Desde", "Enlace", "Clave" })
        {
            Assert.Contains(column, header, StringComparison.Ordinal);
        }

        Assert.Contains(table.Out.Split('\n'), l => l.Contains("seguimiento atrasado", StringComparison.Ordinal) && l.Contains("Cliente Dos", StringComparison.Ordinal));
        Assert.Contains(table.Out.Split('\n'), l => l.Contains("CSAT baja", StringComparison.Ordinal) && l.Contains("Cliente Uno", StringComparison.Ordinal));
        // The reasons too, worded from each alert's figures; the CSV keeps the recorded English.
        Assert.Contains("Nunca contactada: toca un seguimiento ya.", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Never contacted", table.Out, StringComparison.Ordinal);

        var csv = await RunInSpanishAsync("alerts", "--today", Day, "--format", "csv");
        Assert.StartsWith("kind,customerId,customerName,reason,since,link,key", csv.Out, StringComparison.Ordinal);
        Assert.Contains("checkinOverdue,C2,", csv.Out, StringComparison.Ordinal);
        Assert.Contains("Never contacted", csv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AckSnoozeUndo_SayWhatTheyDidInSpanish_AndRefuseWithoutAUser()
    {
        var ack = await RunInSpanishAsync("alerts", "ack", "checkinOverdue:2", "--user", "kam2@acme.test", "--today", Day);
        Assert.Equal((0, "alerta checkinOverdue:2 reconocida"), (ack.Exit, ack.Out.Trim()));

        var undo = await RunInSpanishAsync("alerts", "undo", "checkinOverdue:2", "--user", "kam2@acme.test");
        Assert.Equal((0, "alerta checkinOverdue:2 mostrada de nuevo"), (undo.Exit, undo.Out.Trim()));
        var again = await RunInSpanishAsync("alerts", "undo", "checkinOverdue:2", "--user", "kam2@acme.test");
        Assert.Equal((1, "No has marcado como vista ni pospuesto la alerta checkinOverdue:2."), (again.Exit, again.Error.Trim()));
        var none = await RunInSpanishAsync("alerts", "ack", "checkinOverdue:9", "--user", "kam2@acme.test", "--today", Day);
        Assert.Equal((1, "No hay ninguna alerta checkinOverdue:9 el 10/3/2026."), (none.Exit, none.Error.Trim()));

        var snooze = await RunInSpanishAsync("alerts", "snooze", "checkinOverdue:2", "--user", "kam2@acme.test", "--today", Day, "--until", "2026-03-20");
        Assert.Equal((0, "alerta checkinOverdue:2 pospuesta hasta el 2026-03-20"), (snooze.Exit, snooze.Out.Trim()));

        Assert.Contains("hace falta --user EMAIL (de quién es la alerta)", await Kamino.Host.Tests.Cli.CliParseErrors.InAsync("es", "alerts", "ack", "checkinOverdue:2"));
        var badUntil = await RunInSpanishAsync("alerts", "snooze", "checkinOverdue:2", "--user", "kam2@acme.test", "--until", "20/03/2026");
        Assert.Equal((ExitCodes.Usage, "--until: '20/03/2026' no es una fecha con la forma aaaa-mm-dd"), (badUntil.Exit, badUntil.Error.Trim()));
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
