using Kamino.Accounts;
using Kamino.Activities;
using Kamino.Customers;
using Kamino.SignIn;
using Kamino.Workspaces;

namespace Kamino.Host.Tests.Health;

/// <summary>
/// <c>kamino accounts health</c> and the health weights of <c>kamino workspace set|show</c> on a real SQLite file, on
/// fixed days: in <c>acme</c>, C1 (the KAM's) checked in on 2026-01-20 with CSAT 5 (due 2026-02-19), C2 never
/// contacted, C3 not a key account; O1 in workspace <c>other</c>. No sales and no tasks, so revenue and tasks are full.
/// </summary>
public sealed class HealthCommandTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        var acme = new Workspace { Slug = "acme", Name = "Acme" };
        var other = new Workspace { Slug = "other", Name = "Other" };
        var kam = new KaminoUser
        {
            Id = Guid.NewGuid().ToString(), Email = "kam@acme.test", NormalizedEmail = "KAM@ACME.TEST", UserName = "kam@acme.test", NormalizedUserName = "KAM@ACME.TEST",
            SecurityStamp = Guid.NewGuid().ToString(), DisplayName = "Kam",
        };
        db.AddRange(acme, other, kam);
        await db.SaveChangesAsync();
        db.Memberships.Add(new Membership { WorkspaceId = acme.Id, UserId = kam.Id, Role = Role.Kam });
        db.Customers.AddRange(
            new Customer { WorkspaceId = acme.Id, Id = 1, Key = "C1", Name = "Cliente Uno", IsKeyAccount = true },
            new Customer { WorkspaceId = acme.Id, Id = 2, Key = "C2", Name = "Cliente Dos", IsKeyAccount = true },
            new Customer { WorkspaceId = acme.Id, Id = 3, Key = "C3", Name = "Cliente Tres" },
            new Customer { WorkspaceId = other.Id, Id = 1, Key = "O1", Name = "Other One", IsKeyAccount = true });
        db.AccountTeamMembers.Add(new AccountTeamMember { WorkspaceId = acme.Id, CustomerId = 1, UserId = kam.Id, Department = Department.Sales, IsOwner = true });
        var at = new DateTimeOffset(2026, 1, 20, 11, 0, 0, TimeSpan.Zero);
        db.Activities.Add(new Activity { WorkspaceId = acme.Id, Id = 1, CustomerId = 1, Type = ActivityType.Visit, IsCheckin = true, Csat = 5, Summary = "Visit", At = at, CreatedAt = at });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Json_WorstFirst_EveryFieldOfTheIssue_PartsSumToTheScore()
    {
        var result = await RunAsync("accounts", "health", "--today", "2026-03-01", "--format", "json");

        Assert.Equal(0, result.Exit);
        var rows = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["C2", "C1"], rows.Select(r => r.GetProperty("customerId").GetString()));
        var c1 = rows[1];
        Assert.Equal(["customerId", "name", "tier", "owner", "score", "band", "parts"], c1.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Cliente Uno", "Key", "kam@acme.test", 77, "green"),
            (c1.GetProperty("name").GetString(), c1.GetProperty("tier").GetString(), c1.GetProperty("owner").GetString(), c1.GetProperty("score").GetInt32(), c1.GetProperty("band").GetString()));
        var parts = c1.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(["name", "weight", "value", "points", "reason"], parts[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["freshness", "satisfaction", "revenueTrend", "overdueTasks"], parts.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal([35, 25, 30, 10], parts.Select(p => p.GetProperty("weight").GetInt32()));
        Assert.Equal([12, 25, 30, 10], parts.Select(p => p.GetProperty("points").GetInt32()));
        Assert.Equal(0.3333m, parts[0].GetProperty("value").GetDecimal());
        Assert.Equal("check-in 10 days overdue (every 30 days)", parts[0].GetProperty("reason").GetString());
        Assert.Equal(("amber", 53), (rows[0].GetProperty("band").GetString(), rows[0].GetProperty("score").GetInt32()));
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("owner").ValueKind);
    }

    [Fact]
    public async Task OneAccount_Csv_Table_Scope_AndRefusals()
    {
        var one = await RunAsync("accounts", "health", "C1", "--today", "2026-02-01", "--format", "json");
        var csv = await RunAsync("accounts", "health", "--today", "2026-03-01", "--mine", "--user", "kam@acme.test", "--format", "csv");
        var table = await RunAsync("accounts", "health", "C1", "--today", "2026-03-01");
        var notKey = await RunAsync("accounts", "health", "C3");
        var foreign = await RunAsync("accounts", "health", "O1");
        var noUser = await RunAsync("accounts", "health", "--team");
        var badDay = await RunAsync("accounts", "health", "--today", "01/03/2026");

        Assert.Equal(0, one.Exit);
        var c1 = JsonDocument.Parse(one.Out).RootElement;
        Assert.Equal(("C1", 100, "green"), (c1.GetProperty("customerId").GetString(), c1.GetProperty("score").GetInt32(), c1.GetProperty("band").GetString()));
        Assert.Equal(
            ["customerId,name,tier,owner,score,band,freshness,satisfaction,revenueTrend,overdueTasks", "C1,Cliente Uno,Key,kam@acme.test,77,green,12,25,30,10"],
            csv.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.Equal(0, table.Exit);
        Assert.Contains("check-in 10 days overdue (every 30 days)", table.Out, StringComparison.Ordinal);
        Assert.Contains("77 (green)", table.Out, StringComparison.Ordinal);
        Assert.Equal(1, notKey.Exit);
        Assert.Contains("not a key account", notKey.Error, StringComparison.Ordinal);
        Assert.Equal(1, foreign.Exit);
        Assert.Equal(2, noUser.Exit);
        Assert.Equal(2, badDay.Exit);
    }

    [Fact]
    public async Task WorkspaceSet_HealthWeights_AllOrNothing_ShownAndUsed()
    {
        var set = await RunAsync("workspace", "set", "--health-freshness", "45", "--health-tasks", "0");
        var refused = await RunAsync("workspace", "set", "--health-freshness", "50", "--health-revenue", "-1");
        var show = await RunAsync("workspace", "show", "--format", "json");
        var health = await RunAsync("accounts", "health", "C1", "--today", "2026-03-01", "--format", "json");

        Assert.Equal(0, set.Exit);
        Assert.Contains("health weights: freshness 45, satisfaction 25, revenue trend 30, overdue tasks 0", set.Out, StringComparison.Ordinal);
        Assert.Equal(2, refused.Exit);
        Assert.Contains("--health-revenue: the revenue trend weight is a whole number from 0 to 100", refused.Error, StringComparison.Ordinal);
        var weights = JsonDocument.Parse(show.Out).RootElement.GetProperty("healthWeights");
        Assert.Equal((45, 25, 30, 0), (weights.GetProperty("freshness").GetInt32(), weights.GetProperty("satisfaction").GetInt32(), weights.GetProperty("revenue").GetInt32(), weights.GetProperty("tasks").GetInt32()));
        Assert.Equal([15, 25, 30, 0], JsonDocument.Parse(health.Out).RootElement.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("points").GetInt32()));
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "health-weights"));
    }
}
