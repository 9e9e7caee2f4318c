using Kamino.Workspaces;
using Npgsql;

namespace Kamino.Tests.Data;

/// <summary>
/// <see cref="KaminoDatabase.OpenReadDbContextAsync"/> against a real primary and a real streaming standby
/// (<see cref="ReplicatedPostgres"/>): the standby answers reads as it is, a reader fenced after its own write gets
/// the primary until the standby has replayed that write, and a standby that is down sends reads to the primary.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ReadReplicaTests(ReplicatedPostgres cluster) : IClassFixture<ReplicatedPostgres>, IAsyncLifetime
{
    private string primary = "";
    private string standby = "";

    public async Task InitializeAsync()
    {
        (primary, standby) = await cluster.CreateDatabaseAsync();
        await new KaminoDatabase(primary).MigrateAsync();
        await cluster.CaughtUpAsync(cluster.Standby);
    }

    public Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Standby_RowWrittenOnThePrimary_IsReadOnTheStandby()
    {
        var database = new KaminoDatabase(primary, readTarget: standby);
        await AddWorkspaceAsync(database, "streamed");

        await cluster.CaughtUpAsync(cluster.Standby);
        await using var read = database.CreateReadDbContext();

        Assert.Equal(standby, read.Database.GetConnectionString());
        Assert.True(await read.Workspaces.AnyAsync(w => w.Slug == "streamed"));
    }

    [Fact]
    public async Task OpenReadDbContext_ReplayPaused_WithoutFenceReadsTheStandbyAsItIs()
    {
        var database = new KaminoDatabase(primary, readTarget: standby);
        await cluster.PauseReplayAsync();
        try
        {
            await AddWorkspaceAsync(database, "unseen");

            var read = await database.OpenReadDbContextAsync(fence: null);
            await using var db = read.Db;

            Assert.Equal(ReadRoute.Standby, read.Route);
            Assert.False(await db.Workspaces.AnyAsync(w => w.Slug == "unseen"));
        }
        finally
        {
            await cluster.ResumeReplayAsync();
        }
    }

    [Fact]
    public async Task OpenReadDbContext_FencedAfterAWrite_ReadsThePrimaryUntilTheStandbyHasReplayedIt()
    {
        var database = new KaminoDatabase(primary, readTarget: standby);
        ReadContext behind;
        bool seenWhileBehind;
        await cluster.PauseReplayAsync();
        try
        {
            await AddWorkspaceAsync(database, "mine");
            var fence = await database.WritePositionAsync();
            behind = await database.OpenReadDbContextAsync(fence);
            await using (behind.Db)
            {
                seenWhileBehind = await behind.Db.Workspaces.AnyAsync(w => w.Slug == "mine");
            }

            await cluster.ResumeReplayAsync();
            var caughtUp = await database.OpenReadDbContextAsync(fence);
            await using var db = caughtUp.Db;

            Assert.Equal(ReadRoute.StandbyBehind, behind.Route);
            Assert.True(seenWhileBehind);
            Assert.Equal(ReadRoute.Standby, caughtUp.Route);
            Assert.Equal(standby, db.Database.GetConnectionString());
            Assert.True(await db.Workspaces.AnyAsync(w => w.Slug == "mine"));
        }
        finally
        {
            await cluster.ResumeReplayAsync();
        }
    }

    [Fact]
    public async Task OpenReadDbContext_StandbyStopped_ReadsThePrimary()
    {
        var own = await cluster.Primary.StartStandbyAsync();
        var name = new NpgsqlConnectionStringBuilder(primary).Database!;
        var database = new KaminoDatabase(primary, readTarget: own.ConnectionString(name));
        await AddWorkspaceAsync(database, "still-here");
        await cluster.CaughtUpAsync(own);
        var up = await database.OpenReadDbContextAsync(fence: null);
        await up.Db.DisposeAsync();

        await own.DisposeAsync();
        var failed = await database.OpenReadDbContextAsync(fence: null);
        var resting = await database.OpenReadDbContextAsync(fence: null);
        await using var db = failed.Db;
        await using var next = resting.Db;

        Assert.Equal(ReadRoute.Standby, up.Route);
        Assert.Equal(ReadRoute.StandbyFailed, failed.Route);
        Assert.Equal(ReadRoute.StandbyResting, resting.Route);
        Assert.Equal(primary, db.Database.GetConnectionString());
        Assert.True(await db.Workspaces.AnyAsync(w => w.Slug == "still-here"));
        Assert.True(await next.Workspaces.AnyAsync(w => w.Slug == "still-here"));
    }

    [Fact]
    public async Task OpenReadDbContext_ReadDatabaseIsNotAStandby_ReadsThePrimary()
    {
        // A read database that is a primary (here: the primary itself) is not in recovery: never trusted as a standby.
        var database = new KaminoDatabase(primary, readTarget: primary + ";Application Name=not-a-standby");

        var read = await database.OpenReadDbContextAsync(fence: null);
        await using var db = read.Db;

        Assert.Equal(ReadRoute.StandbyFailed, read.Route);
        Assert.Equal(primary, db.Database.GetConnectionString());
    }

    [Fact]
    public void ReadTarget_WithSqlite_IsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new KaminoDatabase(Path.Combine(Path.GetTempPath(), "never-created.db"), readTarget: standby));

        Assert.Contains("needs PostgreSQL", e.Message, StringComparison.Ordinal);
        Assert.Null(new KaminoDatabase(primary).Replica);
    }

    private static async Task AddWorkspaceAsync(KaminoDatabase database, string slug)
    {
        await using var db = database.CreateDbContext();
        db.Workspaces.Add(new Workspace { Slug = slug, Name = slug, CreatedAt = TimeProvider.System.GetUtcNow() });
        await db.SaveChangesAsync();
    }
}
