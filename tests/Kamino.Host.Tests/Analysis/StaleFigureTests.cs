using Kamino.Workspaces;

namespace Kamino.Host.Tests.Analysis;

/// <summary>
/// No stale figure (issue 15 item 5): two <c>kamino serve</c> nodes on one database, each having answered (and kept)
/// the Pareto report, show the new figures on their next request after a <c>kamino import</c> process, a
/// <c>kamino imports undo</c> process, and an import through the API of one of them; and each node's customers list
/// (kept per sales and accounts version) shows a rating, a criterion's weight, a designation and α changed
/// through the other's API on its next request.
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

    /// <summary>
    /// Runs <paramref name="body"/> with the database's target and a Director's bearer client on each of two serve
    /// nodes of one database holding the empty workspace acme.
    /// </summary>
    private async Task OnTwoNodesAsync(Func<string, HttpClient, HttpClient, Task> body)
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
            await body(first.Database.Target, onFirst, onSecond);
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public Task ImportAndUndo_ByAnotherProcessOrNode_AreSeenByTheNextRequestOnEveryNode() =>
        OnTwoNodesAsync(async (target, onFirst, onSecond) =>
        {
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
        });

    /// <summary>C2's row in the first page of <c>GET …/customers</c> sorted by score: score, intangible score, tier, key account.</summary>
    private static async Task<(decimal Score, decimal? Intangible, string? Tier, bool Key)> RowAsync(HttpClient client)
    {
        using var response = await client.GetAsync("api/workspaces/acme/customers?sort=-score");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var row = JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == "C2");
        var intangible = row.GetProperty("intangibleScore");
        var tier = row.GetProperty("tier");
        return (row.GetProperty("score").GetDecimal(), intangible.ValueKind == JsonValueKind.Null ? null : intangible.GetDecimal(),
            tier.ValueKind == JsonValueKind.Null ? null : tier.GetString(), row.GetProperty("isKeyAccount").GetBoolean());
    }

    private static async Task MustAsync(Task<HttpResponseMessage> sent)
    {
        using var response = await sent;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public Task RatingCriterionDesignationAndAlpha_OnOneNode_AreSeenByTheNextCustomersPageOnTheOther() =>
        OnTwoNodesAsync(async (_, onFirst, onSecond) =>
        {
            using (var form = new MultipartFormDataContent { { new StringContent("invoice,date,customer_id,customer_name,amount\nF-1,2030-05-01,C1,Uno,500.00\nF-2,2030-05-02,C2,Dos,300.00\nF-3,2030-05-03,C3,Tres,200.00\n"), "files", "s.csv" } })
            {
                await MustAsync(onFirst.PostAsync("api/workspaces/acme/imports", form));
            }

            var before = await RowAsync(onSecond);
            Assert.Null(before.Intangible);
            Assert.Equal(before, await RowAsync(onSecond)); // kept by the second node now
            Assert.Equal(before, await RowAsync(onFirst));

            await MustAsync(onFirst.PostAsJsonAsync("api/workspaces/acme/customers/C2/ratings", new { ratings = new Dictionary<string, int> { ["brand"] = 5, ["fit"] = 1 } }));
            var rated = await RowAsync(onSecond);
            Assert.NotNull(rated.Intangible);
            Assert.NotEqual(before.Score, rated.Score);

            await MustAsync(onFirst.PutAsJsonAsync("api/workspaces/acme/criteria/brand", new { weight = 4m }));
            var weighted = await RowAsync(onSecond);
            Assert.True(weighted.Intangible > rated.Intangible, $"{weighted.Intangible} after brand weighs more, {rated.Intangible} before");

            await MustAsync(onFirst.PostAsJsonAsync("api/workspaces/acme/customers/C2/designate", new { reason = "test" }));
            Assert.Equal((weighted.Score, weighted.Intangible, "Key", true), await RowAsync(onSecond));

            // α 0: the score is the intangible score alone.
            await MustAsync(onFirst.PutAsJsonAsync("api/workspaces/acme/settings/key-accounts", new { alpha = 0m }));
            Assert.Equal((weighted.Intangible!.Value, weighted.Intangible, "Key", true), await RowAsync(onSecond));
            Assert.Equal((weighted.Intangible!.Value, weighted.Intangible, "Key", true), await RowAsync(onFirst));
        });
}

[Trait("Category", "Slow")]
public sealed class SqliteStaleFigureTests() : StaleFigureTests(postgres: false);

[Trait("Category", "Slow")]
public sealed class PostgresStaleFigureTests() : StaleFigureTests(postgres: true);
