namespace Kamino.Host.Tests.Accounts;

/// <summary>
/// <c>GET …/workload</c> and the capacity setting through the real host over <see cref="TeamServer"/> (C1 owned by KAM 1,
/// C2 by KAM 2, both key accounts; two KAMs in <c>acme</c>): who sees which rows, who is refused, and how the capacity
/// bounds the suggestions of <c>GET …/customers</c>. A GET needs only View (the security tests hold every GET to that), so the
/// workload is scoped by rows, not refused: a Director or Lead KAM sees everyone, anyone else their own row.
/// </summary>
public abstract class WorkloadApiTests(TeamServer fixture)
{
    private const string Api = "api/workspaces/acme/";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }

    private static List<string?> Owners(JsonElement report) =>
        [.. report.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("name").GetString())];

    [Fact]
    public async Task Workload_DirectorAndLeadSeeEveryOwner_ByName_KamOnlyTheirOwn()
    {
        string kam1Name;
        await using (var db = fixture.Db())
        {
            kam1Name = await db.Users.Where(u => u.Email == TeamServer.Kam1).Select(u => u.DisplayName).SingleAsync();
        }

        foreach (var who in new[] { TeamServer.Director, TeamServer.Lead })
        {
            using var client = await fixture.Server.BearerClientAsync(who);
            var report = await JsonAsync(await client.GetAsync(Api + "workload"));
            Assert.Equal(2, report.GetProperty("keyAccounts").GetInt32());
            Assert.Equal(0, report.GetProperty("unowned").GetInt32());
            var people = report.GetProperty("people").EnumerateArray().ToList();
            Assert.Equal(2, people.Count);
            Assert.All(people, p => Assert.Equal(1, p.GetProperty("keyAccounts").GetInt32()));
            Assert.All(people, p => Assert.DoesNotContain("@", p.GetProperty("name").GetString(), StringComparison.Ordinal)); // names, not emails
            Assert.Contains(kam1Name, Owners(report));
            var total = report.GetProperty("totalRevenue").GetDecimal();
            Assert.Equal(people.Sum(p => p.GetProperty("revenue").GetDecimal()) / total, people.Sum(p => p.GetProperty("share").GetDecimal()), 4);
        }

        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        Assert.Equal([kam1Name], Owners(await JsonAsync(await kam.GetAsync(Api + "workload"))));
    }

    [Fact]
    public async Task Workload_OthersSeeOnlyTheirOwnRow_AnonymousUnauthorized_OtherWorkspaceNotFound()
    {
        // A KAM never sees another KAM's load; a Collaborator or Viewer owns no key account, so no row at all.
        using (var kam2 = await fixture.Server.BearerClientAsync(TeamServer.Kam2))
        {
            var own = await JsonAsync(await kam2.GetAsync(Api + "workload"));
            Assert.Single(own.GetProperty("people").EnumerateArray());
            Assert.Equal(2, own.GetProperty("keyAccounts").GetInt32()); // the workspace's totals stay
        }

        foreach (var who in new[] { TeamServer.Collaborator, TeamServer.Viewer })
        {
            using var client = await fixture.Server.BearerClientAsync(who);
            var report = await JsonAsync(await client.GetAsync(Api + "workload"));
            Assert.Empty(report.GetProperty("people").EnumerateArray());
        }

        using var anonymous = await fixture.Server.Client.GetAsync(Api + "workload");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var other = await director.GetAsync("api/workspaces/" + TeamServer.OtherSlug + "/workload");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task KamCapacity_SetByTheDirector_BoundsTheSuggestions_AndFlagsTheOwners()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using (var byKam = await kam.PutAsJsonAsync(Api + "settings/key-accounts", new { kamCapacity = 1 }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byKam.StatusCode);
        }

        using (var zero = await director.PutAsJsonAsync(Api + "settings/key-accounts", new { kamCapacity = 0 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        }

        var before = await JsonAsync(await director.GetAsync(Api + "settings/key-accounts"));
        Assert.Equal(15, before.GetProperty("kamCapacity").GetInt32());
        var roomy = (await JsonAsync(await director.GetAsync(Api + "customers"))).GetProperty("capacity");
        Assert.Equal((15, 2, 30, 2, 28), (roomy.GetProperty("perKam").GetInt32(), roomy.GetProperty("kams").GetInt32(), roomy.GetProperty("team").GetInt32(),
            roomy.GetProperty("keyAccounts").GetInt32(), roomy.GetProperty("room").GetInt32()));

        try
        {
            using (var set = await director.PutAsJsonAsync(Api + "settings/key-accounts", new { kamCapacity = 1, suggestThreshold = 0 }))
            {
                Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
            }

            Assert.Equal(1, (await JsonAsync(await director.GetAsync(Api + "settings/key-accounts"))).GetProperty("kamCapacity").GetInt32());
            // 1 per KAM × 2 KAMs = 2, both taken by C1 and C2: C3 and C4 meet the rule (threshold 0) but are over capacity.
            var list = await JsonAsync(await director.GetAsync(Api + "customers"));
            Assert.Equal(0, list.GetProperty("suggestedNotDesignated").GetInt32());
            Assert.Equal((0, 2), (list.GetProperty("capacity").GetProperty("room").GetInt32(), list.GetProperty("capacity").GetProperty("overCapacity").GetInt32()));
            var over = await JsonAsync(await director.GetAsync(Api + "customers?list=over-capacity"));
            Assert.Equal(["C3", "C4"], over.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("key").GetString()).Order(StringComparer.Ordinal));
            Assert.All(over.GetProperty("items").EnumerateArray(), c => Assert.True(c.GetProperty("overCapacity").GetBoolean() && !c.GetProperty("suggested").GetBoolean()));
            using (var bad = await director.GetAsync(Api + "customers?list=nope"))
            {
                Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            }

            // Each KAM carries one key account: at the capacity, not over it.
            var report = await JsonAsync(await director.GetAsync(Api + "workload"));
            Assert.Equal(1, report.GetProperty("kamCapacity").GetInt32());
            Assert.All(report.GetProperty("people").EnumerateArray(), p => Assert.False(p.GetProperty("overCapacity").GetBoolean()));
        }
        finally
        {
            using var restore = await director.PutAsJsonAsync(Api + "settings/key-accounts", new { kamCapacity = 15, suggestThreshold = 0.6m });
            Assert.Equal(HttpStatusCode.NoContent, restore.StatusCode);
        }
    }
}

/// <summary><see cref="WorkloadApiTests"/> on SQLite.</summary>
public sealed class SqliteWorkloadApiTests(TeamServer fixture) : WorkloadApiTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="WorkloadApiTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresWorkloadApiTests(PostgresTeamServer fixture) : WorkloadApiTests(fixture), IClassFixture<PostgresTeamServer>;
