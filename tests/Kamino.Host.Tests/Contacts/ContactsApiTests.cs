namespace Kamino.Host.Tests.Contacts;

/// <summary>
/// The contacts endpoints through the real host with bearer tokens, over <see cref="TeamServer"/>: C1 is owned by
/// KAM 1, C2 by KAM 2; the collaborator is on no team. Each test works on its own customer (the server is shared).
/// </summary>
public abstract class ContactsApiTests(TeamServer fixture)
{
    private const string Api = "api/workspaces/acme/customers/";

    private static object Irene(bool primary = false) => new
    {
        name = "Irene Soler",
        title = "Operations director",
        email = "irene.soler@example.com",
        phone = "+34 961 234 567",
        role = "decision-maker",
        influence = 5,
        strength = 4,
        notes = "Prefers visits.",
        isPrimary = primary,
    };

    [Fact]
    public async Task KamOnTheTeam_AddsEditsAndRemoves_EveryMemberReads()
    {
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        var collaboratorId = await fixture.UserIdAsync(TeamServer.Collaborator);

        using var added = await kam.PostAsJsonAsync(Api + "C1/contacts", new
        {
            name = "Irene Soler", email = "irene.soler@example.com", role = "decisionMaker", influence = 5, isPrimary = true, knownByUserIds = new[] { collaboratorId },
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var contact = await Json(added);
        var id = contact.GetProperty("id").GetInt64();
        Assert.Equal($"/api/workspaces/acme/customers/C1/contacts/{id}", added.Headers.Location?.OriginalString);
        Assert.Equal(("Irene Soler", "DecisionMaker", true), (contact.GetProperty("name").GetString(), contact.GetProperty("role").GetString(), contact.GetProperty("isPrimary").GetBoolean()));
        Assert.Equal([TeamServer.Collaborator], contact.GetProperty("knownBy").EnumerateArray().Select(k => k.GetProperty("email").GetString()));

        using var edited = await kam.PutAsJsonAsync(Api + $"C1/contacts/{id}", new { name = "Irene Soler", title = "CEO", phone = "961 234 567", isPrimary = true });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var after = await Json(edited);
        Assert.Equal(("CEO", "961 234 567", JsonValueKind.Null, JsonValueKind.Null), (after.GetProperty("title").GetString(), after.GetProperty("phone").GetString(),
            after.GetProperty("email").ValueKind, after.GetProperty("role").ValueKind));
        Assert.Equal(0, after.GetProperty("knownBy").GetArrayLength());

        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        var listed = Assert.Single((await Json(await viewer.GetAsync(Api + "C1/contacts"))).EnumerateArray());
        Assert.Equal((id, "CEO"), (listed.GetProperty("id").GetInt64(), listed.GetProperty("title").GetString()));

        using var removed = await kam.DeleteAsync(Api + $"C1/contacts/{id}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(0, (await Json(await viewer.GetAsync(Api + "C1/contacts"))).GetArrayLength());
        using var again = await kam.DeleteAsync(Api + $"C1/contacts/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Theory]
    [InlineData(TeamServer.Viewer)]       // the role may not serve accounts
    [InlineData(TeamServer.Kam2)]         // a KAM, not on C3's team
    [InlineData(TeamServer.Collaborator)] // a collaborator, on no team
    public async Task WhoMayNotServeTheAccount_Is403_AndNothingChanges(string email)
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var created = await director.PostAsJsonAsync(Api + "C3/contacts", Irene());
        var id = (await Json(created)).GetProperty("id").GetInt64();
        using var client = await fixture.Server.BearerClientAsync(email);

        using var add = await client.PostAsJsonAsync(Api + "C3/contacts", new { name = "Javier" });
        using var edit = await client.PutAsJsonAsync(Api + $"C3/contacts/{id}", new { name = "Changed" });
        using var remove = await client.DeleteAsync(Api + $"C3/contacts/{id}");
        using var invalid = await client.PostAsJsonAsync(Api + "C3/contacts", new { name = "", email = "nope" });

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { add.StatusCode, edit.StatusCode, remove.StatusCode, invalid.StatusCode });
        Assert.Equal("application/problem+json", add.Content.Headers.ContentType?.MediaType);
        var list = await Json(await client.GetAsync(Api + "C3/contacts"));
        Assert.Equal(["Irene Soler"], list.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        using var cleanup = await director.DeleteAsync(Api + $"C3/contacts/{id}");
        Assert.Equal(HttpStatusCode.NoContent, cleanup.StatusCode);
    }

    [Fact]
    public async Task BadFields_Are400_KeyedByField_AndNothingIsStored()
    {
        using var lead = await fixture.Server.BearerClientAsync(TeamServer.Lead);
        var before = (await Json(await lead.GetAsync(Api + "C4/contacts"))).GetArrayLength();

        using var response = await lead.PostAsJsonAsync(Api + "C4/contacts", new
        {
            name = " ", email = "Irene <irene@example.com>", phone = "12-34", role = "boss", influence = 0, strength = 6, knownByUserIds = new[] { "nobody" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["email", "influence", "name", "phone", "role", "strength"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("name@example.com", errors.GetProperty("email")[0].GetString(), StringComparison.Ordinal);

        using var stranger = await lead.PostAsJsonAsync(Api + "C4/contacts", new { name = "Irene", knownByUserIds = new[] { await fixture.UserIdAsync(TeamServer.OtherDirector) } });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Equal(["knownByUserIds"], JsonDocument.Parse(await stranger.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, (await Json(await lead.GetAsync(Api + "C4/contacts"))).GetArrayLength());
    }

    [Fact]
    public async Task OneContactIsPrimary_TheNewPrimaryReplacesTheOld()
    {
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam2);
        using var first = await kam.PostAsJsonAsync(Api + "C2/contacts", Irene(primary: true));
        using var second = await kam.PostAsJsonAsync(Api + "C2/contacts", new { name = "Tomás Ferrando", isPrimary = true });
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));

        var list = (await Json(await kam.GetAsync(Api + "C2/contacts"))).EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString(), c.GetProperty("isPrimary").GetBoolean())).ToList();
        Assert.Equal([("Tomás Ferrando", true), ("Irene Soler", false)], list);
    }

    [Fact]
    public async Task AnotherCustomersOrWorkspacesContact_Is404_AndUntouched()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var created = await director.PostAsJsonAsync(Api + "C4/contacts", Irene());
        var id = (await Json(created)).GetProperty("id").GetInt64();

        using var viaOtherCustomer = await director.PutAsJsonAsync(Api + $"C3/contacts/{id}", new { name = "Changed" });
        using var removeViaOtherCustomer = await director.DeleteAsync(Api + $"C3/contacts/{id}");
        using var foreignCustomer = await director.GetAsync(Api + "O1/contacts");
        using var addToForeign = await director.PostAsJsonAsync(Api + "O1/contacts", new { name = "x" });
        using var foreignWorkspace = await director.GetAsync($"api/workspaces/{TeamServer.OtherSlug}/customers/O1/contacts");
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            new[] { viaOtherCustomer.StatusCode, removeViaOtherCustomer.StatusCode, foreignCustomer.StatusCode, addToForeign.StatusCode, foreignWorkspace.StatusCode });

        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);
        using var fromOutside = await outsider.DeleteAsync(Api + $"C4/contacts/{id}");
        Assert.Equal(HttpStatusCode.NotFound, fromOutside.StatusCode);
        Assert.DoesNotContain("Irene", await fromOutside.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var anonymous = await fixture.Server.Client.GetAsync(Api + "C4/contacts");
        using var anonymousDelete = await fixture.Server.Client.DeleteAsync(Api + $"C4/contacts/{id}");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (anonymous.StatusCode, anonymousDelete.StatusCode));

        Assert.Equal("Operations director", Assert.Single((await Json(await director.GetAsync(Api + "C4/contacts"))).EnumerateArray()).GetProperty("title").GetString());
        await using var db = fixture.Db();
        Assert.Equal(1, await db.Contacts.CountAsync(c => c.Name == "Irene Soler" && c.Title == "Operations director" && c.Id == id));
        using var cleanup = await director.DeleteAsync(Api + $"C4/contacts/{id}");
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

/// <summary><see cref="ContactsApiTests"/> on SQLite.</summary>
public sealed class SqliteContactsApiTests(TeamServer fixture) : ContactsApiTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="ContactsApiTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresContactsApiTests(PostgresTeamServer fixture) : ContactsApiTests(fixture), IClassFixture<PostgresTeamServer>;
