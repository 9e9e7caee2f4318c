using Kamino.Email;
using Kamino.WorkTasks;
using MimeKit;

namespace Kamino.Tests.Activities;

/// <summary>Check-ins due this week and overdue join the owner's daily digest, sent to a real SMTP server on loopback.</summary>
public sealed class CheckinDigestTests : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await smtp.DisposeAsync();

    [Theory]
    [InlineData(Engine.Sqlite)]
    public async Task DailyDigest_TheOwnersCheckinsDue_MostOverdueFirst_NothingForUpToDate(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        CadenceWorld w;
        await using (var seed = test.Database.CreateDbContext())
        {
            w = await CadenceWorld.SeedAsync(seed);
            await w.TaskAsync(seed, w.A, "kam", "Prepare the offer", 0);
        }

        var settings = new SmtpSettings { Host = "127.0.0.1", Port = smtp.Port, Security = SmtpSecurity.None, FromAddress = "kamino@a.test" };
        var notifier = new TaskNotifier(new EmailSender(settings), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(CadenceWorld.At(0)));
        await using var db = test.Database.CreateDbContext();

        // kora reads Kamino in Spanish: her digest is Spanish, dates as Spain writes them.
        await db.Users.Where(u => u.Email == "kora@a.test").ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "es"));
        var report = await notifier.SendDailyDigestsAsync(db, CadenceWorld.Today);

        // karl in a (a task and two check-ins) and in b (one check-in); kora in a; the Lead KAM's K4 is up to date.
        Assert.Equal((3, 0), (report.Sent, report.Failures.Count));
        var mails = smtp.Messages.Select(m => (To: m.Recipients.Single(), Mime: Parse(m))).ToList();
        Assert.DoesNotContain(mails, m => m.To == "lena@a.test");
        var karlA = mails.Single(m => m.To == "karl@a.test" && m.Mime.Subject!.StartsWith("[A]", StringComparison.Ordinal)).Mime;
        Assert.Equal("[A] Your tasks for 3/10/2026: 0 overdue, 1 due today; 2 check-in(s) due", karlA.Subject);
        var text = karlA.TextBody!;
        Assert.Contains("Prepare the offer", text, StringComparison.Ordinal);
        var never = text.IndexOf("- NEVER CONTACTED Customer K2 (Key): due now", StringComparison.Ordinal);
        var overdue = text.IndexOf("- OVERDUE Customer K1 (Key): due 2/28/2026, 10 day(s) overdue", StringComparison.Ordinal);
        Assert.True(never > 0 && overdue > never, text);
        Assert.Contains("<strong>Customer K1</strong>", karlA.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("B1", text, StringComparison.Ordinal);

        var kora = mails.Single(m => m.To == "kora@a.test").Mime;
        Assert.Equal("[A] Tus tareas del 10/3/2026: 0 atrasada(s), 0 para hoy; 1 seguimiento(s) pendiente(s)", kora.Subject);
        Assert.Contains("- Customer K3 (Key): para el 13/3/2026", kora.TextBody, StringComparison.Ordinal);
        Assert.Contains("No tienes tareas abiertas en A", kora.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("Hola, ", kora.TextBody, StringComparison.Ordinal);
        var karlB = mails.Single(m => m.To == "karl@a.test" && m.Mime.Subject!.StartsWith("[B]", StringComparison.Ordinal)).Mime;
        Assert.Contains("Customer B1", karlB.TextBody, StringComparison.Ordinal);
    }

    private static MimeMessage Parse(ReceivedMail mail)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data));
        return MimeMessage.Load(stream);
    }
}
