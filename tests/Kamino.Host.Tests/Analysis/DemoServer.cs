using Kamino.Demo;
using Kamino.Host.Tests.Support;

namespace Kamino.Host.Tests.Analysis;

/// <summary>The app over the demo workspace (Voltia, about 300 customers) and a headless Chromium.</summary>
public sealed class DemoServer : IAsyncLifetime
{
    private Microsoft.Playwright.IPlaywright? playwright;

    public KaminoTestServer Server { get; private set; } = null!;

    public Microsoft.Playwright.IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await KaminoTestServer.StartAsync(async database => Assert.True(await DemoData.EnsureAsync(database, TimeProvider.System)));
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
