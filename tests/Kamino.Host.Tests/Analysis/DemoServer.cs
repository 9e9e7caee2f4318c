using Kamino.Demo;
using Kamino.Host.Demo;
using Kamino.Import;
using Kamino.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kamino.Host.Tests.Analysis;

/// <summary>
/// The app over the demo workspace (Voltia, about 300 customers) with its demo users (as <c>serve --demo</c>
/// creates them), a second workspace <c>acme</c> where the demo director is a Viewer, and a headless Chromium.
/// </summary>
public sealed class DemoServer : IAsyncLifetime
{
    public const string Director = "director@demo.kamino.test";

    public const string SecondWorkspace = "acme";

    private Microsoft.Playwright.IPlaywright? playwright;

    public KaminoTestServer Server { get; private set; } = null!;

    public Microsoft.Playwright.IBrowser Browser { get; private set; } = null!;

    /// <summary>The demo users' passwords, as printed when they were created.</summary>
    public IReadOnlyDictionary<string, string> Passwords { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await KaminoTestServer.StartAsync(async database =>
        {
            Assert.True(await DemoData.EnsureAsync(database, TimeProvider.System, DemoData.DefaultLanguage));
            var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
            Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest(SecondWorkspace, path))).Imported);
        });
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var accounts = await DemoUsers.EnsureAsync(
                scope.ServiceProvider.GetRequiredService<UserManager<KaminoUser>>(), scope.ServiceProvider.GetRequiredService<KaminoDb>(), TimeProvider.System);
            Passwords = accounts.ToDictionary(a => a.Email, a => a.Password!);
        }

        await Server.AddMemberAsync(Director, SecondWorkspace, Role.Viewer);
        (playwright, Browser) = await Support.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
