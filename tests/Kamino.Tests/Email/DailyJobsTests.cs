using Kamino.Email;
using Kamino.Jobs;
using Kamino.Tests.WorkTasks;
using Kamino.WorkTasks;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Email;

/// <summary>
/// Jobs that run once (issue 16 item 2): the ledger's claims on both engines, and the daily digest sent once however
/// many times or places it is started, through a real SMTP server on loopback.
/// </summary>
public sealed class DailyJobsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly TestSmtpServer smtp = new();

    private SmtpSettings Settings => new() { Host = "127.0.0.1", Port = smtp.Port, Security = SmtpSecurity.None, FromAddress = "kamino@acme.test" };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await smtp.DisposeAsync();

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Claim_SecondClaimOfTheSamePeriod_GetsNothing_OtherPeriodsAndJobsAreFree(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var clock = new FakeTimeProvider(Noon);
        await using var db = test.Database.CreateDbContext();

        var first = await JobLedger.ClaimAsync(db, "digest", "2025-03-10", "node-a", clock);
        var second = await JobLedger.ClaimAsync(db, "digest", "2025-03-10", "node-b", clock);
        var nextDay = await JobLedger.ClaimAsync(db, "digest", "2025-03-11", "node-b", clock);
        var otherJob = await JobLedger.ClaimAsync(db, "reminders", "2025-03-10", "node-b", clock);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(nextDay);
        Assert.NotNull(otherJob);
        var run = await JobLedger.FindAsync(db, "digest", "2025-03-10");
        Assert.Equal(("node-a", 1, (DateTimeOffset?)null), (run!.Node, run.Attempts, run.FinishedAt));
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Claim_ManyNodesAtOnce_ExactlyOneGetsIt(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var clock = new FakeTimeProvider(Noon);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            await using var db = test.Database.CreateDbContext();
            return await JobLedger.ClaimAsync(db, "digest", "2025-03-10", $"node-{i}", clock);
        }));

        var winner = Assert.Single(claims, c => c is not null);
        await using var check = test.Database.CreateDbContext();
        Assert.Equal(winner!.Node, (await JobLedger.FindAsync(check, "digest", "2025-03-10"))!.Node);
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Claim_RunLeftUnfinishedByADeadNode_IsTakenOverOnlyAfterStaleAfter(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var clock = new FakeTimeProvider(Noon);
        await using var db = test.Database.CreateDbContext();
        Assert.NotNull(await JobLedger.ClaimAsync(db, "digest", "2025-03-10", "dead-node", clock));

        clock.Advance(JobLedger.StaleAfter - TimeSpan.FromMinutes(1));
        var tooSoon = await JobLedger.ClaimAsync(db, "digest", "2025-03-10", "node-b", clock);
        clock.Advance(TimeSpan.FromMinutes(2));
        var takenOver = await JobLedger.ClaimAsync(db, "digest", "2025-03-10", "node-b", clock);
        await JobLedger.FinishAsync(db, takenOver!, "2 sent, 0 failed", clock);
        clock.Advance(JobLedger.StaleAfter * 2);
        var afterFinish = await JobLedger.ClaimAsync(db, "digest", "2025-03-10", "node-c", clock);

        Assert.Null(tooSoon);
        Assert.NotNull(takenOver);
        Assert.Null(afterFinish);
        var run = await JobLedger.FindAsync(db, "digest", "2025-03-10");
        Assert.Equal(("node-b", 2, "2 sent, 0 failed"), (run!.Node, run.Attempts, run.Result));
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task RunOnce_WorkThatThrows_GivesTheRunBack_AndTheNextTryDoesIt(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var clock = new FakeTimeProvider(Noon);
        await using var db = test.Database.CreateDbContext();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            JobLedger.RunOnceAsync<int>(db, "digest", "2025-03-10", "node-a", clock, () => throw new InvalidOperationException("mail server down"), n => $"{n}"));
        Assert.Null(await JobLedger.FindAsync(db, "digest", "2025-03-10"));
        var retry = await JobLedger.RunOnceAsync(db, "digest", "2025-03-10", "node-a", clock, () => Task.FromResult(3), n => $"{n} sent");

        Assert.True(retry.Ran);
        Assert.Equal("3 sent", (await JobLedger.FindAsync(db, "digest", "2025-03-10"))!.Result);
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Digest_StartedTwiceAndOnTwoNodesAtOnce_SendsEachMessageOnce(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var w = await TaskWorld.SeedAsync(test.Database);
        var clock = w.Clock;

        // Two nodes at once, then a third start later the same day (cron after serve, a restart).
        var racing = await Task.WhenAll(new[] { "node-a", "node-b" }.Select(async node =>
        {
            await using var db = test.Database.CreateDbContext();
            return await DailyJobs.DigestAsync(db, TaskWorld.Today, new TaskNotifier(new EmailSender(Settings), clock), node, clock);
        }));
        await using var again = test.Database.CreateDbContext();
        var late = await DailyJobs.DigestAsync(again, TaskWorld.Today, new TaskNotifier(new EmailSender(Settings), clock), "node-c", clock);

        var ran = Assert.Single(racing, r => r.Ran);
        Assert.False(late.Ran);
        Assert.Equal(4, ran.Result!.Sent);
        // Four digests (see EmailTests): each sent once.
        Assert.Equal(4, smtp.Messages.Count);
        Assert.Contains("already ran on", DailyJobs.AlreadyRan(DailyJobs.Digest, TaskWorld.Today, late.Earlier), StringComparison.Ordinal);
        Assert.Equal("4 sent, 0 failed", late.Earlier!.Result);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    public async Task Digest_WhenEveryMessageIsRefused_IsGivenBack_AndSentOnTheNextTry(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var w = await TaskWorld.SeedAsync(test.Database);
        foreach (var to in new[] { "collab@acme.test", "director@acme.test", "kam1@acme.test" })
        {
            smtp.RejectRecipients.Add(to);
        }

        await using var db = test.Database.CreateDbContext();
        var refused = await DailyJobs.DigestAsync(db, TaskWorld.Today, new TaskNotifier(new EmailSender(Settings), w.Clock), "node-a", w.Clock);
        smtp.RejectRecipients.Clear();
        var retry = await DailyJobs.DigestAsync(db, TaskWorld.Today, new TaskNotifier(new EmailSender(Settings), w.Clock), "node-a", w.Clock);

        Assert.Equal((0, 4), (refused.Result!.Sent, refused.Result.Failures.Count));
        Assert.True(retry.Ran);
        Assert.Equal(4, retry.Result!.Sent);
    }
}
