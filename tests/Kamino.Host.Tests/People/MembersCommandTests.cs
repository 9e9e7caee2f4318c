using Kamino.Customers;
using Kamino.Host.Cli;
using Kamino.Workspaces;

namespace Kamino.Host.Tests.People;

/// <summary>
/// <c>kamino members …</c>, <c>kamino accounts designate|undesignate|team|owner|member|mine</c> and
/// <c>kamino audit</c> as a user runs them, on a real SQLite file with two workspaces.
/// </summary>
public sealed partial class MembersCommandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string dir = Directory.CreateTempSubdirectory("kamino-members-").FullName;

    private string Db => Path.Combine(dir, "k.db");

    public async Task InitializeAsync()
    {
        var database = new KaminoDatabase(Db);
        await database.MigrateAsync();
        await using var db = database.CreateDbContext();
        var a = new Workspace { Slug = "acme", Name = "Acme", CreatedAt = Start };
        var b = new Workspace { Slug = "beta", Name = "Beta", CreatedAt = Start };
        db.Workspaces.AddRange(a, b);
        await db.SaveChangesAsync();
        var lead = User(db, "lena@acme.test");
        Member(db, a.Id, User(db, "dora@acme.test"), Role.Director);
        Member(db, a.Id, lead, Role.LeadKam);
        Member(db, a.Id, User(db, "karl@acme.test"), Role.Kam, lead);
        Member(db, a.Id, User(db, "kora@acme.test"), Role.Kam);
        Member(db, a.Id, User(db, "mia@acme.test"), Role.Collaborator);
        Member(db, b.Id, User(db, "bob@beta.test"), Role.Director);
        db.Customers.AddRange(
            new Customer { WorkspaceId = a.Id, Id = 1, Key = "PIZZA", Name = "Pizza Rápida S.L." },
            new Customer { WorkspaceId = a.Id, Id = 2, Key = "TAXI", Name = "Taxi Verde" },
            new Customer { WorkspaceId = b.Id, Id = 1, Key = "BEE", Name = "Bee Co" });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task MembersList_Json_ShowsEveryMemberWithRoleAndSupervisor_OfThisWorkspaceOnly()
    {
        var result = await RunAsync("members", "list", "--workspace", "acme", "--format", "json");

        Assert.Equal(0, result.Exit);
        var members = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["dora@acme.test", "karl@acme.test", "kora@acme.test", "lena@acme.test", "mia@acme.test"], members.Select(m => m.GetProperty("email").GetString()));
        var karl = members[1];
        Assert.Equal("Kam", karl.GetProperty("role").GetString());
        Assert.Equal("lena@acme.test", karl.GetProperty("supervisorEmail").GetString());
    }

    [Fact]
    public async Task MembersList_Csv_HasAHeaderAndOneLinePerMember()
    {
        var result = await RunAsync("members", "list", "--workspace", "beta", "--format", "csv");

        Assert.Equal(0, result.Exit);
        Assert.Equal(["email,displayName,role,supervisorEmail,status", "bob@beta.test,bob,Director,,active"], Lines(result.Out));
    }

    [Fact]
    public async Task MembersRole_ChangesTheRole_LastDirectorIsRefusedWithExit1()
    {
        var promote = await RunAsync("members", "role", "kora@acme.test", "--role", "LeadKam", "--workspace", "acme");
        var lastDirector = await RunAsync("members", "role", "dora@acme.test", "--role", "Viewer", "--workspace", "acme");

        Assert.Equal(0, promote.Exit);
        Assert.Equal(1, lastDirector.Exit);
        Assert.Equal("dora@acme.test is the last Director; make someone else Director first", lastDirector.Err.Trim());
        var list = await MembersAsync("acme");
        Assert.Equal("LeadKam", list["kora@acme.test"].GetProperty("role").GetString());
        Assert.Equal("Director", list["dora@acme.test"].GetProperty("role").GetString());
    }

    [Fact]
    public async Task MembersSupervisor_OfALeadKam_IsRefused_InEnglishWords()
    {
        var result = await RunAsync("members", "supervisor", "lena@acme.test", "--lead", "kora@acme.test", "--workspace", "acme");

        Assert.Equal((1, "lena@acme.test is LeadKam: only a KAM has a supervisor"), (result.Exit, result.Err.Trim()));
    }

    [Fact]
    public async Task MembersRole_UnknownRole_IsAUsageError()
    {
        var result = await RunAsync("members", "role", "kora@acme.test", "--role", "Emperor", "--workspace", "acme");

        Assert.Equal(2, result.Exit);
    }

    [Fact]
    public async Task MembersCommands_OnAMemberOfAnotherWorkspace_Exit1AndChangeNothing()
    {
        var role = await RunAsync("members", "role", "bob@beta.test", "--role", "Viewer", "--workspace", "acme");
        var remove = await RunAsync("members", "remove", "bob@beta.test", "--workspace", "acme");

        Assert.Equal(1, role.Exit);
        Assert.Equal(1, remove.Exit);
        Assert.Contains("not a member of workspace 'acme'", role.Err, StringComparison.Ordinal);
        Assert.Equal("Director", (await MembersAsync("beta"))["bob@beta.test"].GetProperty("role").GetString());
    }

    [Fact]
    public async Task MembersSupervisor_SetsALeadKam_RefusesSomeoneWhoIsNot()
    {
        var ok = await RunAsync("members", "supervisor", "kora@acme.test", "--lead", "lena@acme.test", "--workspace", "acme");
        var notALead = await RunAsync("members", "supervisor", "karl@acme.test", "--lead", "mia@acme.test", "--workspace", "acme");
        var neither = await RunAsync("members", "supervisor", "karl@acme.test", "--workspace", "acme");

        Assert.Equal(0, ok.Exit);
        Assert.Equal(1, notALead.Exit);
        Assert.Equal(2, neither.Exit);
        var list = await MembersAsync("acme");
        Assert.Equal("lena@acme.test", list["kora@acme.test"].GetProperty("supervisorEmail").GetString());
        Assert.Equal("lena@acme.test", list["karl@acme.test"].GetProperty("supervisorEmail").GetString());
    }

    [Fact]
    public async Task MembersRemove_RemovesTheMember_NotTheLastDirector()
    {
        var remove = await RunAsync("members", "remove", "mia@acme.test", "--workspace", "acme");
        var director = await RunAsync("members", "remove", "dora@acme.test", "--workspace", "acme");

        Assert.Equal(0, remove.Exit);
        Assert.Equal(1, director.Exit);
        var list = await MembersAsync("acme");
        Assert.False(list.ContainsKey("mia@acme.test"));
        Assert.True(list.ContainsKey("dora@acme.test"));
    }

    [Fact]
    public async Task Designate_ThenTeam_Owner_Member_Mine_AndAudit_TellTheSameStory()
    {
        Assert.Equal(0, (await RunAsync("accounts", "designate", "PIZZA", "--reason", "18% of revenue", "--user", "dora@acme.test", "--workspace", "acme")).Exit);
        Assert.Equal(0, (await RunAsync("accounts", "owner", "PIZZA", "--kam", "karl@acme.test", "--workspace", "acme")).Exit);
        Assert.Equal(0, (await RunAsync("accounts", "member", "PIZZA", "--user", "mia@acme.test", "--department", "Marketing", "--workspace", "acme")).Exit);

        var team = JsonDocument.Parse((await RunAsync("accounts", "team", "PIZZA", "--workspace", "acme", "--format", "json")).Out).RootElement;
        Assert.Equal([("karl@acme.test", "Sales", true), ("mia@acme.test", "Marketing", false)],
            team.EnumerateArray().Select(m => (m.GetProperty("email").GetString(), m.GetProperty("department").GetString(), m.GetProperty("isOwner").GetBoolean())));

        var leadMine = await RunAsync("accounts", "mine", "--user", "lena@acme.test", "--workspace", "acme", "--format", "csv");
        Assert.Equal(["customerKey,customerName,ownerEmail,reason,department", "PIZZA,Pizza Rápida S.L.,karl@acme.test,Supervised,"], Lines(leadMine.Out));
        var koraMine = await RunAsync("accounts", "mine", "--user", "kora@acme.test", "--workspace", "acme", "--format", "json");
        Assert.Empty(JsonDocument.Parse(koraMine.Out).RootElement.EnumerateArray());

        var audit = await RunAsync("audit", "--account", "PIZZA", "--workspace", "acme", "--format", "json");
        Assert.Equal(0, audit.Exit);
        var entries = JsonDocument.Parse(audit.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["team/member-added", "team/owner", "designation/designated"],
            entries.Select(e => e.GetProperty("entity").GetString() + "/" + e.GetProperty("action").GetString()));
        Assert.Equal("dora@acme.test", entries[2].GetProperty("user").GetString());
        Assert.Equal("system", entries[0].GetProperty("user").GetString());
        Assert.All(entries, e => Assert.Equal("PIZZA", e.GetProperty("customerKey").GetString()));
    }

    [Fact]
    public async Task MemberRemove_TakesSomeoneOffTheTeam_TheOwnerCannotBe()
    {
        await RunAsync("accounts", "designate", "PIZZA", "--reason", "key", "--workspace", "acme");
        await RunAsync("accounts", "owner", "PIZZA", "--kam", "karl@acme.test", "--workspace", "acme");
        await RunAsync("accounts", "member", "PIZZA", "--user", "mia@acme.test", "--department", "Advertising", "--workspace", "acme");

        var owner = await RunAsync("accounts", "member", "PIZZA", "--user", "karl@acme.test", "--remove", "--workspace", "acme");
        var member = await RunAsync("accounts", "member", "PIZZA", "--user", "mia@acme.test", "--remove", "--workspace", "acme");
        var noDepartment = await RunAsync("accounts", "member", "PIZZA", "--user", "mia@acme.test", "--workspace", "acme");

        Assert.Equal(1, owner.Exit);
        Assert.Equal(0, member.Exit);
        Assert.Equal(2, noDepartment.Exit);
        var team = JsonDocument.Parse((await RunAsync("accounts", "team", "PIZZA", "--workspace", "acme", "--format", "json")).Out).RootElement;
        Assert.Equal(["karl@acme.test"], team.EnumerateArray().Select(m => m.GetProperty("email").GetString()));
    }

    [Fact]
    public async Task Owner_OfACustomerThatIsNotKey_Exits1()
    {
        var result = await RunAsync("accounts", "owner", "TAXI", "--kam", "karl@acme.test", "--workspace", "acme");

        Assert.Equal(1, result.Exit);
        Assert.Contains("not a key account", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("designate", "PIZZA")]
    [InlineData("designate", "PIZZA", "--reason", "   ")]
    [InlineData("undesignate", "PIZZA")]
    public async Task Designate_WithoutAReason_IsAUsageError(params string[] args)
    {
        var result = await RunAsync(["accounts", .. args, "--workspace", "acme"]);

        Assert.Equal(2, result.Exit);
        var history = await RunAsync("audit", "--workspace", "acme", "--format", "json");
        Assert.Empty(JsonDocument.Parse(history.Out).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Designate_ACustomerOfAnotherWorkspace_Exits1AndLeavesItAlone()
    {
        var result = await RunAsync("accounts", "designate", "BEE", "--reason", "not ours", "--workspace", "acme");

        Assert.Equal(1, result.Exit);
        Assert.Contains("no customer 'BEE'", result.Err, StringComparison.Ordinal);
        var beta = await RunAsync("audit", "--workspace", "beta", "--format", "json");
        Assert.Empty(JsonDocument.Parse(beta.Out).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Designate_ByAKam_IsNotAllowed_Exit1()
    {
        var result = await RunAsync("accounts", "designate", "PIZZA", "--reason", "mine", "--user", "karl@acme.test", "--workspace", "acme");

        Assert.Equal(1, result.Exit);
        Assert.Contains("may not designate", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undesignate_KeepsTheTeam_AndTheAuditShowsBothDecisionsNewestFirst()
    {
        await RunAsync("accounts", "designate", "PIZZA", "--reason", "big", "--workspace", "acme");
        await RunAsync("accounts", "owner", "PIZZA", "--kam", "karl@acme.test", "--workspace", "acme");

        var result = await RunAsync("accounts", "undesignate", "PIZZA", "--reason", "closed two shops", "--workspace", "acme");

        Assert.Equal(0, result.Exit);
        var team = await RunAsync("accounts", "team", "PIZZA", "--workspace", "acme");
        Assert.Contains("not a key account (team inactive)", team.Out, StringComparison.Ordinal);
        Assert.Contains("karl@acme.test", team.Out, StringComparison.Ordinal);
        var designations = JsonDocument.Parse((await RunAsync("audit", "--workspace", "acme", "--format", "json")).Out).RootElement
            .EnumerateArray().Where(e => e.GetProperty("entity").GetString() == "designation").Select(e => e.GetProperty("summary").GetString()).ToList();
        Assert.Equal(2, designations.Count);
        Assert.Contains("closed two shops", designations[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownWorkspace_Exits1()
    {
        var result = await RunAsync("members", "list", "--workspace", "nowhere");

        Assert.Equal(1, result.Exit);
        Assert.Contains("'nowhere' does not exist", result.Err, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, JsonElement>> MembersAsync(string workspace)
    {
        var result = await RunAsync("members", "list", "--workspace", workspace, "--format", "json");
        Assert.Equal(0, result.Exit);
        return JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToDictionary(m => m.GetProperty("email").GetString()!, m => m.Clone());
    }

    [Theory]
    [InlineData("members", "role", "kora@acme.test", "--role", "99")]
    [InlineData("accounts", "member", "PIZZA", "--user", "mia@acme.test", "--department", "42")]
    public async Task EnumOption_UndefinedNumber_IsAUsageError_AndNothingChanges(params string[] args)
    {
        var before = await RunAsync("members", "list", "--workspace", "acme", "--format", "json");

        var result = await RunAsync([.. args, "--workspace", "acme"]);

        Assert.Equal(ExitCodes.Usage, result.Exit);
        Assert.Equal(before.Out, (await RunAsync("members", "list", "--workspace", "acme", "--format", "json")).Out);
    }

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--db", Db]);

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    private static string User(KaminoDb db, string email) => TestUsers.Add(db, email).Id;

    private static void Member(KaminoDb db, int workspaceId, string userId, Role role, string? supervisor = null) =>
        db.Memberships.Add(new Membership { WorkspaceId = workspaceId, UserId = userId, Role = role, SupervisorUserId = supervisor, CreatedAt = Start });
}
