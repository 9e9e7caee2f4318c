using System.Text.RegularExpressions;
using Kamino.Host.SignIn;

namespace Kamino.Host.Tests.People;

/// <summary>The members page, the invitation page, the account pages and the dashboard's key-account badge over HTTP.</summary>
public sealed partial class MembersAndAccountPagesTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    [Fact]
    public async Task MembersPage_ListsMembers_OnlyADirectorSeesTheActions()
    {
        using var director = await fixture.BrowserClientAsync(TeamServer.Director);
        using var kam = await fixture.BrowserClientAsync(TeamServer.Kam1);

        var directorHtml = await director.GetStringAsync("w/acme/members");
        var kamHtml = await kam.GetStringAsync("w/acme/members");

        foreach (var html in new[] { directorHtml, kamHtml })
        {
            Assert.Contains("data-testid=\"page-workspace\">Acme Foods<", html, StringComparison.Ordinal);
            Assert.Contains(TeamServer.Viewer, html, StringComparison.Ordinal);
        }

        // Kam1's supervisor is shown to everyone.
        Assert.Contains(TeamServer.Lead, MemberRow(kamHtml, TeamServer.Kam1), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"invite\"", directorHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"change-role\"", directorHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"invite\"", kamHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"change-role\"", kamHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"remove-member\"", kamHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersPage_ForgedRoleChangeByAKam_IsRefusedAndTheRoleStays()
    {
        var viewerId = await fixture.UserIdAsync(TeamServer.Viewer);
        using var kam = await fixture.BrowserClientAsync(TeamServer.Kam1);

        using var forged = await Forms.PostAsync(kam, "w/acme/members", "member-role", new() { ["id"] = viewerId, ["role-" + viewerId] = nameof(Role.Director) });

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(Role.Viewer, (await fixture.MembershipAsync(TeamServer.Viewer)).Role);
    }

    [Fact]
    public async Task MembersPage_DirectorInvites_TheLinkIsShown_TheInviteeJoinsAndSignsIn()
    {
        const string email = "newcomer@acme.test";
        using var director = await fixture.BrowserClientAsync(TeamServer.Director);

        using var invited = await Forms.PostAsync(director, "w/acme/members", "member-invite", new() { ["Invitation.Email"] = email, ["Invitation.Role"] = nameof(Role.Collaborator) });

        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var html = await invited.Content.ReadAsStringAsync();
        var link = Regex.Match(html, "data-testid=\"invitation-link\">(?<link>[^<]+)<").Groups["link"].Value;
        Assert.StartsWith(fixture.Server.Address + "invite/", link, StringComparison.Ordinal);
        Assert.Contains("Email is not set up", html, StringComparison.Ordinal);

        var path = new Uri(link).PathAndQuery.TrimStart('/');
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Address };
        var page = await anonymous.GetStringAsync(path);
        Assert.Contains(email, page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"confirm\"", page, StringComparison.Ordinal);

        using var differ = await Forms.PostAsync(anonymous, path, "accept-invitation", new() { ["Input.DisplayName"] = "New Comer", ["Input.Password"] = "a fine new password", ["Input.Confirm"] = "another password" });
        Assert.Equal(HttpStatusCode.BadRequest, differ.StatusCode);

        // The password rules' complaint in the reader's language, not Identity's English.
        using var spanish = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Address };
        spanish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES");
        using var tooShort = await Forms.PostAsync(spanish, path, "accept-invitation", new() { ["Input.DisplayName"] = "New Comer", ["Input.Password"] = "short", ["Input.Confirm"] = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        var refused = WebUtility.HtmlDecode(await tooShort.Content.ReadAsStringAsync());
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "al menos {0} caracteres", KaminoIdentity.MinPasswordLength), refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Passwords must", refused, StringComparison.Ordinal);

        using var accepted = await Forms.PostAsync(anonymous, path, "accept-invitation", new() { ["Input.DisplayName"] = "New Comer", ["Input.Password"] = "a fine new password", ["Input.Confirm"] = "a fine new password" });

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.EndsWith("/account/login?ReturnUrl=%2Fw%2Facme", accepted.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(Role.Collaborator, (await fixture.MembershipAsync(email)).Role);
        using var signedIn = await fixture.Server.SignedInClientAsync(email, "a fine new password");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("w/acme/tasks")).StatusCode);

        // The link works once.
        using var again = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task InvitePage_SomeoneWithAnAccount_JoinsWithTheirOwnPasswordOnly()
    {
        using var director = await fixture.BrowserClientAsync(TeamServer.Director);
        using var invited = await Forms.PostAsync(director, "w/acme/members", "member-invite", new() { ["Invitation.Email"] = TeamServer.OtherDirector, ["Invitation.Role"] = nameof(Role.Viewer) });
        var link = Regex.Match(await invited.Content.ReadAsStringAsync(), "data-testid=\"invitation-link\">(?<link>[^<]+)<").Groups["link"].Value;
        var path = new Uri(link).PathAndQuery.TrimStart('/');
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Address };

        // The page does not tell that the email has an account: the same form as for someone new.
        var page = await anonymous.GetStringAsync(path);
        Assert.Contains("data-testid=\"confirm\"", page, StringComparison.Ordinal);
        using var wrong = await Forms.PostAsync(anonymous, path, "accept-invitation", new() { ["Input.Password"] = "not the password", ["Input.Confirm"] = "not the password" });
        await using (var db = fixture.Db())
        {
            var userId = await fixture.UserIdAsync(TeamServer.OtherDirector);
            var acme = await fixture.WorkspaceIdAsync(TeamServer.Slug);
            Assert.False(await db.Memberships.AnyAsync(m => m.WorkspaceId == acme && m.UserId == userId));
        }

        using var right = await Forms.PostAsync(anonymous, path, "accept-invitation", new() { ["Input.Password"] = KaminoTestServer.Password, ["Input.Confirm"] = KaminoTestServer.Password });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Not accepted.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(Role.Viewer, (await fixture.MembershipAsync(TeamServer.OtherDirector)).Role);
    }

    [Fact]
    public async Task MyAccountsPage_KamSeesOwnedAccounts_LeadAlsoThoseOfSupervisedKams()
    {
        using var kam = await fixture.BrowserClientAsync(TeamServer.Kam2);
        using var lead = await fixture.BrowserClientAsync(TeamServer.Lead);

        var kamHtml = await kam.GetStringAsync("w/acme/accounts/mine");
        var leadHtml = await lead.GetStringAsync("w/acme/accounts/mine");

        Assert.Contains("data-account=\"C2\"", kamHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-account=\"C1\"", kamHtml, StringComparison.Ordinal);
        Assert.Contains("data-account=\"C1\"", leadHtml, StringComparison.Ordinal);
        Assert.Contains("Owned by a KAM I supervise", leadHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-account=\"C2\"", leadHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_ShowsBadgeRevenueAndTeam_ActionsOnlyForThoseAllowed()
    {
        using var director = await fixture.BrowserClientAsync(TeamServer.Director);
        using var kam = await fixture.BrowserClientAsync(TeamServer.Kam1);

        var directorHtml = WebUtility.HtmlDecode(await director.GetStringAsync("w/acme/accounts/C1"));
        var kamHtml = await kam.GetStringAsync("w/acme/accounts/C1");

        Assert.Contains("Alpha Logística S.L.", directorHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"key-account-badge\"", directorHtml, StringComparison.Ordinal);
        // Sales of C1 in the 12 months ending on the latest sale (2024-06-30): 400 + 200.
        Assert.Contains("€600.00", directorHtml, StringComparison.Ordinal);
        Assert.Matches($"data-member=\"{Regex.Escape(TeamServer.Kam1)}\" data-owner=\"true\"", directorHtml);
        Assert.Contains("data-testid=\"owner-form\"", directorHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"designation-form\"", directorHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"owner-form\"", kamHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"designation-form\"", kamHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"key-account-badge\"", kamHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_LeadKam_ChangesTheTeamOfASupervisedKamsAccount_NotOfAnotherKams()
    {
        using var lead = await fixture.BrowserClientAsync(TeamServer.Lead);
        var collaboratorId = await fixture.UserIdAsync(TeamServer.Collaborator);
        Assert.DoesNotContain("data-testid=\"member-form\"", await lead.GetStringAsync("w/acme/accounts/C2"), StringComparison.Ordinal);

        using var added = await Forms.PostAsync(lead, "w/acme/accounts/C1", "team-member", new() { ["TeamMember.UserId"] = collaboratorId, ["TeamMember.Department"] = nameof(Department.Marketing) });
        using var forged = await Forms.PostAsync(lead, "w/acme/accounts/C2", "team-remove", new() { ["id"] = await fixture.UserIdAsync(TeamServer.Kam2) });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await lead.GetStringAsync("w/acme/accounts/C1");
        Assert.Contains($"data-member=\"{TeamServer.Collaborator}\"", page, StringComparison.Ordinal);
        Assert.Contains("joined the team (Marketing)", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(TeamServer.Kam2, await fixture.OwnerAsync("C2"));
    }

    [Fact]
    public async Task AccountPage_DesignationNeedsAReason_ThenShowsInHistoryAuditAndBadges()
    {
        using var lead = await fixture.BrowserClientAsync(TeamServer.Lead);

        using var blank = await Forms.PostAsync(lead, "w/acme/accounts/C3", "designation", new() { ["Designation.Reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("a reason is required", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = fixture.Db())
        {
            Assert.False(await db.Customers.Where(c => c.Key == "C3").Select(c => c.IsKeyAccount).SingleAsync());
        }

        using var designated = await Forms.PostAsync(lead, "w/acme/accounts/C3", "designation", new() { ["Designation.Reason"] = "Tour season doubles their orders" });

        Assert.Equal(HttpStatusCode.Redirect, designated.StatusCode);
        var page = await lead.GetStringAsync("w/acme/accounts/C3");
        Assert.Contains("data-testid=\"key-account-badge\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"designation-reason\">Tour season doubles their orders<", page, StringComparison.Ordinal);
        Assert.Contains("C3 designated a key account (Key): Tour season doubles their orders", page, StringComparison.Ordinal);

        var dashboard = await lead.GetStringAsync("w/acme");
        var row = Regex.Match(dashboard, "<tr[^>]*data-customer=\"C3\".*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("Key account", row, StringComparison.Ordinal);
        Assert.Contains("href=\"/w/acme/accounts/C3\"", row, StringComparison.Ordinal);
        var c4 = Regex.Match(dashboard, "<tr[^>]*data-customer=\"C4\".*?</tr>", RegexOptions.Singleline).Value;
        Assert.DoesNotContain("Key account", c4, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_ForgedDesignationByACollaborator_IsRefused()
    {
        using var collaborator = await fixture.BrowserClientAsync(TeamServer.Collaborator);
        using var forged = await Forms.PostAsync(collaborator, "w/acme/accounts/C4", "team-remove",
            new() { ["_handler"] = "designation", ["Designation.Reason"] = "I say so" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await using var db = fixture.Db();
        Assert.False(await db.Customers.Where(c => c.Key == "C4").Select(c => c.IsKeyAccount).SingleAsync());
        Assert.False(await db.Designations.AnyAsync(d => d.Reason == "I say so"));
    }

    private static string MemberRow(string html, string email)
    {
        var match = Regex.Match(html, $"<tr[^>]*data-member=\"{Regex.Escape(email)}\".*?</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row for {email}");
        return match.Value;
    }
}
