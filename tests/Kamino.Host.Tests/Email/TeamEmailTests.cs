using Kamino.Host.Web;
using Kamino.Import;
using Kamino.Tests.Support;

namespace Kamino.Host.Tests.Email;

/// <summary>
/// The web app's emails through a real SMTP server on loopback: the app is started with <c>Smtp:*</c>
/// settings pointing at it, and the messages it receives are checked.
/// </summary>
public sealed class TeamEmailTests : IAsyncLifetime
{
    private const string Slug = "acme";
    private const string Director = "director@acme.test";
    private const string Kam = "kam@acme.test";
    private const string PublicRoot = "https://kamino.acme.test";
    private readonly TestSmtpServer smtp = new();
    private KaminoTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await KaminoTestServer.StartAsync(
            async database =>
            {
                var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
                Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest(Slug, path, "sales-small.csv"))).Imported);
            },
            "--Smtp:Host", "127.0.0.1",
            "--Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture),
            "--Smtp:Security", "None",
            "--Smtp:FromAddress", "kamino@acme.test",
            "--" + PublicUrl.Setting, PublicRoot + "/");
        await server.AddUserAsync(Director, Role.Director, Slug);
        await server.AddUserAsync(Kam, Role.Kam, Slug);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task CreateTask_ForAnotherMember_EmailsTheAssigneeOnly()
    {
        using var director = await server.BearerClientAsync(Director);
        string kamId;
        await using (var db = server.Database.CreateDbContext())
        {
            kamId = await db.Users.Where(u => u.Email == Kam).Select(u => u.Id).SingleAsync();
        }

        using var created = await director.PostAsJsonAsync($"api/workspaces/{Slug}/tasks", new { title = "Call Beta about the renewal", assigneeUserId = kamId, dueDate = "2031-02-03" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal([Kam], mail.Recipients);
        Assert.Contains(mail.HeaderLines, h => h.StartsWith("Subject:", StringComparison.Ordinal) && h.Contains("Call Beta about the renewal", StringComparison.Ordinal));
        Assert.Contains("2/3/2031", mail.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTask_ForOneself_SendsNoEmail()
    {
        using var director = await server.BearerClientAsync(Director);
        string directorId;
        await using (var db = server.Database.CreateDbContext())
        {
            directorId = await db.Users.Where(u => u.Email == Director).Select(u => u.Id).SingleAsync();
        }

        using var created = await director.PostAsJsonAsync($"api/workspaces/{Slug}/tasks", new { title = "Note to self", assigneeUserId = directorId, dueDate = "2031-02-03" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Invite_EmailsTheOneTimeLinkToTheInvitee()
    {
        using var director = await server.BearerClientAsync(Director);

        using var invited = await director.PostAsJsonAsync($"api/workspaces/{Slug}/members/invitations", new { email = "new.person@acme.test", role = "Collaborator" });

        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var body = await invited.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(body.GetProperty("emailed").GetBoolean());
        var link = body.GetProperty("link").GetString()!;
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["new.person@acme.test"], mail.Recipients);
        var token = link[(link.LastIndexOf('/') + 1)..];
        Assert.Contains(token, mail.Data.Replace("=\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_WithAForeignHostHeader_EmailsALinkToTheConfiguredPublicUrl()
    {
        using var director = await server.BearerClientAsync(Director);
        director.DefaultRequestHeaders.Host = "evil.test";
        director.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");
        director.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.test");

        using var invited = await director.PostAsJsonAsync($"api/workspaces/{Slug}/members/invitations", new { email = "host.header@acme.test", role = "Collaborator" });

        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var link = (await invited.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("link").GetString()!;
        Assert.StartsWith(PublicRoot + "/invite/", link, StringComparison.Ordinal);
        var mail = Assert.Single(smtp.Messages, m => m.Recipients.Contains("host.header@acme.test"));
        var data = mail.Data.Replace("=\r\n", "", StringComparison.Ordinal);
        Assert.Contains(link, data, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.test", data, StringComparison.Ordinal);
    }
}
