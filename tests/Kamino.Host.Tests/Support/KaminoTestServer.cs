using Kamino.Data;
using Kamino.Host.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Kamino.Host.Tests.Support;

/// <summary>
/// The real web app (<see cref="WebApp.Build"/>) on Kestrel at a free port of 127.0.0.1, over a migrated SQLite
/// file in a temporary folder that is deleted on dispose.
/// </summary>
public sealed class KaminoTestServer : IAsyncDisposable
{
    private readonly string directory;
    private readonly WebApplication app;

    private KaminoTestServer(string directory, KaminoDatabase database, WebApplication app, Uri address)
    {
        this.directory = directory;
        Database = database;
        this.app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public KaminoDatabase Database { get; }

    /// <summary>Root address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Address { get; }

    public HttpClient Client { get; }

    public static async Task<KaminoTestServer> StartAsync(Func<KaminoDatabase, Task> seed)
    {
        var directory = Path.Combine(Path.GetTempPath(), "kamino-host-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = new KaminoDatabase(Path.Combine(directory, "kamino.db"));
        await database.MigrateAsync();
        await seed(database);

        var app = WebApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning"], database);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KaminoTestServer(directory, database, app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not a test failure.
        }
    }
}
