using System.Text.RegularExpressions;
using Kamino.Accounts;
using Kamino.Audit;
using Kamino.WorkTasks;

namespace Kamino.Host.Tests.Audit;

/// <summary>
/// Audit entries read in the reader's language through the real host: the account page's trail in Spanish has no
/// English left, the API adds the worded <c>text</c> next to the recorded fields, an entry written before sentence
/// keys reads as recorded (English, marked so). Over <see cref="TeamServer"/> (C2 a key account owned by KAM 2).
/// </summary>
public sealed partial class AuditWordingTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    private static readonly DateOnly Due = TeamServer.Today.AddDays(10);

    private async Task<(int Ws, long C2)> ChangeC2Async()
    {
        var ws = await fixture.WorkspaceIdAsync(TeamServer.Slug);
        await using var db = fixture.Db();
        var c2 = await db.Customers.Where(c => c.WorkspaceId == ws && c.Key == "C2").Select(c => c.Id).SingleAsync();
        if (await db.AuditEntries.AnyAsync(a => a.WorkspaceId == ws && a.CustomerId == c2))
        {
            return (ws, c2);
        }

        var director = await fixture.UserIdAsync(TeamServer.Director);
        Assert.True((await AccountTeams.SetMemberAsync(db, ws, c2, await fixture.UserIdAsync(TeamServer.Collaborator), Department.Marketing, director, TimeProvider.System)).Succeeded);
        var task = new NewTask("Call the buyer", await fixture.UserIdAsync(TeamServer.Kam2), Due, null, c2, Department.Sales);
        Assert.Equal(TaskOutcome.Changed, (await Tasks.CreateAsync(db, ws, task, director, TimeProvider.System)).Outcome);
        db.AuditEntries.Add(new AuditEntry
        {
            WorkspaceId = ws, Id = await db.NextIdAsync(db.AuditEntries, ws), At = TimeProvider.System.GetUtcNow().AddDays(-400), UserId = director,
            Entity = "team", EntityId = "2", CustomerId = c2, Action = "owner", Summary = "C2: owner none → kam2@acme.test",
        });
        await db.SaveChangesAsync();
        return (ws, c2);
    }

    [Fact]
    public async Task AccountPage_InSpanish_SaysTheChangesInSpanish_PeopleByName_NoEnglishWords()
    {
        await ChangeC2Async();
        using var client = await fixture.Server.SignedInClientAsync(TeamServer.Director);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("w/acme/accounts/C2"));
        var trail = Trail().Match(html).Value;
        var worded = Summaries().Matches(trail).Select(m => m.Groups["lang"].Success ? null : m.Groups["text"].Value).OfType<string>().ToList();
        var recorded = Summaries().Matches(trail).Where(m => m.Groups["lang"].Success).Select(m => m.Groups["text"].Value).ToList();

        Assert.Contains("C2: collab se unió al equipo (Marketing)", worded);
        Assert.Contains($"Creada «Call the buyer» para kam2, vence el {Due.ToString("d", CultureInfo.GetCultureInfo("es"))}, departamento Ventas", worded);
        Assert.Equal(["C2: owner none → kam2@acme.test"], recorded);
        Assert.All(worded, w => Assert.Empty(EnglishWords.In(w.Replace("Call the buyer", "", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Api_AddsTheTextInTheRequestsLanguage_KeepsTheRecordedFields()
    {
        await ChangeC2Async();
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/workspaces/acme/audit?account=C2");
        request.Headers.AcceptLanguage.ParseAdd("es");
        using var response = await director.SendAsync(request);
        var entries = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();

        var joined = entries.Single(e => e.GetProperty("summaryKey").GetString() == "team.member-added");
        Assert.Equal("C2: collab@acme.test joined the team (Marketing)", joined.GetProperty("summary").GetString());
        Assert.Equal(["C2", "collab@acme.test", "Marketing"], joined.GetProperty("summaryArgs").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("C2: collab se unió al equipo (Marketing)", joined.GetProperty("text").GetString());

        var old = entries.Single(e => e.GetProperty("summaryKey").ValueKind == JsonValueKind.Null);
        Assert.Equal(JsonValueKind.Null, old.GetProperty("summaryArgs").ValueKind);
        Assert.Equal("C2: owner none → kam2@acme.test", old.GetProperty("text").GetString());

        using var english = await director.GetAsync("api/workspaces/acme/audit?account=C2");
        var en = JsonDocument.Parse(await english.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .Single(e => e.GetProperty("summaryKey").GetString() == "task.created");
        Assert.Equal($"Created \"Call the buyer\" for kam2, due {Due.ToString("d", CultureInfo.GetCultureInfo("en"))}, department Sales", en.GetProperty("text").GetString());
    }

    [GeneratedRegex("<table class=\"list\" data-testid=\"audit\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex Trail();

    [GeneratedRegex("<span (?<lang>lang=\"en\" )?data-testid=\"audit-summary\">(?<text>[^<]*)</span>")]
    private static partial Regex Summaries();
}
