using Microsoft.Data.Sqlite;

namespace Kamino.Host.Tests.Analysis;

/// <summary><c>kamino check</c>: exit 0 while the revenue per customer and day equals the lines, 1 with each differing day otherwise.</summary>
public sealed class CheckCommandTests : CliDatabaseTests
{
    /// <summary>Imports a generated file; its line count and the import's number.</summary>
    private async Task<(int Lines, string Id)> ImportAsync(string workspace, string arguments)
    {
        var sales = await SalesGenerator.GetAsync(arguments);
        var import = await RunInAsync(workspace, "import", sales.Path);
        Assert.True(import.Exit == 0, import.Error);
        return (sales.Summary.Lines, System.Text.RegularExpressions.Regex.Match(import.Out, @"import #(\d+)").Groups[1].Value);
    }

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private async Task SqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Db};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Check_AfterImportsAndAnUndo_Exit0_CountsEveryLine()
    {
        var (acme, _) = await ImportAsync("acme", "--lines 3000 --customers 200 --seed 31 --returns-pct 5");
        var (beta, _) = await ImportAsync("beta", "--lines 1000 --customers 50 --seed 32");
        var (_, undone) = await ImportAsync("beta", "--lines 500 --customers 50 --seed 33 --start-date 2030-01-01");
        var undo = await RunInAsync("beta", "imports", "undo", undone);
        Assert.True(undo.Exit == 0, undo.Error);

        var all = await CliRunner.RunAsync("check", "--db", Db);
        var one = await RunInAsync("beta", "check");

        Assert.True(all.Exit == 0, all.Error);
        Assert.Contains($"sale_day matches {Count(acme + beta)} sale lines", all.Out, StringComparison.Ordinal);
        Assert.Contains("2 workspaces", all.Out, StringComparison.Ordinal);
        Assert.True(one.Exit == 0, one.Error);
        Assert.Contains($"sale_day matches {Count(beta)} sale lines", one.Out, StringComparison.Ordinal);
        Assert.Contains("workspace 'beta'", one.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SaleDayChangedBehindTheTriggers_Exit1_ListsEachDay()
    {
        await ImportAsync("acme", "--lines 2000 --customers 100 --seed 34");
        await ImportAsync("beta", "--lines 500 --customers 30 --seed 35");
        // Corrupt acme only: one day off by a cent, one day lost.
        await SqlAsync("""
            UPDATE sale_day SET net_cents = net_cents + 1
                WHERE workspace_id = 1 AND (customer_id, date) = (SELECT customer_id, min(date) FROM sale_day WHERE workspace_id = 1 AND customer_id = 1);
            DELETE FROM sale_day WHERE workspace_id = 1 AND (customer_id, date) = (SELECT customer_id, max(date) FROM sale_day WHERE workspace_id = 1 AND customer_id = 2);
            """);

        var all = await CliRunner.RunAsync("check", "--db", Db);
        var acme = await RunInAsync("acme", "check");
        var beta = await RunInAsync("beta", "check");

        Assert.Equal(1, all.Exit);
        Assert.Equal(1, acme.Exit);
        Assert.Contains("sale_day differs from the sale lines on 2 customer days", acme.Error, StringComparison.Ordinal);
        var days = acme.Error.Split('\n').Where(l => l.StartsWith("acme customer ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, days.Count);
        Assert.Matches(@"^acme customer 1 \d{4}-\d\d-\d\d: sale_day (-?\d+\.\d\d) in (\d+) lines, sale lines .+ in \2 lines$", days[0]);
        Assert.Matches(@"^acme customer 2 \d{4}-\d\d-\d\d: sale_day no row, sale lines -?\d+\.\d\d in \d+ lines$", days[1]);
        Assert.Equal(0, beta.Exit);
    }

    [Fact]
    public async Task Check_UnknownWorkspace_Exit1()
    {
        var result = await RunInAsync("nowhere", "check");
        Assert.Equal(1, result.Exit);
        Assert.Contains("workspace 'nowhere' does not exist", result.Error, StringComparison.Ordinal);
    }
}
