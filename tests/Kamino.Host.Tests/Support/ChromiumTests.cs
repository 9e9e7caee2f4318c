using Microsoft.Playwright;

namespace Kamino.Host.Tests.Support;

/// <summary>
/// The base of test classes that drive a real browser: a headless Chromium (<see cref="Browser.LaunchAsync"/>)
/// launched before each test and closed after it. Slow: the trait comes with the base class.
/// </summary>
[Trait("Category", "Slow")]
public abstract class ChromiumTests : IAsyncLifetime
{
    private IPlaywright? playwright;

    /// <summary>The test's browser, launched in <see cref="InitializeAsync"/>.</summary>
    protected IBrowser Chromium { get; private set; } = null!;

    public virtual async Task InitializeAsync() => (playwright, Chromium) = await Browser.LaunchAsync();

    public virtual async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
