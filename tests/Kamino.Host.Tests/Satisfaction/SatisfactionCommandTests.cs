using Kamino.Activities;
using Kamino.Workspaces;

namespace Kamino.Host.Tests.Satisfaction;

/// <summary>
/// <c>kamino satisfaction</c> on a real SQLite file: customer 1's check-ins 3 and 10 days ago (CSAT 3 / NPS 6, CSAT 5 / NPS 10)
/// and one 2 years ago (CSAT 1, NPS 9).
/// </summary>
public sealed class SatisfactionCommandTests : CliDatabaseTests
{
    private static readonly DateOnly Today = Kamino.Workspaces.WorkspaceTime.Today(TimeProvider.System, Kamino.Workspaces.WorkspaceTime.DefaultZone);
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        var ws = new Workspace { Slug = "acme", Name = "Acme", CreatedAt = TimeProvider.System.GetUtcNow() };
        db.Workspaces.Add(ws);
        await db.SaveChangesAsync();
        db.Customers.Add(new Kamino.Customers.Customer { WorkspaceId = ws.Id, Id = 1, Key = "PIZZA", Name = "Pizza", IsKeyAccount = true });
        var id = 0;
        foreach (var (daysAgo, csat, nps) in new[] { (3, 3, 6), (10, 5, 10), (730, 1, 9) })
        {
            var at = new DateTimeOffset(Today.AddDays(-daysAgo).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
            db.Activities.Add(new Activity { WorkspaceId = ws.Id, Id = ++id, CustomerId = 1, Type = ActivityType.Call, At = at, Summary = "Call", IsCheckin = true, Csat = csat, Nps = nps, CreatedAt = at });
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Default_TwelveMonthsUpToToday_Json()
    {
        var result = await RunAsync("satisfaction", "--format", "json");

        Assert.Equal(0, result.Exit);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal((Iso(Today), 2, 4m), (json.GetProperty("to").GetString(), json.GetProperty("checkins").GetInt32(), json.GetProperty("averageCsat").GetDecimal()));
        var nps = json.GetProperty("nps");
        Assert.Equal((0m, 1, 0, 1), (nps.GetProperty("score").GetDecimal(), nps.GetProperty("promoters").GetInt32(), nps.GetProperty("passives").GetInt32(), nps.GetProperty("detractors").GetInt32()));
    }

    [Fact]
    public async Task FromTo_Csv_AndAnEmptyPeriod_SaysSoInTheTable()
    {
        var csv = Lines((await RunAsync("satisfaction", "--from", Iso(Today.AddDays(-800)), "--to", Iso(Today.AddDays(-5)), "--format", "csv")).Out);
        Assert.Equal(["from,to,checkins,averageCsat,nps,promoters,passives,detractors", $"{Iso(Today.AddDays(-800))},{Iso(Today.AddDays(-5))},2,3,100,2,0,0"], csv);

        var table = await RunAsync("satisfaction", "--from", "2001-01-01", "--to", "2001-12-31");
        Assert.Equal(0, table.Exit);
        Assert.Contains("No check-ins in this period yet.", table.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "2024-02-30")]
    [InlineData("--to", "yesterday")]
    public async Task BadDate_IsAUsageError(string option, string value)
    {
        var result = await RunAsync("satisfaction", option, value);

        Assert.Equal(2, result.Exit);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownWorkspace_Exit1() =>
        Assert.Equal(1, (await CliRunner.RunAsync("satisfaction", "--db", Db, "--workspace", "nobody")).Exit);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);


    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
