using Kamino.Host.Web;

namespace Kamino.Host.Tests.Security;

/// <summary>Links that leave the request (invitations) come from <c>Kamino:PublicUrl</c> or the listen address, never from the request's Host.</summary>
public sealed class PublicUrlTests
{
    [Fact]
    public async Task Invite_WithoutAPublicUrl_LinksToTheListenAddress_NotToTheHostHeader()
    {
        await using var server = await SecurityServer.StartAsync();
        await server.AddWorkspaceAsync("acme");
        await server.AddUserAsync("director@acme.test", "acme", Role.Director);
        using var director = server.CreateBearerClient((await server.LoginAsync("director@acme.test")).AccessToken);
        director.DefaultRequestHeaders.Host = "evil.test";

        using var invited = await director.PostAsJsonAsync("api/workspaces/acme/members/invitations", new { email = "new.person@acme.test", role = "Kam" });

        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var link = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link").GetString()!;
        Assert.StartsWith(new Uri(server.Address, "invite/").ToString(), link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithAPublicUrlThatIsNotAnAbsoluteHttpUrl_IsAUsageError()
    {
        var db = Path.Combine(Path.GetTempPath(), "kamino-public-url-" + Guid.NewGuid().ToString("N") + ".db");

        var (exit, _, _) = await CliRunner.RunAsync("serve", "--db", db, "--public-url", "evil.test/invite");

        Assert.NotEqual(0, exit); // a parse error: KaminoCli.RunAsync turns it into exit code 2
        Assert.False(File.Exists(db)); // refused before the database is opened
    }

    [Theory]
    [InlineData("https://kamino.example.com", "https://kamino.example.com")]
    [InlineData("https://kamino.example.com/", "https://kamino.example.com")]
    [InlineData("https://example.com/kamino/", "https://example.com/kamino")]
    [InlineData("  ", null)]
    public void Parse_AbsoluteHttpUrl_IsTheRootWithoutTrailingSlash(string value, string? root) =>
        Assert.Equal(root, PublicUrl.Parse(value));

    [Theory]
    [InlineData("kamino.example.com")]
    [InlineData("ftp://kamino.example.com")]
    [InlineData("https://kamino.example.com/?next=1")]
    [InlineData("/kamino")]
    public void Parse_NotAnAbsoluteHttpUrl_IsRefused(string value) =>
        Assert.Throws<InvalidOperationException>(() => PublicUrl.Parse(value));

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("http://0.0.0.0:8080;https://*:8443/", "https://localhost:8443")]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://+:80", "http://localhost:80")]
    public void FromListenUrls_PrefersHttps_AndReadsWildcardsAsLocalhost(string urls, string root) =>
        Assert.Equal(root, PublicUrl.FromListenUrls(urls.Split(';')));
}
