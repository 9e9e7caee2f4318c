using Kamino.Import;

namespace Kamino.Host.Tests.Analysis;

/// <summary>
/// The app over workspace <c>acme</c> with <c>sales-small.csv</c> imported. By hand, for the default period
/// 2023-07-01..2024-06-30 (12 months up to the latest sale, 2024-06-30): Alpha 600, Beta 250, Gamma 100,
/// Delta 50 of a total 1,000; Delta's 1,000 on 2023-06-30 counts only with <c>all</c>.
/// <see cref="Member"/> is a Viewer of <c>acme</c>; <see cref="Outsider"/> a Director of workspace <c>other</c> only.
/// </summary>
public sealed class SmallSalesServer : IAsyncLifetime
{
    public const string Workspace = "acme";

    public const string OtherWorkspace = "other";

    public const string Member = "viewer@acme.test";

    public const string Outsider = "director@other.test";

    public KaminoTestServer Server { get; private set; } = null!;

    /// <summary>API client with the bearer token of <see cref="Member"/>.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>Browser-like client (cookies, no redirects followed) signed in as <see cref="Member"/> through the sign-in form.</summary>
    public HttpClient Pages { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await KaminoTestServer.StartAsync(async database =>
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
            var result = await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest(Workspace, path));
            Assert.True(result.Imported, string.Join("; ", result.Problems));
            Assert.Equal(6, result.LinesAdded);
            Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest(OtherWorkspace, path))).Imported);
        });
        await Server.AddUserAsync(Member, Role.Viewer, Workspace);
        await Server.AddUserAsync(Outsider, Role.Director, OtherWorkspace);
        Api = await Server.BearerClientAsync(Member);
        Pages = await Server.SignedInClientAsync(Member);
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        Pages?.Dispose();
        await Server.DisposeAsync();
    }
}
