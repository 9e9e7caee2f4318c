using System.Data.Common;
using Kamino.Activities;
using Kamino.Contacts;
using Kamino.People;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Contacts;

/// <summary>
/// Contacts on SQLite and PostgreSQL (sealed subclasses at the end): workspace <c>a</c> with a member of each role,
/// customers PIZZA (a key account whose team is the KAM and the collaborator) and TACO; workspace <c>b</c> with its
/// own customer and Director.
/// </summary>
public abstract class CustomerContactsTests(Engine engine) : DatabaseTests(engine)
{
    private const string Name = "Irene Soler Català";
    private const string Email = "irene.soler@example.com";
    private const string Phone = "+34 961 234 567";

    private readonly FakeTimeProvider clock = new(TeamData.Start);

    private int a;
    private int b;
    private string director = "";
    private string lead = "";
    private string kam = "";
    private string otherKam = "";
    private string collaborator = "";
    private string viewer = "";
    private string outsider = "";
    private long pizza;
    private long taco;
    private long foreign;

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        a = await TeamData.WorkspaceAsync(db, "a");
        b = await TeamData.WorkspaceAsync(db, "b");
        director = await TeamData.MemberAsync(db, a, "dora@a.test", Role.Director);
        lead = await TeamData.MemberAsync(db, a, "leo@a.test", Role.LeadKam);
        kam = await TeamData.MemberAsync(db, a, "karl@a.test", Role.Kam);
        otherKam = await TeamData.MemberAsync(db, a, "kim@a.test", Role.Kam);
        collaborator = await TeamData.MemberAsync(db, a, "cole@a.test", Role.Collaborator);
        viewer = await TeamData.MemberAsync(db, a, "vera@a.test", Role.Viewer);
        outsider = await TeamData.MemberAsync(db, b, "boss@b.test", Role.Director);
        pizza = await TeamData.CustomerAsync(db, a, "PIZZA");
        taco = await TeamData.CustomerAsync(db, a, "TACO", isKeyAccount: false);
        foreign = await TeamData.CustomerAsync(db, b, "PIZZA");
        await TeamData.TeamRowAsync(db, a, pizza, kam, Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, a, pizza, collaborator, Department.Operations);
    }

    private static ContactFields Irene(bool primary = false, IReadOnlyList<string>? knownBy = null) =>
        new(Name, "Operations director", Email, Phone, ContactRole.DecisionMaker, 5, 4, "Prefers visits.", primary, knownBy);

    private async Task<ContactResult> AddAsync(ContactFields fields, string? userId = null, long? customer = null, int? workspace = null)
    {
        await using var db = Db();
        return await CustomerContacts.AddAsync(db, workspace ?? a, customer ?? pizza, fields, userId, clock);
    }

    private async Task<long> AddedAsync(ContactFields fields, string? userId = null, long? customer = null)
    {
        var result = await AddAsync(fields, userId, customer);
        Assert.True(result.Change.Succeeded, result.Change.Problem);
        return result.Contact!.Id;
    }

    private async Task<IReadOnlyList<ContactDto>> ListAsync(long? customer = null)
    {
        await using var db = Db();
        return await CustomerContacts.ListAsync(db, a, customer ?? pizza);
    }

    private async Task<List<Kamino.Audit.AuditEntry>> AuditAsync()
    {
        await using var db = Db();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Entity == "contact").OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Add_StoresEveryField_AndAuditsByNumberOnly()
    {
        var result = await AddAsync(Irene(primary: true, knownBy: [kam, collaborator, kam]), kam);

        Assert.Equal(ChangeOutcome.Done, result.Change.Outcome);
        var c = Assert.Single(await ListAsync());
        Assert.Equal((Name, "Operations director", Email, Phone, ContactRole.DecisionMaker, 5, 4, "Prefers visits.", true, TeamData.Start),
            (c.Name, c.Title, c.Email, c.Phone, c.Role, c.Influence, c.Strength, c.Notes, c.IsPrimary, c.CreatedAt));
        Assert.Equal(["cole@a.test", "karl@a.test"], c.KnownBy.Select(k => k.Email));
        Assert.Equal(c, result.Contact! with { KnownBy = c.KnownBy });
        var audit = Assert.Single(await AuditAsync());
        Assert.Equal(("added", kam, pizza, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (audit.Action, audit.UserId, audit.CustomerId, audit.EntityId));
        Assert.Equal($"contact #{c.Id} of PIZZA added as primary", audit.Summary);
    }

    [Fact]
    public async Task Add_BadInput_ProblemsByField_AndNothingStored()
    {
        var result = await AddAsync(new ContactFields("", Email: "irene", Phone: "12", Influence: 9, KnownByUserIds: [outsider]), director);

        Assert.Equal(ChangeOutcome.Invalid, result.Change.Outcome);
        Assert.Equal(["name", "email", "phone", "influence", "knownByUserIds"], result.Problems.Select(p => p.Field));
        Assert.Empty(await ListAsync());
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task MakingAContactPrimary_ClearsThePreviousOne_OnAddAndOnEdit()
    {
        var first = await AddedAsync(Irene(primary: true));
        var second = await AddedAsync(new ContactFields("Javier Lloret", IsPrimary: true));
        var third = await AddedAsync(new ContactFields("Nuria Camps"));
        var otherCustomers = await AddedAsync(new ContactFields("Paco", IsPrimary: true), customer: taco);

        Assert.Equal([(second, true), (first, false), (third, false)], (await ListAsync()).Select(c => (c.Id, c.IsPrimary)));

        await using (var db = Db())
        {
            var edited = await CustomerContacts.EditAsync(db, a, pizza, third, new ContactFields("Nuria Camps", IsPrimary: true), lead, clock);
            Assert.True(edited.Change.Succeeded, edited.Change.Problem);
        }

        Assert.Equal([third], (await ListAsync()).Where(c => c.IsPrimary).Select(c => c.Id));
        Assert.True(Assert.Single(await ListAsync(taco)).IsPrimary);
        Assert.Equal(otherCustomers, (await ListAsync(taco))[0].Id);
    }

    [Fact]
    public async Task Edit_SetsTheWholeContact_AuditNamesTheFieldsNotTheValues()
    {
        var id = await AddedAsync(Irene(knownBy: [kam]));
        await using var db = Db();

        var result = await CustomerContacts.EditAsync(db, a, pizza, id,
            Irene(knownBy: [collaborator]) with { Email = "irene@example.org", Phone = null, Influence = 3 }, collaborator, clock);

        Assert.True(result.Change.Succeeded, result.Change.Problem);
        var c = Assert.Single(await ListAsync());
        Assert.Equal(("irene@example.org", null, 3, 4), (c.Email, c.Phone, c.Influence, c.Strength));
        Assert.Equal(["cole@a.test"], c.KnownBy.Select(k => k.Email));
        var edited = (await AuditAsync())[^1];
        Assert.Equal(("edited", collaborator), (edited.Action, edited.UserId));
        Assert.Equal($"contact #{id} of PIZZA edited: email, phone, influence, known by", edited.Summary);
    }

    [Fact]
    public async Task Edit_NothingChanged_WritesNothing()
    {
        var id = await AddedAsync(Irene());
        await using var db = Db();

        var result = await CustomerContacts.EditAsync(db, a, pizza, id, Irene() with { Name = "  " + Name + " " }, null, clock);

        Assert.True(result.Change.Succeeded);
        Assert.Single(await AuditAsync());
    }

    public static TheoryData<string, bool> Actors => new()
    {
        { "director", true },
        { "lead", true },
        { "kam", true },          // on the team (owner)
        { "collaborator", true }, // on the team (member)
        { "otherKam", false },    // not on the team
        { "viewer", false },
        { "outsider", false },    // a member of workspace b only
    };

    [Theory]
    [MemberData(nameof(Actors))]
    public async Task WhoMayKeepContacts_IsWhoMayServeTheAccount(string actor, bool allowed)
    {
        var userId = actor switch
        {
            "director" => director,
            "lead" => lead,
            "kam" => kam,
            "collaborator" => collaborator,
            "otherKam" => otherKam,
            "viewer" => viewer,
            _ => outsider,
        };
        var existing = await AddedAsync(Irene());

        var added = await AddAsync(new ContactFields("Javier Lloret"), userId);
        await using var db = Db();
        var edited = await CustomerContacts.EditAsync(db, a, pizza, existing, Irene() with { Title = "CEO" }, userId, clock);
        var removed = await CustomerContacts.RemoveAsync(db, a, pizza, existing, userId, clock);

        var expected = allowed ? ChangeOutcome.Done : ChangeOutcome.Forbidden;
        Assert.Equal((expected, expected, expected), (added.Change.Outcome, edited.Change.Outcome, removed.Outcome));
        Assert.Equal(allowed, await CustomerContacts.MayKeepAsync(db, a, pizza, userId));
        Assert.Equal(allowed ? ["Javier Lloret"] : [Name], (await ListAsync()).Select(c => c.Name));
    }

    [Fact]
    public async Task AContactOfAnotherCustomerOrWorkspace_IsNotFound_AndUntouched()
    {
        var id = await AddedAsync(Irene());
        await using var db = Db();

        Assert.Equal(ChangeOutcome.NotFound, (await CustomerContacts.EditAsync(db, a, taco, id, Irene() with { Title = "x" }, null, clock)).Change.Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await CustomerContacts.EditAsync(db, b, foreign, id, Irene() with { Title = "x" }, null, clock)).Change.Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await CustomerContacts.RemoveAsync(db, a, taco, id, null, clock)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await CustomerContacts.RemoveAsync(db, b, foreign, id, null, clock)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await CustomerContacts.AddAsync(db, b, pizza + 1000, Irene(), null, clock)).Change.Outcome);
        Assert.Empty(await CustomerContacts.ListAsync(db, b, foreign));
        Assert.Equal("Operations director", Assert.Single(await ListAsync()).Title);
    }

    [Fact]
    public async Task Remove_DeletesThePersonEverywhere_KeepsTheNpsScoreAnonymous()
    {
        var id = await AddedAsync(Irene(primary: true, knownBy: [kam, collaborator]), kam);
        var other = await AddedAsync(new ContactFields("Javier Lloret", KnownByUserIds: [kam]));
        await using (var db = Db())
        {
            var edited = await CustomerContacts.EditAsync(db, a, pizza, id, Irene(primary: true, knownBy: [kam]) with { Title = "CEO" }, kam, clock);
            Assert.True(edited.Change.Succeeded);
            db.Activities.Add(new Activity
            {
                WorkspaceId = a, Id = 1, CustomerId = pizza, Type = ActivityType.Visit, At = TeamData.Start, LoggedByUserId = kam,
                Summary = "Quarterly visit", IsCheckin = true, Csat = 5, Nps = 9, NpsContactId = id, CreatedAt = TeamData.Start,
            });
            db.ActivityContacts.AddRange(new ActivityContact { WorkspaceId = a, ActivityId = 1, ContactId = id }, new ActivityContact { WorkspaceId = a, ActivityId = 1, ContactId = other });
            await db.SaveChangesAsync();
        }

        await using (var db = Db())
        {
            // The scan below finds the person while they are stored.
            Assert.Contains(await AllTextAsync(db), cell => cell.Contains(Phone, StringComparison.Ordinal));
            Assert.Equal(ChangeOutcome.Done, (await CustomerContacts.RemoveAsync(db, a, pizza, id, kam, clock)).Outcome);
        }

        await using var check = Db();
        Assert.Equal([other], (await ListAsync()).Select(c => c.Id));
        Assert.Equal([other], await check.ContactMembers.Select(m => m.ContactId).ToListAsync());
        Assert.Equal([other], await check.ActivityContacts.Select(m => m.ContactId).ToListAsync());
        var visit = await check.Activities.SingleAsync();
        Assert.Equal((9, (long?)null, 5), (visit.Nps, visit.NpsContactId, visit.Csat));
        var removed = (await AuditAsync())[^1];
        Assert.Equal(("removed", kam, $"contact #{id} of PIZZA removed"), (removed.Action, removed.UserId, removed.Summary));

        // No row of any table holds the person's name, email or phone (nor a part of them) any more.
        var cells = await AllTextAsync(check);
        Assert.NotEmpty(cells);
        foreach (var secret in new[] { Name, "Irene", "Soler", Email, "irene.soler", Phone, "961 234 567", "961234567" })
        {
            Assert.DoesNotContain(cells, cell => cell.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Remove_TwiceOrUnknown_IsNotFound()
    {
        var id = await AddedAsync(Irene());
        await using var db = Db();

        Assert.Equal(ChangeOutcome.Done, (await CustomerContacts.RemoveAsync(db, a, pizza, id, null, clock)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await CustomerContacts.RemoveAsync(db, a, pizza, id, null, clock)).Outcome);
        Assert.Equal(2, (await AuditAsync()).Count);
    }

    [Fact]
    public async Task SixteenWritersAtOnce_DistinctIds_OneAuditEntryEach_AndOnePrimary()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            await using var db = Db();
            return await CustomerContacts.AddAsync(db, a, pizza, new ContactFields($"Writer {i}", IsPrimary: i % 2 == 0), i % 3 == 0 ? director : kam, clock);
        })));

        Assert.All(results, r => Assert.True(r.Change.Succeeded, r.Change.Problem));
        var stored = await ListAsync();
        Assert.Equal(16, stored.Select(c => c.Id).Distinct().Count());
        Assert.Single(stored, c => c.IsPrimary);
        Assert.Equal(stored.Select(c => c.Id).Order(), (await AuditAsync()).Select(e => long.Parse(e.EntityId, System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    /// <summary>Every cell of every table of the model, as text.</summary>
    private static async Task<List<string>> AllTextAsync(KaminoDb db)
    {
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().ToList();
        var cells = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    cells.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }
            }
        }

        return cells;
    }
}

public sealed class SqliteCustomerContactsTests() : CustomerContactsTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresCustomerContactsTests() : CustomerContactsTests(Engine.Postgres);
