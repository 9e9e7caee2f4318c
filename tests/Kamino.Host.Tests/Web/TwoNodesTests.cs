using Kamino.Workspaces;

namespace Kamino.Host.Tests.Web;

/// <summary>
/// Two <c>kamino serve</c> nodes on one database share the Data Protection key ring (issue 16 item 1): what one node
/// issues — a sign-in cookie, a bearer token, a form's antiforgery token — the other accepts.
/// </summary>
public abstract class TwoNodesTests(bool postgres)
{
    private const string Email = "ana@acme.test";

    [Fact]
    public async Task CookieAndBearerToken_FromOneNode_AreAcceptedByTheOther()
    {
        await using var first = await KaminoTestServer.StartAsync(postgres, async database =>
        {
            await using var db = database.CreateDbContext();
            db.Workspaces.Add(new Workspace { Slug = "acme", Name = "Acme", CreatedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        await first.AddUserAsync(Email, Role.Kam, "acme");
        var (second, secondAddress) = await KaminoTestServer.StartNodeAsync(first.Database);
        try
        {

            // One browser (one cookie jar: cookies do not tell ports apart) talking to both nodes.
            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var onFirst = new HttpClient(handler, disposeHandler: false) { BaseAddress = first.Address };
            using var onSecond = new HttpClient(handler, disposeHandler: false) { BaseAddress = secondAddress };

            // The sign-in form (and its antiforgery token) from the first node, posted to the second.
            var fields = Forms.HiddenFields(await onFirst.GetStringAsync("account/login"), "login");
            fields["Input.Email"] = Email;
            fields["Input.Password"] = KaminoTestServer.Password;
            using var signIn = await onSecond.PostAsync("account/login", new FormUrlEncodedContent(fields));

            // The cookie the second node issued opens a page on the first.
            using var page = await onFirst.GetAsync("w/acme");

            // A bearer token from the first node works on the second.
            using var bearer = await first.BearerClientAsync(Email);
            bearer.BaseAddress = secondAddress;
            using var byToken = await bearer.GetAsync("api/me/workspaces");

            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
            Assert.Contains("acme", await byToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            await using var db = first.Database.CreateDbContext();
            Assert.True(await db.DataProtectionKeys.AnyAsync());
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }
}

public sealed class SqliteTwoNodesTests() : TwoNodesTests(postgres: false);

[Trait("Category", "Slow")]
public sealed class PostgresTwoNodesTests() : TwoNodesTests(postgres: true);
