using Kamino.Workspaces;

namespace Kamino.Host.Tests.Customers;

/// <summary><c>kamino tiers list|set</c> on a real SQLite file with one workspace and no stored tiers.</summary>
public sealed class TiersCommandTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        db.Workspaces.Add(new Workspace { Slug = "acme", Name = "Acme", CreatedAt = TimeProvider.System.GetUtcNow() });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task List_NothingStored_TheDefaults_InEveryFormat()
    {
        var csv = await RunAsync("tiers", "list", "--format", "csv");
        Assert.Equal(0, csv.Exit);
        Assert.Equal(
            [
                "name,rank,isKey,checkinDays,channel,discountMinPct,discountMaxPct,orderPriority,promisedHours",
                "Key,1,true,30,any,5,15,1,24",
                "Standard,2,false,none,any,0,5,2,72",
            ],
            Lines(csv.Out));

        var json = JsonDocument.Parse((await RunAsync("tiers", "list", "--format", "json")).Out).RootElement;
        Assert.Equal(JsonValueKind.Null, json[1].GetProperty("checkinDays").ValueKind);
        Assert.Equal(("Any", 15m), (json[0].GetProperty("channel").GetString(), json[0].GetProperty("discountMaxPct").GetDecimal()));

        var table = await RunAsync("tiers", "list");
        Assert.Contains("Standard", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_OnlyTheGivenOptionsChange_NameCaseInsensitive()
    {
        var set = await RunAsync("tiers", "set", "key", "--checkin-days", "14", "--channel", "visit", "--discount", "2.5-10");
        Assert.Equal((0, ""), (set.Exit, set.Error));
        Assert.Contains("tier Key: check-in every 14 days (Visit), discounts 2.5–10 %, priority 1, 24 h", set.Out, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("tiers", "set", "Standard", "--checkin-days", "60", "--priority", "3", "--promised-hours", "48")).Exit);
        Assert.Equal(0, (await RunAsync("tiers", "set", "Standard", "--checkin-days", "none")).Exit);

        Assert.Equal(["Key,1,true,14,visit,2.5,10,1,24", "Standard,2,false,none,any,0,5,3,48"], Lines((await RunAsync("tiers", "list", "--format", "csv")).Out).Skip(1));
    }

    [Theory]
    [InlineData(1, "Gold", "--priority", "1")]
    [InlineData(1, "Key", "--discount", "20-10")]
    [InlineData(1, "Key", "--priority", "0")]
    [InlineData(2, "Key", "--discount", "ten")]
    [InlineData(2, "Key", "--checkin-days", "monthly")]
    [InlineData(2, "Key", "--channel", "fax")]
    public async Task Set_Refused_ExitCode_NothingChanged(int exit, string tier, string option, string value)
    {
        var result = await RunAsync("tiers", "set", tier, option, value);

        Assert.Equal(exit, result.Exit);
        if (tier == "Gold")
        {
            Assert.Contains("no tier 'Gold' (tiers: Key, Standard)", result.Error, StringComparison.Ordinal);
        }

        Assert.Equal(["Key,1,true,30,any,5,15,1,24", "Standard,2,false,none,any,0,5,2,72"], Lines((await RunAsync("tiers", "list", "--format", "csv")).Out).Skip(1));
    }

    [Fact]
    public async Task Set_NoOption_IsAUsageError() => Assert.Equal(2, (await RunAsync("tiers", "set", "Key")).Exit);


    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
