using System.Text.RegularExpressions;

namespace Kamino.Host.Tests.SignIn;

/// <summary>
/// A user's language is remembered when they sign in and when they switch it, and what Kamino writes for them
/// (a notification here) is written in it, with dates as their language writes them and people by name.
/// </summary>
public sealed partial class UserLanguageTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    [Fact]
    public async Task SigningInInSpanish_MakesTheirNotificationsSpanish_SwitchingToEnglishMakesThemEnglish()
    {
        var kamId = await fixture.UserIdAsync(TeamServer.Kam2);
        await using (var db = fixture.Db())
        {
            await db.Users.Where(u => u.Email == TeamServer.Director).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Ana Directora"));
        }

        using var kam = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Address };
        kam.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES");
        using (var signIn = await Forms.PostAsync(kam, "account/login", "login", new() { ["Input.Email"] = TeamServer.Kam2, ["Input.Password"] = KaminoTestServer.Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        Assert.Equal("es", await LanguageAsync(kamId));

        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        Assert.Equal("es", await LanguageAsync(kamId)); // another user's sign-in changes nothing for them
        using (var created = await director.PostAsJsonAsync("api/workspaces/acme/tasks", new { title = "Llamar a C2", assigneeUserId = kamId, dueDate = "2030-01-15" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        Assert.Equal("Ana Directora te ha asignado una tarea: Llamar a C2 (para el 15/1/2030)", await LatestNotificationAsync(kamId));

        // The language switcher, signed in: English from now on.
        var page = await kam.GetStringAsync("w/acme/tasks");
        var token = Token().Match(page).Groups[1].Value;
        using (var switched = await kam.PostAsync("culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["culture"] = "en", ["returnUrl"] = "/w/acme/tasks",
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        Assert.Equal("en", await LanguageAsync(kamId));
        using (var created = await director.PostAsJsonAsync("api/workspaces/acme/tasks", new { title = "Call C2", assigneeUserId = kamId, dueDate = "2030-01-15" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        Assert.Equal("Ana Directora assigned you a task: Call C2 (due 1/15/2030)", await LatestNotificationAsync(kamId));
    }

    private async Task<string?> LanguageAsync(string userId)
    {
        await using var db = fixture.Db();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Language).SingleAsync();
    }

    private async Task<string> LatestNotificationAsync(string userId)
    {
        await using var db = fixture.Db();
        return await db.Notifications.Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Select(n => n.Text).FirstAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
