using Kamino.Email;
using Kamino.Tests.WorkTasks;
using Kamino.WorkTasks;
using MimeKit;

namespace Kamino.Tests.Email;

/// <summary>The task emails, sent through MailKit to a real SMTP server on loopback.</summary>
public sealed class EmailTests : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = new();

    private SmtpSettings Settings => new() { Host = "127.0.0.1", Port = smtp.Port, Security = SmtpSecurity.None, FromAddress = "kamino@acme.test" };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await smtp.DisposeAsync();

    [Fact]
    public async Task Send_DeliversTextAndHtml_ToExactlyTheRecipient()
    {
        var message = new EmailMessage(new EmailRecipient("ana@acme.test", "Ana Pérez"), "Hello", "plain body", "<p>html body</p>");

        await new EmailSender(Settings).SendAsync(message);

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("kamino@acme.test", mail.From);
        Assert.Equal(["ana@acme.test"], mail.Recipients);
        var mime = Parse(mail);
        Assert.Equal("Hello", mime.Subject);
        Assert.Equal("Ana Pérez", Assert.Single(mime.To.Mailboxes).Name);
        Assert.Contains("plain body", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>html body</p>", mime.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assigned_TitleAndNameWithInjectedBcc_OneRecipient_NoInjectedHeader()
    {
        // ASVS 1.3.11: CR/LF in a task title or a display name must not add a header or a recipient.
        var task = new WorkTask { Id = 7, Title = "Call\r\nBcc: x@evil.test", AssigneeUserId = "u", CreatedByUserId = "d", DueDate = new DateOnly(2025, 3, 12) };
        var to = new EmailRecipient("ana@acme.test", "Ana\r\nBcc: y@evil.test");
        var message = TaskEmails.Assigned(to, "Acme\nCc: z@evil.test", new TaskMailItem(task, "<b>Bold</b> S.L."), "Dir\r\nTo: w@evil.test");

        await new EmailSender(Settings).SendAsync(message);

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["ana@acme.test"], mail.Recipients);
        Assert.DoesNotContain(mail.HeaderLines, l => l.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Cc:", StringComparison.OrdinalIgnoreCase));
        Assert.Single(mail.HeaderLines, l => l.StartsWith("To:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(mail.HeaderLines, l => l.Contains('\r', StringComparison.Ordinal) || l.Contains('\n', StringComparison.Ordinal));
        var mime = Parse(mail);
        Assert.Equal("[Acme Cc: z@evil.test] New task: Call Bcc: x@evil.test", mime.Subject);
        Assert.Empty(mime.Bcc);
        Assert.Empty(mime.Cc);
        Assert.Equal("ana@acme.test", Assert.Single(mime.To.Mailboxes).Address);
        // User text is encoded in the HTML part.
        Assert.Contains("&lt;b&gt;Bold&lt;/b&gt; S.L.", mime.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Bold</b>", mime.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ana@acme.test\r\nRCPT TO:<x@evil.test>")]
    [InlineData("ana@acme.test, x@evil.test")]
    [InlineData("not an address")]
    public async Task Send_AddressWithInjectionOrSeveralAddresses_IsRefusedBeforeConnecting(string address)
    {
        var message = new EmailMessage(new EmailRecipient(address, "Ana"), "s", "t", "h");

        await Assert.ThrowsAsync<ArgumentException>(() => new EmailSender(Settings).SendAsync(message));
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Send_NotConfigured_SaysSo()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new EmailSender(new SmtpSettings()).SendAsync(new EmailMessage(new EmailRecipient("a@b.test", "A"), "s", "t", "h")));
        Assert.Contains("not configured", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_ToString_HidesThePassword() =>
        Assert.DoesNotContain("s3cret", new SmtpSettings { Host = "h", Password = "s3cret" }.ToString(), StringComparison.Ordinal);

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task DueReminders_EmailEachAssigneeOnce_TheDayBefore(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var w = await TaskWorld.SeedAsync(test.Database);
        // t5 (kam2) is due tomorrow. Add: another due tomorrow but done, and one for a disabled user.
        await using (var db = test.Database.CreateDbContext())
        {
            db.Tasks.Add(NewTask(w, 20, "Done already", "kam1", 1, WorkTaskStatus.Done));
            db.Tasks.Add(NewTask(w, 21, "For the disabled", "collab", 1));
            db.Tasks.Add(NewTask(w, 22, "Second for kam2", "kam2", 1, customer: w.Customers["C2"]));
            (await db.Users.SingleAsync(u => u.Id == w.Users["collab"])).DisabledAt = TaskWorld.Start;
            await db.SaveChangesAsync();
        }

        var notifier = new TaskNotifier(new EmailSender(Settings), w.Clock);
        NotifyReport first, second;
        await using (var db = test.Database.CreateDbContext())
        {
            first = await notifier.SendDueRemindersAsync(db, TaskWorld.Today);
        }

        await using (var db = test.Database.CreateDbContext())
        {
            second = await notifier.SendDueRemindersAsync(db, TaskWorld.Today);
        }

        Assert.Equal((2, 0), (first.Sent, first.Failures.Count));
        Assert.Equal(0, second.Sent);
        Assert.Equal(2, smtp.Messages.Count);
        Assert.All(smtp.Messages, m => Assert.Equal(["kam2@acme.test"], m.Recipients));
        var subjects = smtp.Messages.Select(m => Parse(m).Subject).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["[Acme Ltd] Due tomorrow: Second for kam2", "[Acme Ltd] Due tomorrow: Task t5"], subjects);
        var withAccount = smtp.Messages.Select(Parse).Single(m => m.Subject!.Contains("Second", StringComparison.Ordinal));
        Assert.Contains("account Customer C2", withAccount.TextBody, StringComparison.Ordinal);
        Assert.Contains("3/11/2025", withAccount.TextBody, StringComparison.Ordinal);
        await using var read = test.Database.CreateDbContext();
        var reminded = await read.Tasks.Where(t => t.ReminderSentAt != null).Select(t => t.Id).OrderBy(i => i).ToListAsync();
        Assert.Equal([w.Tasks["t5"], 22L], reminded);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    public async Task DueReminders_RecipientRefused_OthersStillSent_AndTheRefusedOneIsTriedAgainNextRun(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var w = await TaskWorld.SeedAsync(test.Database);
        await using (var db = test.Database.CreateDbContext())
        {
            db.Tasks.Add(NewTask(w, 20, "For kam1", "kam1", 1));
            await db.SaveChangesAsync();
        }

        smtp.RejectRecipients.Add("kam1@acme.test");
        var notifier = new TaskNotifier(new EmailSender(Settings), w.Clock);
        await using (var db = test.Database.CreateDbContext())
        {
            var report = await notifier.SendDueRemindersAsync(db, TaskWorld.Today);
            Assert.Equal(1, report.Sent);
            Assert.StartsWith("kam1@acme.test:", Assert.Single(report.Failures), StringComparison.Ordinal);
        }

        smtp.RejectRecipients.Clear();
        await using (var db = test.Database.CreateDbContext())
        {
            var retry = await notifier.SendDueRemindersAsync(db, TaskWorld.Today);
            Assert.Equal((1, 0), (retry.Sent, retry.Failures.Count));
        }

        Assert.Equal(["kam2@acme.test", "kam1@acme.test"], smtp.Messages.Select(m => m.Recipients.Single()));
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task DailyDigest_OnePerUserPerWorkspace_DueAndOverdue_SkipsUsersWithNothing(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var w = await TaskWorld.SeedAsync(test.Database);
        // Due today or overdue: t3 (kam1, -2), t6 (collab, 0), t7 (director, -1) in acme; o1 (kam1, -5) in other.
        var notifier = new TaskNotifier(new EmailSender(Settings), w.Clock);
        await using var db = test.Database.CreateDbContext();

        var report = await notifier.SendDailyDigestsAsync(db, TaskWorld.Today);

        Assert.Equal((4, 0), (report.Sent, report.Failures.Count));
        var byRecipient = smtp.Messages.GroupBy(m => m.Recipients.Single()).ToDictionary(g => g.Key, g => g.Select(Parse).ToList(), StringComparer.Ordinal);
        Assert.Equal(["collab@acme.test", "director@acme.test", "kam1@acme.test"], byRecipient.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, byRecipient["kam1@acme.test"].Count);
        var kam1Acme = byRecipient["kam1@acme.test"].Single(m => m.Subject!.StartsWith("[Acme Ltd]", StringComparison.Ordinal));
        Assert.Equal("[Acme Ltd] Your tasks for 3/10/2025: 1 overdue, 0 due today", kam1Acme.Subject);
        Assert.Contains("OVERDUE #3 Task t3", kam1Acme.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Task o1", kam1Acme.TextBody, StringComparison.Ordinal);
        var kam1Other = byRecipient["kam1@acme.test"].Single(m => m.Subject!.StartsWith("[Other SL]", StringComparison.Ordinal));
        Assert.Contains("Task o1", kam1Other.TextBody, StringComparison.Ordinal);
        var collab = Assert.Single(byRecipient["collab@acme.test"]);
        Assert.Equal("[Acme Ltd] Your tasks for 3/10/2025: 0 overdue, 1 due today", collab.Subject);
        Assert.Contains("#6 Task t6 (due 3/10/2025, account Customer C2)", collab.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    public async Task Assigned_AfterCreate_EmailsTheAssignee_ButNotWhenAssigningOneself(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var w = await TaskWorld.SeedAsync(test.Database, withTasks: false);
        var notifier = new TaskNotifier(new EmailSender(Settings), w.Clock);
        await using var db = test.Database.CreateDbContext();
        var forKam = (await Tasks.CreateAsync(db, w.Acme, new NewTask("Visit the plant", w.Users["kam1"], TaskWorld.Today.AddDays(2), CustomerId: w.Customers["C1"]), w.Users["director"], w.Clock)).Task!;
        var forSelf = (await Tasks.CreateAsync(db, w.Acme, new NewTask("Own task", w.Users["director"], TaskWorld.Today), w.Users["director"], w.Clock)).Task!;

        Assert.True(await notifier.SendAssignedAsync(db, forKam, w.Users["director"]));
        Assert.False(await notifier.SendAssignedAsync(db, forSelf, w.Users["director"]));

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["kam1@acme.test"], mail.Recipients);
        var mime = Parse(mail);
        Assert.Equal("[Acme Ltd] New task: Visit the plant", mime.Subject);
        Assert.Contains("Director assigned you a task in Acme Ltd", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("account Customer C1", mime.TextBody, StringComparison.Ordinal);
    }

    private static WorkTask NewTask(TaskWorld w, long id, string title, string assignee, int dueIn, WorkTaskStatus status = WorkTaskStatus.Open, long? customer = null) => new()
    {
        WorkspaceId = w.Acme,
        Id = id,
        Title = title,
        AssigneeUserId = w.Users[assignee],
        CustomerId = customer,
        DueDate = TaskWorld.Today.AddDays(dueIn),
        Status = status,
        CreatedByUserId = w.Users["director"],
        CreatedAt = TaskWorld.Start,
    };

    private static MimeMessage Parse(ReceivedMail mail)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data));
        return MimeMessage.Load(stream);
    }
}
