using Kamino.Accounts;
using Kamino.Contacts;
using Kamino.Import;

namespace Kamino.Host.Tests.Activities;

/// <summary>
/// <c>kamino activities add|list</c> on a real SQLite file holding <c>sales-small.csv</c> (customers C1–C4), with a KAM
/// who owns C1, a Viewer, and contact 1 (Marta Soler) of C1.
/// </summary>
public sealed class ActivitiesCommandTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
        Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest("acme", path))).Imported);
        await using var db = database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == "acme").Select(w => w.Id).SingleAsync();
        var c1 = await db.Customers.SingleAsync(c => c.WorkspaceId == ws && c.Key == "C1");
        c1.IsKeyAccount = true;
        foreach (var (email, role) in new[] { ("kam@acme.test", Role.Kam), ("viewer@acme.test", Role.Viewer) })
        {
            var user = TestUsers.Add(db, email);
            db.Memberships.Add(new Membership { WorkspaceId = ws, UserId = user.Id, Role = role, CreatedAt = TimeProvider.System.GetUtcNow() });
            if (role == Role.Kam)
            {
                db.AccountTeamMembers.Add(new AccountTeamMember { WorkspaceId = ws, CustomerId = c1.Id, UserId = user.Id, Department = Department.Sales, IsOwner = true });
            }
        }

        db.Contacts.Add(new Contact { WorkspaceId = ws, Id = 1, CustomerId = c1.Id, Name = "Marta Soler", CreatedAt = TimeProvider.System.GetUtcNow() });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Add_CheckinWithNpsAndNextStep_ThenList_ShowsItAsJsonTableAndCsv()
    {
        var due = TimeProvider.System.GetUtcNow().AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var added = await RunAsync("activities", "add", "C1", "--type", "visit", "--at", "2025-05-06T10:30+02:00", "--checkin", "--csat", "4", "--nps", "9", "--contact", "1",
            "--next-checkin", "2025-06-01", "--summary", "Visited; they want two more vans", "--member", "kam@acme.test", "--with-contact", "1",
            "--next-step", $"Send the van quote;kam@acme.test;{due}", "--user", "kam@acme.test");
        Assert.Equal(0, added.Exit);
        Assert.Matches(@"^check-in \d+ logged on C1; tasks \d+", added.Out.Trim());

        var note = await RunAsync("activities", "add", "C1", "--type", "note", "--summary", "Prefers calls after 4 pm");
        Assert.Equal(0, note.Exit);

        var json = JsonDocument.Parse((await RunAsync("activities", "list", "C1", "--format", "json")).Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["Note", "Visit"], json.Select(a => a.GetProperty("type").GetString()));
        var visit = json[1];
        Assert.Equal((4, 9, "Marta Soler", "2025-06-01"), (visit.GetProperty("csat").GetInt32(), visit.GetProperty("nps").GetInt32(), visit.GetProperty("npsContactName").GetString(), visit.GetProperty("nextCheckinOn").GetString()));
        Assert.Equal(DateTimeOffset.Parse("2025-05-06T08:30:00Z", System.Globalization.CultureInfo.InvariantCulture), visit.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("kam", visit.GetProperty("loggedBy").GetString());
        Assert.Equal(JsonValueKind.Null, json[0].GetProperty("loggedBy").ValueKind); // the system

        var table = await RunAsync("activities", "list", "C1");
        Assert.Contains("Visited; they want two more vans", table.Out, StringComparison.Ordinal);
        Assert.Contains("system", table.Out, StringComparison.Ordinal);
        var csv = (await RunAsync("activities", "list", "C1", "--format", "csv")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,at,type,isCheckin,csat,nps,nextCheckinOn,loggedBy,members,contacts,summary", csv[0], StringComparison.Ordinal);
        Assert.Equal(3, csv.Length);

        await using var db = Database.CreateDbContext();
        Assert.Equal("Send the van quote", (await db.Tasks.SingleAsync()).Title);
    }

    [Theory]
    [InlineData(3, "--csat", "--type", "call", "--checkin", "--summary", "no csat")]
    [InlineData(3, "--next-step", "--type", "call", "--summary", "system with a step", "--next-step", "Step;kam@acme.test;2031-01-01")]
    [InlineData(1, "CUSTOMER", "--type", "note", "--summary", "a viewer", "--user", "viewer@acme.test")]
    [InlineData(2, "", "--type", "fax", "--summary", "no such type")]
    [InlineData(2, "", "--type", "call", "--summary", "bad step", "--next-step", "no date;kam@acme.test")]
    public async Task Add_Refused_SaysWhyAndWritesNothing(int exit, string mentions, params string[] args)
    {
        var result = await RunAsync(["activities", "add", "C1", .. args]);

        Assert.Equal(exit, result.Exit);
        Assert.Contains(mentions, result.Error, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Activities.CountAsync());
    }

    [Fact]
    public async Task ListAndAdd_UnknownCustomer_Exit1()
    {
        Assert.Equal(1, (await RunAsync("activities", "list", "NOPE")).Exit);
        Assert.Equal(1, (await RunAsync("activities", "add", "NOPE", "--type", "note", "--summary", "x")).Exit);
    }
}
