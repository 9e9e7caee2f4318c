using System.Globalization;
using Kamino.Workspaces;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Workspaces;

/// <summary>Creating workspaces on SQLite and PostgreSQL (sealed subclasses at the end).</summary>
public abstract class NewWorkspaceTests(Engine engine) : DatabaseTests(engine)
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Create_StoresNameAndCurrency_AndASecondCreateOfTheSlugIsRefused()
    {
        await using (var db = Db())
        {
            var (created, problem) = await NewWorkspace.CreateAsync(db, "acme", "  Acme Distribución  ", "EUR", CultureInfo.InvariantCulture, clock);
            Assert.Null(problem);
            Assert.Equal(("acme", "Acme Distribución", "EUR"), (created!.Slug, created.Name, created.Currency));
        }

        await using (var db = Db())
        {
            var (created, problem) = await NewWorkspace.CreateAsync(db, "acme", "Another", "USD", CultureInfo.InvariantCulture, clock);
            Assert.Null(created);
            Assert.Equal("workspace 'acme' already exists", problem);
        }

        await using var read = Db();
        var only = await read.Workspaces.SingleAsync();
        Assert.Equal(("Acme Distribución", "EUR"), (only.Name, only.Currency));
    }

    [Theory]
    [InlineData("es-ES", "Clave,Estándar", "Imagen de marca")]
    [InlineData("en-GB", "Key,Standard", "Brand image")]
    public async Task ANewWorkspace_NamesItsTiersAndCriteria_InItsCreatorsLanguage(string culture, string tiers, string firstCriterion)
    {
        int made, imported;
        await using (var db = Db())
        {
            made = (await NewWorkspace.CreateAsync(db, "acme", "Acme", "EUR", new CultureInfo(culture), clock)).Created!.Id;
            imported = (await NewWorkspace.FindOrCreateAsync(db, "shop", new CultureInfo(culture), clock)).Workspace.Id;
        }

        await using var read = Db();
        foreach (var id in new[] { made, imported })
        {
            Assert.Equal(tiers, string.Join(',', await Kamino.Customers.Tiers.NamesAsync(read, id)));
            var criteria = await Kamino.Customers.Criteria.ListAsync(read, id);
            Assert.Equal(firstCriterion, criteria[0].Name);
            Assert.Equal(["brand", "contacts", "fit", "growth", "payment"], criteria.Select(c => c.Key));
            Assert.Equal(30, (await Kamino.Customers.Tiers.PoliciesAsync(read, id))[0].CheckinDays);
        }
    }

    [Fact]
    public async Task TimeZone_DefaultsToMadrid_ChangesAreAudited_AnUnknownOneChangesNothing()
    {
        int id;
        await using (var db = Db())
        {
            var (created, _) = await NewWorkspace.CreateAsync(db, "acme", "Acme", "EUR", CultureInfo.InvariantCulture, clock);
            id = created!.Id;
        }

        await using (var db = Db())
        {
            Assert.Equal("Europe/Madrid", await WorkspaceTime.ZoneOfAsync(db, id));
            Assert.False(await WorkspaceTime.SetZoneAsync(db, id, "Atlantis/Capital", null, clock));
            Assert.True(await WorkspaceTime.SetZoneAsync(db, id, "Atlantic/Canary", null, clock));
            Assert.True(await WorkspaceTime.SetZoneAsync(db, id, "Atlantic/Canary", null, clock));
        }

        await using var read = Db();
        Assert.Equal("Atlantic/Canary", await WorkspaceTime.ZoneOfAsync(read, id));
        var audit = await read.AuditEntries.Where(a => a.WorkspaceId == id && a.Action == "timeZone").Select(a => a.Summary).ToListAsync();
        Assert.Equal(["time zone Europe/Madrid → Atlantic/Canary"], audit);
    }

    [Fact]
    public async Task Create_TwoWritersAtOnce_ExactlyOneGetsTheSlug_TheOtherIsToldItExists()
    {
        using var start = new Barrier(2);
        async Task<string?> CreateAsync(string name)
        {
            await using var db = Db();
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            var (_, problem) = await NewWorkspace.CreateAsync(db, "race", name, "EUR", CultureInfo.InvariantCulture, clock);
            return problem;
        }

        var results = await Task.WhenAll(Task.Run(() => CreateAsync("First")), Task.Run(() => CreateAsync("Second")));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r == "workspace 'race' already exists");
        await using var read = Db();
        Assert.Equal(1, await read.Workspaces.CountAsync(w => w.Slug == "race"));
    }

    [Fact]
    public async Task FindOrCreate_MakesTheWorkspaceOnce_NamedAfterItsSlug()
    {
        await using var db = Db();
        var (first, created) = await NewWorkspace.FindOrCreateAsync(db, "shop", CultureInfo.InvariantCulture, clock);
        var (again, createdAgain) = await NewWorkspace.FindOrCreateAsync(db, "shop", CultureInfo.InvariantCulture, clock);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(("shop", "shop"), (first.Slug, first.Name));
    }
}

public sealed class SqliteNewWorkspaceTests() : NewWorkspaceTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresNewWorkspaceTests() : NewWorkspaceTests(Engine.Postgres);
