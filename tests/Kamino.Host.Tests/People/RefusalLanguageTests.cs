namespace Kamino.Host.Tests.People;

/// <summary>
/// Why a change was refused, as the person who asked reads it (issue 17 item 3): a Spanish page says it in Spanish with
/// people by name, an English page in English, and the API keeps the recorded English in <c>detail</c> whatever the
/// request's language. Every change here is refused, so the shared workspace stays as it was.
/// </summary>
public abstract class RefusalLanguageTests(TeamServer fixture)
{
    [Fact]
    public async Task MembersPage_TheLastDirectorStepsDown_IsRefusedInSpanish_NamingThem()
    {
        using var director = await ClientAsync(TeamServer.Director, "es-ES");
        var directorId = await fixture.UserIdAsync(TeamServer.Director);

        using var refused = await Forms.PostAsync(director, "w/acme/members", "member-role", new() { ["id"] = directorId, ["role-" + directorId] = nameof(Role.Viewer) });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("No se ha hecho: director es la única persona con el rol Dirección; da antes ese rol a otra persona", html, StringComparison.Ordinal);
        Assert.DoesNotContain("last Director", html, StringComparison.Ordinal);
        Assert.Equal(Role.Director, (await fixture.MembershipAsync(TeamServer.Director)).Role);
    }

    [Fact]
    public async Task MembersPage_InEnglish_SaysTheSameRefusalInEnglish_NamingThem()
    {
        using var director = await ClientAsync(TeamServer.Director, "en-US");
        var directorId = await fixture.UserIdAsync(TeamServer.Director);

        using var refused = await Forms.PostAsync(director, "w/acme/members", "member-remove", new() { ["id"] = directorId });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Not done: director is the last Director and cannot be removed", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(Role.Director, (await fixture.MembershipAsync(TeamServer.Director)).Role);
    }

    [Fact]
    public async Task AccountPage_TakingTheOwnerOffTheTeam_IsRefusedInSpanish_NamingTheOwner()
    {
        using var director = await ClientAsync(TeamServer.Director, "es-ES");

        using var refused = await Forms.PostAsync(director, "w/acme/accounts/C1", "team-remove", new() { ["id"] = await fixture.UserIdAsync(TeamServer.Kam1) });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("No se ha hecho: kam1 es responsable de C1; asigna antes otro responsable", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(TeamServer.Kam1, await fixture.OwnerAsync("C1"));
    }

    [Fact]
    public async Task AlertsPage_SnoozingUntilYesterday_IsRefusedInSpanish()
    {
        using var kam = await ClientAsync(TeamServer.Kam1, "es-ES");
        var yesterday = TeamServer.Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using var refused = await Forms.PostAsync(kam, "w/acme/alerts", "alert-snooze", new() { ["untilKey"] = "checkinOverdue:1", ["until-checkinOverdue:1"] = yesterday });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("No se ha hecho: Solo se puede posponer hasta hoy o un día posterior.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("A snooze ends today or later.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForgedValue_IsRefusedInTheReadersLanguage_WithoutEnglishOrTheRawValue()
    {
        using var director = await ClientAsync(TeamServer.Director, "es-ES");
        var viewerId = await fixture.UserIdAsync(TeamServer.Viewer);

        using var forged = await Forms.PostAsync(director, "w/acme/members", "member-role", new() { ["id"] = viewerId, ["role-" + viewerId] = "Emperor" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var html = WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync());
        Assert.Contains("No se ha hecho: el formulario está incompleto o no está al día.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown role", html, StringComparison.Ordinal);
        Assert.Equal(Role.Viewer, (await fixture.MembershipAsync(TeamServer.Viewer)).Role);
    }

    [Fact]
    public async Task Api_AskedInSpanish_StillAnswersTheRecordedEnglish()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        director.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES");
        var directorId = await fixture.UserIdAsync(TeamServer.Director);

        using var refused = await director.PutAsJsonAsync($"api/workspaces/acme/members/{directorId}/role", new { role = "Viewer" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var detail = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Equal($"{TeamServer.Director} is the last Director; make someone else Director first", detail);
    }

    private async Task<HttpClient> ClientAsync(string email, string language)
    {
        var client = await fixture.Server.SignedInClientAsync(email);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }
}

/// <summary><see cref="RefusalLanguageTests"/> on SQLite.</summary>
public sealed class SqliteRefusalLanguageTests(TeamServer fixture) : RefusalLanguageTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="RefusalLanguageTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresRefusalLanguageTests(PostgresTeamServer fixture) : RefusalLanguageTests(fixture), IClassFixture<PostgresTeamServer>;
