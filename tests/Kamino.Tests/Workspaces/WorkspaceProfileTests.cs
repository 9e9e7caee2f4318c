using System.Globalization;
using Kamino.Import;
using Kamino.People;
using Kamino.Workspaces;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Workspaces;

/// <summary>The workspace's name, reporting currency and own tax ids, and new workspaces with their Director, on both engines.</summary>
public abstract class WorkspaceProfileTests(Engine engine) : DatabaseTests(engine)
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private async Task<(int Workspace, string Director)> EmptyWorkspaceAsync()
    {
        await using var db = Db();
        var (created, _) = await NewWorkspace.CreateAsync(db, "acme", "Acme", "EUR", CultureInfo.InvariantCulture, clock);
        var director = await TeamData.MemberAsync(db, created!.Id, "dora@acme.test", Role.Director);
        return (created.Id, director);
    }

    [Fact]
    public async Task Set_TwoDirectorsSavingTheSameNewTaxIdsAtOnce_BothSucceed()
    {
        var (ws, director) = await EmptyWorkspaceAsync();
        for (var round = 0; round < 8; round++)
        {
            string[] ids = round % 2 == 0 ? ["B12345678", "PT501964843"] : ["ESB12345678"];
            var saves = Enumerable.Range(0, 2).Select(async _ =>
            {
                await using var db = Db();
                return await WorkspaceProfile.SetAsync(db, ws, new WorkspaceProfileChange(null, null, ids), director, clock);
            }).ToList();
            foreach (var (profile, problems) in await Task.WhenAll(saves))
            {
                Assert.Empty(problems);
                Assert.Equal(ids.Order(StringComparer.Ordinal), profile!.TaxIds);
            }
        }
    }

    [Fact]
    public async Task Set_ChangesNameCurrencyAndTaxIds_InOneAuditedChange()
    {
        var (ws, director) = await EmptyWorkspaceAsync();

        await using (var db = Db())
        {
            var (profile, problems) = await WorkspaceProfile.SetAsync(db, ws, new WorkspaceProfileChange("  Acme Distribución ", "usd", ["es b-12345678", "B12345678", "PT 501964843"]), director, clock);
            Assert.Empty(problems);
            Assert.Equal(("Acme Distribución", "USD"), (profile!.Name, profile.Currency));
            Assert.Equal(["B12345678", "ESB12345678", "PT501964843"], profile.TaxIds);
        }

        await using var read = Db();
        var stored = (await WorkspaceProfile.GetAsync(read, ws))!;
        Assert.Equal(("Acme Distribución", "USD", 0L), (stored.Name, stored.Currency, stored.SaleLines));
        Assert.Equal(["B12345678", "ESB12345678", "PT501964843"], stored.TaxIds);
        var audit = await read.AuditEntries.Where(a => a.WorkspaceId == ws && a.Action == "profile").SingleAsync();
        Assert.Equal(director, audit.UserId);
        Assert.Contains("name 'Acme' → 'Acme Distribución'", audit.Summary, StringComparison.Ordinal);
        Assert.Contains("currency EUR → USD", audit.Summary, StringComparison.Ordinal);
        Assert.Contains("[B12345678, ESB12345678, PT501964843]", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_WithBadValues_NamesEveryProblem_AndChangesNothing()
    {
        var (ws, director) = await EmptyWorkspaceAsync();

        await using (var db = Db())
        {
            var (profile, problems) = await WorkspaceProfile.SetAsync(db, ws, new WorkspaceProfileChange(" ", "EURO", ["B12345678", "not/an id"]), director, clock);
            Assert.Null(profile);
            Assert.Equal(
                [(WorkspaceField.Name, WorkspaceProblemKind.InvalidName), (WorkspaceField.Currency, WorkspaceProblemKind.InvalidCurrency), (WorkspaceField.TaxIds, WorkspaceProblemKind.InvalidTaxId)],
                problems.Select(p => (p.Field, p.Kind)));
            Assert.Equal("not/an id", problems[2].Value);
        }

        await using var read = Db();
        var stored = (await WorkspaceProfile.GetAsync(read, ws))!;
        Assert.Equal(("Acme", "EUR", 0), (stored.Name, stored.Currency, stored.TaxIds.Count));
        Assert.False(await read.AuditEntries.AnyAsync(a => a.WorkspaceId == ws && a.Action == "profile"));
    }

    [Fact]
    public async Task Currency_CannotChangeUnderStoredSales_ButTheNameAndTaxIdsStillCan()
    {
        var csv = "invoice,date,customer_id,customer_name,net_amount\nF-1,2026-01-10,A,Alpha,100.00\nF-2,2026-01-11,B,Beta,50.00\n";
        Assert.True((await new SalesImporter(Test.Database, clock).ImportAsync(new ImportRequest("acme", Folder.Write("sales.csv", csv)))).Imported);
        await using var db = Db();
        var ws = await db.Workspaces.Where(w => w.Slug == "acme").Select(w => w.Id).SingleAsync();

        var (refused, problems) = await WorkspaceProfile.SetAsync(db, ws, new WorkspaceProfileChange("Acme S.L.", "USD", ["B12345678"]), null, clock);
        var (kept, none) = await WorkspaceProfile.SetAsync(db, ws, new WorkspaceProfileChange("Acme S.L.", "EUR", ["B12345678"]), null, clock);

        Assert.Null(refused);
        var problem = Assert.Single(problems);
        Assert.Equal((WorkspaceField.Currency, WorkspaceProblemKind.CurrencyHasSales, "EUR"), (problem.Field, problem.Kind, problem.Value));
        Assert.Contains("2 sale lines in EUR", problem.Message, StringComparison.Ordinal);
        Assert.Empty(none);
        Assert.Equal(("Acme S.L.", "EUR", 2L), (kept!.Name, kept.Currency, kept.SaleLines));
        Assert.Equal(["B12345678"], kept.TaxIds);
    }

    [Fact]
    public async Task Create_MakesTheCreatorItsDirector_AndATakenSlugIsRefusedWithNothingStored()
    {
        var (_, director) = await EmptyWorkspaceAsync();

        await using (var db = Db())
        {
            var (created, problems) = await WorkspaceProfile.CreateAsync(db, "north", "Acme Norte", "eur", director, clock);
            Assert.Empty(problems);
            Assert.Equal(("north", "Acme Norte", "EUR"), (created!.Slug, created.Name, created.Currency));
        }

        await using (var db = Db())
        {
            var (taken, problems) = await WorkspaceProfile.CreateAsync(db, "north", "Other", "EUR", director, clock);
            Assert.Null(taken);
            Assert.Equal(WorkspaceProblemKind.SlugTaken, Assert.Single(problems).Kind);
            var (invalid, many) = await WorkspaceProfile.CreateAsync(db, "../etc", "", "e", director, clock);
            Assert.Null(invalid);
            Assert.Equal([WorkspaceField.Slug, WorkspaceField.Name, WorkspaceField.Currency], many.Select(p => p.Field));
        }

        await using var read = Db();
        var north = await read.Workspaces.SingleAsync(w => w.Slug == "north");
        var member = await read.Memberships.SingleAsync(m => m.WorkspaceId == north.Id);
        Assert.Equal((director, Role.Director), (member.UserId, member.Role));
        Assert.Equal(2, await read.Workspaces.CountAsync());
        Assert.True(await read.AuditEntries.AnyAsync(a => a.WorkspaceId == north.Id && a.Action == "create" && a.UserId == director));
    }
}

public sealed class SqliteWorkspaceProfileTests() : WorkspaceProfileTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresWorkspaceProfileTests() : WorkspaceProfileTests(Engine.Postgres);
