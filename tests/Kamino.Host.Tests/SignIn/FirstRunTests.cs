using Microsoft.Extensions.DependencyInjection;
using Kamino.Host.SignIn;
using Kamino.Jobs;

namespace Kamino.Host.Tests.SignIn;

/// <summary>
/// A new installation set up from the browser (<see cref="FirstRun"/>): with no user yet, the setup code that the
/// server holds creates the first Director and their workspace, signed in; a wrong code or invalid values store
/// nothing; once done, the page refuses another setup.
/// </summary>
public sealed class FirstRunTests
{
    [Fact]
    public async Task TheSetupCode_CreatesTheFirstDirectorAndWorkspace_InTheirLanguage_ThenTheSetupIsClosed()
    {
        await using var server = await KaminoTestServer.StartAsync(_ => Task.CompletedTask);
        var code = server.Services.GetRequiredService<FirstRun>().Code;
        using var browser = Client(server, "es-ES");

        // A wrong code and invalid values: refused, nothing stored.
        using (var wrong = await Forms.PostAsync(browser, "setup", "setup", Fields("not-the-code", "ana-sl")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("Ese no es el código", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var badSlug = await Forms.PostAsync(browser, "setup?code=" + code, "setup", Fields(code, "Not A Slug")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badSlug.StatusCode);
        }

        await using (var db = server.Database.CreateDbContext())
        {
            Assert.False(await db.Users.AnyAsync());
            Assert.False(await db.Workspaces.AnyAsync());
        }

        // The right code: the Director and the workspace, signed in, on to the import.
        using (var done = await Forms.PostAsync(browser, "setup?code=" + code, "setup", Fields(code, "ana-sl")))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            Assert.EndsWith("/w/ana-sl/import", done.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        using (var import = await browser.GetAsync("w/ana-sl/import"))
        {
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        }

        await using (var db = server.Database.CreateDbContext())
        {
            var user = await db.Users.SingleAsync();
            Assert.Equal(("ana@example.test", "Ana Gómez", "es"), (user.Email, user.DisplayName, user.Language));
            var ws = await db.Workspaces.SingleAsync();
            Assert.Equal(("ana-sl", "Ana S.L.", "EUR"), (ws.Slug, ws.Name, ws.Currency));
            Assert.Equal(Role.Director, (await db.Memberships.SingleAsync(m => m.UserId == user.Id && m.WorkspaceId == ws.Id)).Role);
            Assert.Equal(["Clave", "Estándar"], await db.Tiers.Where(t => t.WorkspaceId == ws.Id).OrderBy(t => t.Rank).Select(t => t.Name).ToListAsync());
        }

        // Closed from now on, even with the code.
        using var late = Client(server, "en-US");
        Assert.Contains("already set up", await late.GetStringAsync("setup?code=" + code), StringComparison.Ordinal);
        using (var again = await late.PostAsync("setup", new FormUrlEncodedContent(Fields(code, "other"))))
        {
            Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
        }

        await using (var db = server.Database.CreateDbContext())
        {
            Assert.Equal(1, await db.Users.CountAsync());
            Assert.Equal(1, await db.Workspaces.CountAsync());
        }
    }

    [Fact]
    public async Task ASetupRunningOnAnotherNode_RefusesThisOne_UntilItIsGivenBack()
    {
        await using var server = await KaminoTestServer.StartAsync(_ => Task.CompletedTask);
        var code = server.Services.GetRequiredService<FirstRun>().Code;
        using var browser = Client(server, "en-US");

        // Another node on the same database is creating the first Director at this moment: it holds the claim.
        JobClaim other;
        await using (var db = server.Database.CreateDbContext())
        {
            other = (await JobLedger.ClaimAsync(db, FirstRun.Job, FirstRun.Period, "other-node", TimeProvider.System))!;
        }

        using (var refused = await Forms.PostAsync(browser, "setup?code=" + code, "setup", Fields(code, "ana-sl")))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        await using (var db = server.Database.CreateDbContext())
        {
            Assert.False(await db.Users.AnyAsync());
            Assert.False(await db.Workspaces.AnyAsync());
            await JobLedger.ReleaseAsync(db, other); // its setup failed: given back
        }

        using (var done = await Forms.PostAsync(browser, "setup?code=" + code, "setup", Fields(code, "ana-sl")))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        await using (var db = server.Database.CreateDbContext())
        {
            Assert.Equal(1, await db.Users.CountAsync());
            Assert.Equal("director created", (await JobLedger.FindAsync(db, FirstRun.Job, FirstRun.Period))?.Result);
        }
    }

    [Fact]
    public async Task TwoServers_HaveDifferentCodes()
    {
        await using var one = await KaminoTestServer.StartAsync(_ => Task.CompletedTask);
        await using var two = await KaminoTestServer.StartAsync(_ => Task.CompletedTask);
        var a = one.Services.GetRequiredService<FirstRun>();
        var b = two.Services.GetRequiredService<FirstRun>();
        Assert.NotEqual(a.Code, b.Code);
        Assert.True(a.Matches(a.Code));
        Assert.False(a.Matches(b.Code));
        Assert.False(a.Matches(null));
    }

    private static HttpClient Client(KaminoTestServer server, string language)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server.Address };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private static Dictionary<string, string> Fields(string code, string slug) => new()
    {
        ["code"] = code, ["person"] = "Ana Gómez", ["email"] = "ana@example.test", ["password"] = "a long enough first password",
        ["name"] = "Ana S.L.", ["slug"] = slug, ["currency"] = "EUR",
    };
}
