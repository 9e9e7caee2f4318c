using System.Text.Json;
using Kamino.Customers;
using Kamino.Data;
using Kamino.Host.Tests.Support;
using Kamino.People;
using Kamino.SignIn;
using Kamino.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Tests.Contacts;

/// <summary>
/// <c>kamino contacts list|add|edit|remove</c> on a real SQLite file: workspace acme (customers C1, C2; members
/// kam@ and collab@) and workspace other (customer O1).
/// </summary>
public sealed class ContactsCommandTests : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("kamino-contacts-").FullName;

    private string Db => Path.Combine(dir, "k.db");

    public async Task InitializeAsync()
    {
        var database = new KaminoDatabase(Db);
        await database.MigrateAsync();
        await using var db = database.CreateDbContext();
        var acme = new Workspace { Slug = "acme", Name = "Acme" };
        var other = new Workspace { Slug = "other", Name = "Other" };
        db.Workspaces.AddRange(acme, other);
        foreach (var email in new[] { "kam@acme.test", "collab@acme.test" })
        {
            db.Users.Add(new KaminoUser
            {
                Id = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), UserName = email, NormalizedUserName = email.ToUpperInvariant(),
                SecurityStamp = Guid.NewGuid().ToString(), DisplayName = email.Split('@')[0],
            });
        }

        await db.SaveChangesAsync();
        db.Memberships.AddRange(
            new Membership { WorkspaceId = acme.Id, UserId = "kam@acme.test", Role = Role.Kam },
            new Membership { WorkspaceId = acme.Id, UserId = "collab@acme.test", Role = Role.Collaborator });
        db.Customers.AddRange(
            new Customer { WorkspaceId = acme.Id, Id = 1, Key = "C1", Name = "Cliente Uno", IsKeyAccount = true },
            new Customer { WorkspaceId = acme.Id, Id = 2, Key = "C2", Name = "Cliente Dos" },
            new Customer { WorkspaceId = other.Id, Id = 1, Key = "O1", Name = "Other One" });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AddListEditRemove_AsAPersonRunsThem()
    {
        var add = await RunAsync("contacts", "add", "C1", "--name", "Irene Soler", "--title", "Operations director", "--email", "irene@example.com",
            "--phone", "+34 961 234 567", "--role", "decision-maker", "--influence", "5", "--strength", "4", "--primary", "--notes", "Prefers visits",
            "--known-by", "kam@acme.test", "collab@acme.test");
        Assert.Equal((0, "contact 1 added to C1", ""), (add.Exit, add.Out.Trim(), add.Err));
        Assert.Equal(0, (await RunAsync("contacts", "add", "C1", "--name", "Javier Lloret")).Exit);

        var json = JsonDocument.Parse((await RunAsync("contacts", "list", "C1", "--format", "json")).Out).RootElement;
        Assert.Equal([("Irene Soler", true), ("Javier Lloret", false)], json.EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("isPrimary").GetBoolean())));
        var irene = json[0];
        Assert.Equal(("DecisionMaker", 5, 4, "+34 961 234 567"), (irene.GetProperty("role").GetString(), irene.GetProperty("influence").GetInt32(), irene.GetProperty("strength").GetInt32(),
            irene.GetProperty("phone").GetString()));
        Assert.Equal(["collab@acme.test", "kam@acme.test"], irene.GetProperty("knownBy").EnumerateArray().Select(k => k.GetProperty("email").GetString()));

        // Only the options given change; an empty value clears; --primary on the second contact moves the mark.
        var edit = await RunAsync("contacts", "edit", "C1", "1", "--title", "CEO", "--phone", "", "--influence", "none", "--known-by", "kam@acme.test");
        Assert.Equal((0, "contact 1 of C1 changed"), (edit.Exit, edit.Out.Trim()));
        Assert.Equal(0, (await RunAsync("contacts", "edit", "C1", "2", "--primary")).Exit);
        var csv = Lines((await RunAsync("contacts", "list", "C1", "--format", "csv")).Out);
        Assert.Equal("id,name,title,email,phone,role,influence,strength,isPrimary,knownBy,notes", csv[0]);
        Assert.Equal(["2,Javier Lloret,,,,,,,true,,", "1,Irene Soler,CEO,irene@example.com,,decision-maker,,4,false,kam@acme.test,Prefers visits"], csv.Skip(1));
        Assert.Contains("Irene Soler", (await RunAsync("contacts", "list", "C1")).Out, StringComparison.Ordinal);

        var remove = await RunAsync("contacts", "remove", "C1", "1");
        Assert.Equal((0, "contact 1 removed from C1"), (remove.Exit, remove.Out.Trim()));
        Assert.Equal(["Javier Lloret"], JsonDocument.Parse((await RunAsync("contacts", "list", "C1", "--format", "json")).Out).RootElement.EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()));
        await using var db = new KaminoDatabase(Db).CreateDbContext();
        var audit = await db.AuditEntries.OrderBy(a => a.Id).Select(a => new { a.Action, a.UserId, a.Summary }).ToListAsync();
        Assert.Equal(["added", "added", "edited", "edited", "removed"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Null(a.UserId)); // the system
        Assert.DoesNotContain(audit, a => a.Summary.Contains("Irene", StringComparison.Ordinal) || a.Summary.Contains("example.com", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--email", "irene", "--email:")]
    [InlineData("--email", "Irene <irene@example.com>", "--email:")]
    [InlineData("--phone", "12345", "--phone:")]
    [InlineData("--phone", "call me", "--phone:")]
    public async Task Add_BadEmailOrPhone_Exit1_NamesTheOption_StoresNothing(string option, string value, string message)
    {
        var result = await RunAsync("contacts", "add", "C1", "--name", "Irene", option, value);

        Assert.Equal(1, result.Exit);
        Assert.StartsWith(message, result.Err, StringComparison.Ordinal);
        Assert.Equal("[]", (await RunAsync("contacts", "list", "C1", "--format", "json")).Out.Trim());
    }

    [Theory]
    [InlineData("--role", "boss")]
    [InlineData("--influence", "6")]
    [InlineData("--strength", "0")]
    [InlineData("--strength", "x")]
    public async Task Add_BadRoleOrScale_IsAUsageError(string option, string value)
    {
        var result = await RunAsync("contacts", "add", "C1", "--name", "Irene", option, value);

        Assert.Equal(2, result.Exit);
        Assert.Equal("[]", (await RunAsync("contacts", "list", "C1", "--format", "json")).Out.Trim());
    }

    [Fact]
    public async Task UnknownCustomerContactOrMember_Exit1_AndAnotherWorkspacesCustomerIsNotFound()
    {
        Assert.Equal(0, (await RunAsync("contacts", "add", "C1", "--name", "Irene")).Exit);

        var foreign = await RunAsync("contacts", "add", "O1", "--name", "Irene");
        var otherCustomer = await RunAsync("contacts", "edit", "C2", "1", "--title", "x");
        var removeOther = await RunAsync("contacts", "remove", "C2", "1");
        var stranger = await RunAsync("contacts", "add", "C1", "--name", "Javier", "--known-by", "nobody@acme.test");

        Assert.Equal((1, 1, 1, 1), (foreign.Exit, otherCustomer.Exit, removeOther.Exit, stranger.Exit));
        Assert.Contains("no customer 'O1' in workspace 'acme'", foreign.Err, StringComparison.Ordinal);
        Assert.Contains("C2 has no contact 1", otherCustomer.Err, StringComparison.Ordinal);
        Assert.Contains("nobody@acme.test is not a member", stranger.Err, StringComparison.Ordinal);
        Assert.Single(JsonDocument.Parse((await RunAsync("contacts", "list", "C1", "--format", "json")).Out).RootElement.EnumerateArray());
        Assert.Equal("[]", (await RunAsync("contacts", "list", "O1", "-w", "other", "--format", "json")).Out.Trim());
    }

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, .. args.Contains("-w") ? Array.Empty<string>() : ["-w", "acme"], "--db", Db]);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
