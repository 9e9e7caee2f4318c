using System.Text.RegularExpressions;

namespace Kamino.Host.Tests.Customers;

/// <summary>
/// The key-account pages as server-rendered HTML and their form posts, over <see cref="TeamServer"/> (in the 12
/// months up to 2024-06-30: C1 600, C2 250, C3 100, C4 50; C1 and C2 key accounts, C1's team is KAM 1). Posts
/// are forged the way a browser would send them, so the server's own checks are what is tested.
/// Each test works on its own customers, since the server is shared by the class.
/// </summary>
public sealed class KeyAccountPagesTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    [Fact]
    public async Task CustomersPage_ListsEveryCustomerWithClassScoreAndTier_EachLinkingToItsPage()
    {
        using var viewer = await fixture.BrowserClientAsync(TeamServer.Viewer);
        var html = WebUtility.HtmlDecode(await viewer.GetStringAsync("w/acme/customers"));

        foreach (var (key, cls) in new[] { ("C1", "A"), ("C2", "A"), ("C3", "B"), ("C4", "C") })
        {
            var row = Row(html, key);
            Assert.Contains($"data-class=\"{cls}\"", row, StringComparison.Ordinal);
            Assert.Contains($"href=\"/w/acme/accounts/{key}\"", row, StringComparison.Ordinal);
        }

        Assert.Contains("data-key-account=\"true\"", Row(html, "C1"), StringComparison.Ordinal);
        Assert.Equal("Key", TestId(Row(html, "C1"), "key-account-badge"));
        Assert.Contains("data-key-account=\"false\"", Row(html, "C4"), StringComparison.Ordinal);
        // C4: rank 4 of 4, revenue score 0.25, not rated: score 0.7 × 0.25 = 0.175, shown with two decimals.
        Assert.Equal("0.18", TestId(Row(html, "C4"), "score"));
        Assert.Contains("€50.00", Row(html, "C4"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomersPage_ListQuery_OpensTheDesignatedNoLongerSuggestedList()
    {
        await using (var db = fixture.Db())
        {
            // C3 designated (class B, score 0.7 × 0.5 = 0.35 < 0.6): designated but not suggested.
            var c3 = await db.Customers.SingleAsync(c => c.Key == "C3" && c.WorkspaceId == db.Workspaces.Single(w => w.Slug == TeamServer.Slug).Id);
            Assert.True((await Kamino.Customers.Designations.DesignateAsync(db, c3.WorkspaceId, c3.Id, "Key", "Founder's friend", null, TimeProvider.System)).Succeeded);
        }

        using var viewer = await fixture.BrowserClientAsync(TeamServer.Viewer);
        var html = await viewer.GetStringAsync("w/acme/customers?list=designated");

        Assert.Equal("1", TestId(html, "designated-count"));
        Assert.Single(Regex.Matches(html, "<tr[^>]*data-customer=\"C[0-9]\""));
        Assert.Contains("data-customer=\"C3\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_Viewer_HasNoForms_AndAForgedRatingIsRefused()
    {
        using var viewer = await fixture.BrowserClientAsync(TeamServer.Viewer);
        var html = await viewer.GetStringAsync("w/acme/accounts/C2");
        Assert.Contains("data-testid=\"score-parts\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"rating-form\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"referral-form\"", html, StringComparison.Ordinal);

        // A form the page does show lends its antiforgery token to a rating post.
        using var forged = await Forms.PostAsync(viewer, "w/acme/accounts/C2", "team-remove", new() { ["_handler"] = "rating", ["rating-brand"] = "5" });

        // The page renders no rating form for a viewer, so the post is refused before any handler runs.
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await using var db = fixture.Db();
        Assert.False(await db.Ratings.AnyAsync(r => r.CustomerId == db.Customers.Single(c => c.Key == "C2").Id));
    }

    [Fact]
    public async Task AccountPage_Kam_RatesTheAccountOfTheirTeam_IsRefusedAnother()
    {
        using var kam = await fixture.BrowserClientAsync(TeamServer.Kam1);
        Assert.DoesNotContain("data-testid=\"rating-form\"", await kam.GetStringAsync("w/acme/accounts/C4"), StringComparison.Ordinal);

        using var own = await Forms.PostAsync(kam, "w/acme/accounts/C1", "rating", new() { ["rating-payment"] = "4", ["note"] = "Pays in 10 days" });
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        var page = WebUtility.HtmlDecode(await kam.GetStringAsync("w/acme/accounts/C1"));
        // Only payment rated (weight 1): intangible 4 / 5 = 0.8.
        Assert.Equal("0.80", TestId(page, "intangible-score"));
        Assert.Contains("Pays in 10 days", page, StringComparison.Ordinal);

        using var forged = await Forms.PostAsync(kam, "w/acme/accounts/C4", "team-remove", new() { ["_handler"] = "rating", ["rating-payment"] = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await using var db = fixture.Db();
        Assert.False(await db.Ratings.AnyAsync(r => r.CustomerId == db.Customers.Single(c => c.Key == "C4").Id));
    }

    [Fact]
    public async Task AccountPage_RatingOfSix_Is400_NothingStored()
    {
        using var director = await fixture.BrowserClientAsync(TeamServer.Director);
        using var response = await Forms.PostAsync(director, "w/acme/accounts/C2", "rating", new() { ["rating-fit"] = "6" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("fit: a rating is a whole number from 0 to 5, not 6", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var db = fixture.Db();
        Assert.False(await db.Ratings.AnyAsync(r => r.CustomerId == db.Customers.Single(c => c.Key == "C2").Id && r.CriterionKey == "fit"));
    }

    [Fact]
    public async Task AccountPage_Referral_ShowsTheReferredRevenueOnTheReferrer()
    {
        using var director = await fixture.BrowserClientAsync(TeamServer.Director);
        using var set = await Forms.PostAsync(director, "w/acme/accounts/C3", "referral", new() { ["referrer"] = "C2" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        var referrer = WebUtility.HtmlDecode(await director.GetStringAsync("w/acme/accounts/C2"));
        var referred = Regex.Match(referrer, "<table[^>]*data-testid=\"referred\".*?</table>", RegexOptions.Singleline).Value;
        Assert.Contains("href=\"/w/acme/accounts/C3\"", referred, StringComparison.Ordinal);
        Assert.Equal("€100.00", TestId(referred, "referred-revenue"));
        Assert.Contains("href=\"/w/acme/accounts/C2\"", Regex.Match(await director.GetStringAsync("w/acme/accounts/C3"), "data-testid=\"referred-by\".*?</p>", RegexOptions.Singleline).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_Undesignate_NeedsAReasonAndAConfirmation_ThenTheHistoryShowsFromKey()
    {
        using var lead = await fixture.BrowserClientAsync(TeamServer.Lead);
        using var blank = await Forms.PostAsync(lead, "w/acme/accounts/C2", "undesignation", new() { ["Undesignation.Reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);

        // Asked once more, with what it means; nothing changes until confirmed.
        using var asked = await Forms.PostAsync(lead, "w/acme/accounts/C2", "undesignation", new() { ["Undesignation.Reason"] = "Moved to a competitor" });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var question = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"confirm-designation\"", question, StringComparison.Ordinal);
        Assert.Contains("Stop treating Beta Hoteles S.A. as a designated account?", question, StringComparison.Ordinal);
        await using (var db = fixture.Db())
        {
            Assert.True(await db.Customers.Where(c => c.Key == "C2").Select(c => c.IsKeyAccount).SingleAsync());
        }

        using var done = await Forms.PostAsync(lead, "w/acme/accounts/C2", "undesignation", new() { ["Undesignation.Reason"] = "Moved to a competitor", ["confirm"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.EndsWith("/w/acme/accounts/C2?done=undesignated", done.Headers.Location!.ToString(), StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await lead.GetStringAsync(done.Headers.Location));
        Assert.Equal("The customer is no longer designated.", TestId(page, "done"));
        var latest = Regex.Match(page, "<table[^>]*data-testid=\"designations\".*?<tbody>\\s*(<tr.*?</tr>)", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal("Key", TestId(latest, "designation-from"));
        Assert.Equal("Moved to a competitor", TestId(latest, "designation-reason"));
        Assert.Equal($"{TeamServer.Lead}", TestId(latest, "designation-by"));
        Assert.DoesNotContain("data-testid=\"key-account-badge\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_OfAnUnknownCustomer_Is404AndSaysTheCustomerIsMissing_NotTheWorkspace()
    {
        using var viewer = await fixture.BrowserClientAsync(TeamServer.Viewer);
        using var response = await viewer.GetAsync("w/acme/accounts/NOPE");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("There is nothing at this address in Acme Foods", html, StringComparison.Ordinal);
        Assert.DoesNotContain("There is no workspace", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComparePage_BadDate_Is400AndSaysWhich_StillShowsTheDefaultComparison()
    {
        using var viewer = await fixture.BrowserClientAsync(TeamServer.Viewer);
        using var response = await viewer.GetAsync("w/acme/analysis/compare?from=2024-13-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"parameter-problems\"", html, StringComparison.Ordinal);
        Assert.Contains("2024-13-01", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"migrations\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortfolioPage_EveryCustomerIsALabelledLinkInTheChart_AndARowInTheTable()
    {
        using var viewer = await fixture.BrowserClientAsync(TeamServer.Viewer);
        var html = WebUtility.HtmlDecode(await viewer.GetStringAsync("w/acme/customers/portfolio"));

        var chart = Regex.Match(html, "<svg[^>]*data-testid=\"portfolio-chart\".*?</svg>", RegexOptions.Singleline).Value;
        var table = Regex.Match(html, "<table[^>]*data-testid=\"portfolio-table\".*?</table>", RegexOptions.Singleline).Value;
        foreach (var key in new[] { "C1", "C2", "C3", "C4" })
        {
            Assert.Matches($"<a href=\"/w/acme/accounts/{key}\" class=\"bubble [a-z]+\" data-customer=\"{key}\" aria-label=\"[^\"]+\"", chart);
            Assert.Contains($"data-customer=\"{key}\"", table, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_OfAnotherWorkspace_AreNotFound()
    {
        using var outsider = await fixture.BrowserClientAsync(TeamServer.OtherDirector);
        foreach (var path in new[] { "w/acme/customers", "w/acme/customers/portfolio", "w/acme/analysis/compare", "w/acme/accounts/C1" })
        {
            using var response = await outsider.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    /// <summary>The text of the first element with <paramref name="testId"/> (scoped CSS may add attributes after it).</summary>
    private static string? TestId(string html, string testId) =>
        Regex.Match(html, $"data-testid=\"{testId}\"[^>]*>([^<]*)<") is { Success: true } m ? m.Groups[1].Value : null;

    private static string Row(string html, string key) =>
        Regex.Match(html, $"<tr[^>]*data-customer=\"{key}\".*?</tr>", RegexOptions.Singleline).Value;
}
