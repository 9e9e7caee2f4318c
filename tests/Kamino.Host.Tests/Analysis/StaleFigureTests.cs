using Kamino.Workspaces;

namespace Kamino.Host.Tests.Analysis;

/// <summary>
/// No stale figure (issue 15 item 5): two <c>kamino serve</c> nodes on one database, each having answered (and kept)
/// the Pareto report, show the new figures on their next request after a <c>kamino import</c> process, a
/// <c>kamino imports undo</c> process, and an import through the API of one of them.
/// </summary>
public abstract class StaleFigureTests(bool postgres)
{
    private const string Email = "dir@acme.test";
    private const string Pareto = "api/workspaces/acme/analysis/pareto?all=true";

    private static async Task<(decimal Total, int Customers)> ParetoAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Pareto);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var report = JsonDocument.Parse(body).RootElement;
        return (report.GetProperty("totalRevenue").GetDecimal(), report.GetProperty("customerCount").GetInt32());
    }

    private static async Task<string> CliAsync(string target, params string[] args)
    {
        var run = await KaminoProcess.RunAsync(TimeSpan.FromMinutes(2), [.. args, "--db", target, "--workspace", "acme"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Stdout;
    }

    [Fact]
    public async Task ImportAndUndo_ByAnotherProcessOrNode_AreSeenByTheNextRequestOnEveryNode()
    {
        await using var first = await KaminoTestServer.StartAsync(postgres, async database =>
        {
            await using var db = database.CreateDbContext();
            db.Workspaces.Add(new Workspace { Slug = "acme", Name = "Acme", CreatedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        await first.AddUserAsync(Email, Role.Director, "acme");
        var (second, secondAddress) = await KaminoTestServer.StartNodeAsync(first.Database);
        try
        {
            using var onFirst = await first.BearerClientAsync(Email);
            using var onSecond = await first.BearerClientAsync(Email);
            onSecond.BaseAddress = secondAddress;
            var target = first.Database.Target;
            var a = await SalesGenerator.GetAsync("--lines 3000 --customers 150 --seed 51");
            var b = await SalesGenerator.GetAsync("--lines 1000 --customers 80 --seed 52 --start-date 2031-01-01");

            await CliAsync(target, "import", a.Path);
            var afterA = (a.Summary.TotalRevenue, a.Summary.CustomersActive);
            Assert.Equal(afterA, await ParetoAsync(onFirst));
            Assert.Equal(afterA, await ParetoAsync(onSecond));
            Assert.Equal(afterA, await ParetoAsync(onSecond)); // kept by both nodes now

            // A CLI import while both nodes serve.
            var imported = await CliAsync(target, "import", b.Path, "--format", "json");
            var id = JsonDocument.Parse(imported).RootElement.EnumerateArray().Single().GetProperty("importId").GetInt64();
            var both = await ParetoAsync(onFirst);
            Assert.Equal(a.Summary.TotalRevenue + b.Summary.TotalRevenue, both.Total);
            Assert.Equal(both, await ParetoAsync(onSecond));

            // A CLI undo.
            await CliAsync(target, "imports", "undo", id.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(afterA, await ParetoAsync(onFirst));
            Assert.Equal(afterA, await ParetoAsync(onSecond));

            // An import through the API of the first node, seen by the second.
            using (var form = new MultipartFormDataContent { { new StringContent("invoice,date,customer_id,customer_name,amount\nN-1,2030-05-05,NEW,Nuevo,12.34\n"), "files", "one.csv" } })
            using (var posted = await onFirst.PostAsync("api/workspaces/acme/imports", form))
            {
                Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
            }

            Assert.Equal((a.Summary.TotalRevenue + 12.34m, a.Summary.CustomersActive + 1), await ParetoAsync(onSecond));
            Assert.Equal((a.Summary.TotalRevenue + 12.34m, a.Summary.CustomersActive + 1), await ParetoAsync(onFirst));
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }
}

[Trait("Category", "Slow")]
public sealed class SqliteStaleFigureTests() : StaleFigureTests(postgres: false);

[Trait("Category", "Slow")]
public sealed class PostgresStaleFigureTests() : StaleFigureTests(postgres: true);
