using Kamino.Import;

namespace Kamino.Host.Tests.Customers;

/// <summary>
/// The API serves results it keeps in memory (the key-account ranking, the Pareto report), yet a change of the sales
/// made elsewhere (a <c>kamino import</c> or an undo from the command line, or on another node: another process with its
/// own <see cref="KaminoDatabase"/>) shows in the very next request.
/// </summary>
public abstract class KeptResultsApiTests(bool postgres)
{
    private const string Api = "api/workspaces/acme/";
    private const string Header = "invoice,date,customer_id,customer_name,amount";

    private static async Task<long> ImportAsync(KaminoDatabase database, string csv)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kamino-kept-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"{Header}\n{csv}\n");
        try
        {
            var result = await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest("acme", file));
            Assert.True(result.Imported, string.Join('\n', result.Problems));
            return result.ImportId!.Value;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(decimal Revenue, int Rank, decimal Total)> ShownAsync(HttpClient client)
    {
        var account = (await Json(await client.GetAsync(Api + "customers/C1"))).GetProperty("account");
        var pareto = await Json(await client.GetAsync(Api + "analysis/pareto"));
        return (account.GetProperty("revenue").GetDecimal(), account.GetProperty("rank").GetInt32(), pareto.GetProperty("totalRevenue").GetDecimal());
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }

    [Fact]
    public async Task ImportAndUndoByAnotherProcess_ShowInTheNextRequest()
    {
        await using var server = await KaminoTestServer.StartAsync(postgres, db => ImportAsync(db, "F-1,2024-06-01,C1,Uno,100.00\nF-2,2024-06-02,C2,Dos,50.00"));
        await server.AddUserAsync("director@acme.test", Role.Director, "acme");
        using var client = await server.BearerClientAsync("director@acme.test");
        Assert.Equal((100m, 1, 150m), await ShownAsync(client));
        Assert.Equal((100m, 1, 150m), await ShownAsync(client));

        var elsewhere = new KaminoDatabase(server.Database.Target);
        var second = await ImportAsync(elsewhere, "F-3,2024-06-03,C2,Dos,200.00");
        Assert.Equal((100m, 2, 350m), await ShownAsync(client));

        Assert.Equal(UndoOutcome.Undone, (await ImportHistory.UndoAsync(elsewhere, "acme", second, null, TimeProvider.System)).Outcome);
        Assert.Equal((100m, 1, 150m), await ShownAsync(client));
    }
}

public sealed class SqliteKeptResultsApiTests() : KeptResultsApiTests(postgres: false);

[Trait("Category", "Slow")]
public sealed class PostgresKeptResultsApiTests() : KeptResultsApiTests(postgres: true);
