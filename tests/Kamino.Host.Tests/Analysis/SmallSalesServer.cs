using Kamino.Host.Tests.Support;
using Kamino.Import;

namespace Kamino.Host.Tests.Analysis;

/// <summary>
/// The app over workspace <c>acme</c> with <c>sales-small.csv</c> imported. By hand, for the default period
/// 2023-07-01..2024-06-30 (12 months up to the latest sale, 2024-06-30): Alpha 600, Beta 250, Gamma 100,
/// Delta 50 of a total 1,000; Delta's 1,000 on 2023-06-30 counts only with <c>all</c>.
/// </summary>
public sealed class SmallSalesServer : IAsyncLifetime
{
    public const string Workspace = "acme";

    public KaminoTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await KaminoTestServer.StartAsync(async database =>
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
            var result = await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, path));
            Assert.True(result.Imported, string.Join("; ", result.Problems));
            Assert.Equal(6, result.LinesAdded);
        });
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
