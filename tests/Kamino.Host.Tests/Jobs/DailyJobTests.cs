using Kamino.Host.Jobs;
using Kamino.Jobs;
using Kamino.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Kamino.Host.Tests.Jobs;

/// <summary><c>serve</c>'s daily job on two nodes of one database: each part of the day runs on one node only.</summary>
public sealed class DailyJobTests
{
    [Fact]
    public async Task RunDay_OnTwoNodes_TheSecondNodeFindsEveryPartDone()
    {
        await using var server = await KaminoTestServer.StartAsync(async database =>
        {
            await using var db = database.CreateDbContext();
            db.Workspaces.Add(new Workspace { Slug = "acme", Name = "Acme", Currency = "EUR", CreatedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var (second, _) = await KaminoTestServer.StartNodeAsync(server.Database);
        try
        {
            var day = new DateOnly(2026, 3, 2);

            var first = await server.Services.GetRequiredService<DailyJob>().RunDayAsync(day, "node-1", CancellationToken.None);
            var again = await second.Services.GetRequiredService<DailyJob>().RunDayAsync(day, "node-2", CancellationToken.None);

            // Without SMTP settings the day has two parts: check-in notifications and the alert digest.
            Assert.Equal([DailyJobs.Checkins, DailyJobs.AlertDigest], first);
            Assert.Empty(again);
            await using var db = server.Database.CreateDbContext();
            Assert.All(await db.JobRuns.ToListAsync(), r => Assert.Equal(("node-1", "2026-03-02"), (r.Node, r.Period)));
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }
}
