using System.Globalization;
using System.Text.Json;
using Kamino.Accounts;
using Kamino.Audit;
using Kamino.Customers;
using Kamino.People;
using Kamino.WorkTasks;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Audit;

/// <summary>
/// Changes record their audit sentence as a key and values, worded when read; entries written before keys still
/// read as recorded. On SQLite and PostgreSQL (sealed subclasses at the end).
/// </summary>
public abstract class AuditEntriesTests(Engine engine) : DatabaseTests(engine)
{
    private static readonly CultureInfo Es = CultureInfo.GetCultureInfo("es-ES");
    private readonly FakeTimeProvider clock = new(TeamData.Start);

    private int a;
    private string director = "";
    private string kam = "";
    private long customer;

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        a = await TeamData.WorkspaceAsync(db, "a");
        TestUsers.Add(db, "karl@a.test", displayName: "Karl Kamp");
        await db.SaveChangesAsync();
        director = await TeamData.MemberAsync(db, a, "dora@a.test", Role.Director);
        kam = await TeamData.MemberAsync(db, a, "karl@a.test", Role.Kam);
        customer = await TeamData.CustomerAsync(db, a, "PIZZA", isKeyAccount: false);
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = Db();
        return (await AuditLog.For(db, a, customer).ToListAsync()).OrderBy(e => e.Id).ToList();
    }

    private static string[] Args(AuditEntry e) => JsonSerializer.Deserialize<string[]>(e.SummaryArgs!)!;

    [Fact]
    public async Task DesignationTeamChangeAndTask_RecordKeyAndValues_WordedInSpanishWithNames()
    {
        await using (var db = Db())
        {
            Assert.True((await Designations.SetAsync(db, a, customer, true, "18% of revenue", director, clock)).Succeeded);
            Assert.True((await AccountTeams.SetMemberAsync(db, a, customer, kam, Department.Sales, director, clock)).Succeeded);
            var task = new NewTask("Prepare the plan", kam, new DateOnly(2026, 3, 20), "", customer, Department.Marketing);
            Assert.Equal(TaskOutcome.Changed, (await Tasks.CreateAsync(db, a, task, director, clock)).Outcome);
        }

        var entries = await EntriesAsync();
        Assert.Equal(["designation.key", "team.member-added", "task.created"], entries.Select(e => e.SummaryKey));

        var designated = entries[0];
        Assert.Equal("PIZZA", Args(designated)[0]);
        Assert.Equal("18% of revenue", Args(designated)[^1]);
        var tier = Args(designated)[1];
        Assert.Equal($"PIZZA designated a key account ({tier}): 18% of revenue", designated.Summary);
        Assert.Equal($"PIZZA designada cuenta clave ({tier}): 18% of revenue", AuditWords.Summary(designated, Es));

        var joined = entries[1];
        Assert.Equal(["PIZZA", "karl@a.test", "Sales"], Args(joined));
        Assert.Equal("PIZZA: karl@a.test joined the team (Sales)", joined.Summary);

        var created = entries[2];
        Assert.Equal(["Prepare the plan", "karl@a.test", "2026-03-20", "Marketing"], Args(created));
        Assert.Equal("Created \"Prepare the plan\" for karl@a.test, due 2026-03-20, department Marketing", created.Summary);

        await using var read = Db();
        var people = await AuditLog.PeopleAsync(read, a);
        Assert.Equal("PIZZA: Karl Kamp se unió al equipo (Ventas)", AuditWords.Summary(joined, Es, people));
        Assert.Equal("Creada «Prepare the plan» para Karl Kamp, vence el 20/3/2026, departamento Marketing", AuditWords.Summary(created, Es, people));
    }

    [Fact]
    public async Task AnEntryWrittenBeforeKeys_StillReads_AsItsRecordedEnglish()
    {
        await using (var db = Db())
        {
            db.AuditEntries.Add(new AuditEntry
            {
                WorkspaceId = a, Id = await db.NextIdAsync(db.AuditEntries, a), At = TeamData.Start, UserId = director, Entity = "team",
                EntityId = "1", CustomerId = customer, Action = "owner", Summary = "PIZZA: owner none → karl@a.test",
            });
            await db.SaveChangesAsync();
        }

        var old = Assert.Single(await EntriesAsync());
        Assert.Null(old.SummaryKey);
        Assert.Null(old.SummaryArgs);
        Assert.False(AuditWords.IsWorded(old));
        Assert.Equal("PIZZA: owner none → karl@a.test", AuditWords.Summary(old, Es));
    }
}

public sealed class SqliteAuditEntriesTests() : AuditEntriesTests(Engine.Sqlite);

[Trait("Category", "Slow")]
public sealed class PostgresAuditEntriesTests() : AuditEntriesTests(Engine.Postgres);
