using Kamino.Accounts;
using Kamino.Import;

namespace Kamino.Host.Tests.Accounts;

/// <summary>
/// <c>kamino workspace set --kam-capacity</c>, the capacity lines of <c>kamino accounts list</c> and <c>kamino accounts
/// workload</c> on a real SQLite file holding <c>sales-small.csv</c> (12 months up to 2024-06-30: C1 600, C2 250, C3 100,
/// C4 50). Seeded: KAM Karl Mayer owns key accounts C1 and C2, with one open task; no other KAM.
/// </summary>
public sealed class WorkloadCommandTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
        Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest("acme", path))).Imported);
        await using var db = database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == "acme").Select(w => w.Id).SingleAsync();
        var karl = TestUsers.Add(db, "karl@acme.test", "Karl Mayer");
        db.Memberships.Add(new Membership { WorkspaceId = ws, UserId = karl.Id, Role = Role.Kam, CreatedAt = DateTimeOffset.UnixEpoch });
        foreach (var c in await db.Customers.Where(c => c.WorkspaceId == ws && (c.Key == "C1" || c.Key == "C2")).ToListAsync())
        {
            c.IsKeyAccount = true;
            db.AccountTeamMembers.Add(new AccountTeamMember { WorkspaceId = ws, CustomerId = c.Id, UserId = karl.Id, Department = Department.Sales, IsOwner = true });
        }

        db.Tasks.Add(new Kamino.WorkTasks.WorkTask
        {
            WorkspaceId = ws, Id = 1, Title = "Call", AssigneeUserId = karl.Id, DueDate = new DateOnly(2099, 1, 1), CreatedByUserId = karl.Id, CreatedAt = DateTimeOffset.UnixEpoch,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task KamCapacity_Set_Shown_AndBoundsTheSuggestionsOfAccountsList()
    {
        Assert.Equal(2, (await RunAsync("workspace", "set", "--kam-capacity", "0")).Exit);
        var set = await RunAsync("workspace", "set", "--kam-capacity", "3", "--suggest-threshold", "0");
        Assert.Equal(0, set.Exit);
        Assert.Contains("3 key accounts per KAM", set.Out, StringComparison.Ordinal);
        Assert.Contains("kamCapacity,3", (await RunAsync("workspace", "show", "--format", "csv")).Out, StringComparison.Ordinal);

        // Threshold 0: all four meet the rule. 3 per KAM × 1 KAM = 3, C1 and C2 designated: room for one, C3 (the better score).
        var table = await RunAsync("accounts", "list");
        Assert.Contains("Suggested but not designated: C3", table.Out, StringComparison.Ordinal);
        Assert.Contains("Team capacity: 3 key accounts per KAM × 1 KAM = 3; 2 key accounts designated, room for 1 suggestions", table.Out, StringComparison.Ordinal);
        Assert.Contains("1 more customers meet the criteria but exceed the team's capacity: C4", table.Out, StringComparison.Ordinal);

        var json = JsonDocument.Parse((await RunAsync("accounts", "list", "--format", "json")).Out).RootElement;
        Assert.Equal(["C4"], json.GetProperty("overCapacity").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal(1, json.GetProperty("capacity").GetProperty("room").GetInt32());
    }

    [Fact]
    public async Task Workload_ListsEachOwnerByName_AndWhoIsOverTheCapacity()
    {
        var roomy = await RunAsync("accounts", "workload");
        Assert.Equal(0, roomy.Exit);
        Assert.Single(roomy.Out.Split('\n'), l => l.Contains("Karl Mayer", StringComparison.Ordinal) && l.Contains("850.00", StringComparison.Ordinal));
        Assert.DoesNotContain("more than the", roomy.Out, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("workspace", "set", "--kam-capacity", "1")).Exit);
        var over = await RunAsync("accounts", "workload");
        Assert.Contains("Karl Mayer carries 2 key accounts, more than the 1 one KAM can serve", over.Out, StringComparison.Ordinal);

        var json = JsonDocument.Parse((await RunAsync("accounts", "workload", "--format", "json")).Out).RootElement;
        var karl = Assert.Single(json.GetProperty("people").EnumerateArray());
        Assert.Equal(("Karl Mayer", 2, 850.00m, 1, true), (karl.GetProperty("name").GetString(), karl.GetProperty("keyAccounts").GetInt32(),
            karl.GetProperty("revenue").GetDecimal(), karl.GetProperty("openTasks").GetInt32(), karl.GetProperty("overCapacity").GetBoolean()));
        Assert.Equal(850m / 1000m, karl.GetProperty("share").GetDecimal());
        Assert.Equal(2, karl.GetProperty("checkinsDue").GetInt32()); // never contacted: due now
        var csv = (await RunAsync("accounts", "workload", "--format", "csv")).Out.Split('\n');
        Assert.Equal("name,keyAccounts,revenue,share,checkinsDue,checkinsOverdue,openTasks,overCapacity", csv[0].TrimEnd('\r'));
    }

    [Fact]
    public async Task InSpanish_TheWorkloadTable_SpeaksSpanish_WithSpanishNumbers_AndItsCsvKeepsDots()
    {
        var table = (await Es("accounts", "workload")).Out;
        Assert.Matches(@"Periodo \d{4}-\d{2}-\d{2} \.\. \d{4}-\d{2}-\d{2}; 2 cuentas clave, 0 sin responsable; capacidad de 15 cuentas clave por KAM", table);
        Assert.Matches(@"Responsable\s+│\s+Cuentas clave\s+│\s+Facturación \(EUR\)\s+│\s+Parte\s+│\s+Pendientes\s+│\s+Vencidos\s+│\s+Tareas abiertas\s+│\s+Sobre la capacidad", table);
        Assert.Matches(@"Karl Mayer\s+│\s+2\s+│\s+850,00\s+│\s+85,0%\s+│.*│\s+no\s+│", table);

        Assert.Equal(0, (await Es("workspace", "set", "--kam-capacity", "1")).Exit);
        Assert.Contains("Karl Mayer lleva 2 cuentas clave, más de las 1 que puede atender un KAM", (await Es("accounts", "workload")).Out, StringComparison.Ordinal);
        var csv = (await Es("accounts", "workload", "--format", "csv")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,keyAccounts,revenue,share,checkinsDue,checkinsOverdue,openTasks,overCapacity", csv[0].TrimEnd('\r'));
        Assert.Matches(@"^Karl Mayer,2,850(\.0+)?,0\.850*,2,0,1,yes$", csv[1].TrimEnd('\r'));

        var nowhere = await CliRunner.RunInAsync("es", "accounts", "workload", "--db", Db, "--workspace", "nadie");
        Assert.Equal((1, "el espacio de trabajo 'nadie' no existe"), (nowhere.Exit, nowhere.Error.Trim()));
    }

    private Task<(int Exit, string Out, string Error)> Es(params string[] args) => CliRunner.RunInAsync("es", [.. args, "--db", Db, "--workspace", "acme"]);
}
