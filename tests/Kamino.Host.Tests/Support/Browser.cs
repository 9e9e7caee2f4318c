using Microsoft.Playwright;

namespace Kamino.Host.Tests.Support;

/// <summary>
/// Headless Chromium from the system package (<c>/usr/bin/chromium</c>), driven by Playwright. A missing
/// browser fails the test: the test run script installs it.
/// </summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install -y chromium");
        // CI runs the browser tests beside two servers and a PostgreSQL on two cores: Blazor can take longer than
        // Playwright's default 5 s to become interactive there. A real failure still fails, 15 s later.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Args,
        });
        return (playwright, browser);
    }

    /// <summary>A browser context the size of a phone (390 × 844, touch) in <paramref name="locale"/>.</summary>
    public static Task<IBrowserContext> PhoneAsync(IBrowser browser, string locale) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });

    /// <summary>Fails when <paramref name="page"/> is wider than the screen; saves a full-page screenshot to the artifacts.</summary>
    public static async Task AssertFitsTheScreenAsync(IPage page, string screenshot)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, screenshot), FullPage = true, Animations = ScreenshotAnimations.Disabled });
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the phone screen");
    }

    /// <summary>
    /// Opens <paramref name="path"/>, which redirects to the sign-in form, signs in there as a person would, and
    /// waits until the browser is back at <paramref name="path"/>.
    /// </summary>
    public static async Task SignInAsync(IPage page, Uri server, string path, string email, string password)
    {
        await page.GotoAsync(new Uri(server, path).ToString());
        Assert.Contains("/account/login?ReturnUrl=", page.Url, StringComparison.Ordinal);
        await FillSignInFormAsync(page, email, password);
        await page.WaitForURLAsync(new Uri(server, path).ToString());
    }

    public static async Task FillSignInFormAsync(IPage page, string email, string password)
    {
        await page.GetByTestId("email").FillAsync(email);
        await page.GetByTestId("password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
    }
}
