using System.Text.RegularExpressions;

namespace Kamino.Host.Tests.Customers;

/// <summary>
/// The account page's designation form as a browser posts it, over its own <see cref="TeamServer"/> (tiers Key and
/// Standard): the current tier is preselected, a promotion is made at once and confirmed, a demotion is asked once
/// more and made only when confirmed; a rating's note is shown once.
/// </summary>
public sealed partial class DesignationFormTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    private const string Page = "w/acme/accounts/C3";

    [Fact]
    public async Task Promotion_IsMadeAndConfirmed_TheFormThenPreselectsIt_ADemotionWaitsForConfirmation()
    {
        using var director = await fixture.BrowserClientAsync(TeamServer.Director);

        using var promoted = await Forms.PostAsync(director, Page, "designation", new() { ["Designation.Tier"] = "Key", ["Designation.Reason"] = "Growing fast" });
        Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        var page = WebUtility.HtmlDecode(await director.GetStringAsync(promoted.Headers.Location));
        Assert.Contains("The designation is saved.", DoneText(page), StringComparison.Ordinal);
        Assert.Equal("Key", SelectedTier(page));
        Assert.Contains("Key (Key account) · current", page, StringComparison.Ordinal);

        using var asked = await Forms.PostAsync(director, Page, "designation", new() { ["Designation.Tier"] = "Standard", ["Designation.Reason"] = "Volume fell" });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var question = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        Assert.Contains("Move Gamma Tours down from Key to Standard?", question, StringComparison.Ordinal);
        Assert.Equal("Key", await TierAsync());

        using var confirmed = await Forms.PostAsync(director, Page, "designation",
            new() { ["Designation.Tier"] = "Standard", ["Designation.Reason"] = "Volume fell", ["confirm"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("Standard", await TierAsync());
        var after = WebUtility.HtmlDecode(await director.GetStringAsync(confirmed.Headers.Location));
        Assert.Equal("Standard", SelectedTier(after));
    }

    [Fact]
    public async Task OneRatingOfTwoCriteria_ShowsItsNoteOnce_AndConfirmsTheChange()
    {
        using var director = await fixture.BrowserClientAsync(TeamServer.Director);

        using var rated = await Forms.PostAsync(director, "w/acme/accounts/C4", "rating",
            new() { ["rating-brand"] = "4", ["rating-fit"] = "2", ["note"] = "Visited their new shop" });

        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        var page = WebUtility.HtmlDecode(await director.GetStringAsync(rated.Headers.Location));
        Assert.Equal("The ratings are saved and the score is updated.", DoneText(page));
        var criteria = Regex.Match(page, "<table[^>]*data-testid=\"criteria-parts\".*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(1, Regex.Count(criteria, "Visited their new shop"));
        Assert.Equal(1, Regex.Count(criteria, "data-testid=\"same-note\""));
    }

    private async Task<string?> TierAsync()
    {
        await using var db = fixture.Db();
        var ws = await db.Workspaces.Where(w => w.Slug == TeamServer.Slug).Select(w => w.Id).SingleAsync();
        var tierId = await db.Customers.Where(c => c.WorkspaceId == ws && c.Key == "C3").Select(c => c.TierId).SingleAsync();
        return await db.Tiers.Where(t => t.WorkspaceId == ws && t.Id == tierId).Select(t => t.Name).SingleOrDefaultAsync();
    }

    private static string DoneText(string html) => DoneRegex().Match(html).Groups["text"].Value;

    private static string SelectedTier(string html) => SelectedTierRegex().Match(html).Groups["tier"].Value;

    [GeneratedRegex("data-testid=\"done\"[^>]*>(?<text>[^<]*)<")]
    private static partial Regex DoneRegex();

    [GeneratedRegex("<select[^>]*data-testid=\"tier\"[^>]*>.*?<option value=\"(?<tier>[^\"]+)\" selected", RegexOptions.Singleline)]
    private static partial Regex SelectedTierRegex();
}
