using Kamino.Tests.WorkTasks;
using Kamino.WorkTasks;

namespace Kamino.Tests.Data;

/// <summary>
/// Many writers of one workspace at once, each with its own context (as web requests are): every write is
/// stored, with distinct ids, and each with its own audit entry.
/// </summary>
public sealed class ParallelWritersTests
{
    private const int Writers = 16;

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task CreateTask_SixteenWritersAtOnce_AllStoredWithDistinctIdsAndOneAuditEntryEach(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var w = await TaskWorld.SeedAsync(test.Database, withTasks: true);
        int before;
        await using (var db = test.Database.CreateDbContext())
        {
            before = await db.Tasks.CountAsync(t => t.WorkspaceId == w.Acme);
        }

        var results = await AllAtOnceAsync(test.Database, (db, i) => Tasks.CreateAsync(db, w.Acme,
            new NewTask($"Parallel {i}", w.Users[i % 2 == 0 ? "kam1" : "kam2"], TaskWorld.Today.AddDays(1)), w.Users[i % 2 == 0 ? "director" : "lead"], w.Clock));

        Assert.All(results, r => Assert.Equal(TaskOutcome.Changed, r.Outcome));
        await using var read = test.Database.CreateDbContext();
        var tasks = await read.Tasks.Where(t => t.WorkspaceId == w.Acme && t.Title.StartsWith("Parallel")).ToListAsync();
        Assert.Equal(Writers, tasks.Count);
        Assert.Equal(before + Writers, await read.Tasks.CountAsync(t => t.WorkspaceId == w.Acme));
        var audited = await read.AuditEntries.Where(a => a.WorkspaceId == w.Acme && a.Entity == "task" && a.Action == "create").Select(a => a.EntityId).ToListAsync();
        Assert.Equal(tasks.Select(t => t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), audited.Order());
        Assert.Equal(Writers, await read.Notifications.CountAsync(n => n.WorkspaceId == w.Acme && n.Text.Contains("Parallel")));
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task NextId_SixteenWritersAtOnce_DistinctAndAfterRowsStoredBefore(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var w = await TaskWorld.SeedAsync(test.Database, withTasks: true);
        long highest;
        await using (var db = test.Database.CreateDbContext())
        {
            highest = await db.Tasks.Where(t => t.WorkspaceId == w.Acme).MaxAsync(t => t.Id);
        }

        var ids = await AllAtOnceAsync(test.Database, (db, _) => db.NextIdAsync(db.Tasks, w.Acme));

        Assert.Equal(Writers, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(id > highest, $"id {id} reuses one up to {highest}"));
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task ReserveIds_Range_IsNotHandedOutAgainAndWorkspacesCountApart(Engine engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var w = await TaskWorld.SeedAsync(test.Database, withTasks: false);
        await using var db = test.Database.CreateDbContext();

        var last = await db.ReserveIdsAsync(db.Notifications, w.Acme, 10);
        var next = await db.NextIdAsync(db.Notifications, w.Acme);
        var other = await db.NextIdAsync(db.Notifications, w.Other);

        Assert.Equal((10L, 11L, 1L), (last, next, other));
    }

    /// <summary>Runs <see cref="Writers"/> writes at once, each on its own thread with its own context, started together.</summary>
    private static async Task<T[]> AllAtOnceAsync<T>(KaminoDatabase database, Func<KaminoDb, int, Task<T>> write)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            await using var db = database.CreateDbContext();
            await start.Task;
            return await write(db, i);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(writers);
    }
}
