using Kamino.Host.Demo;
using Kamino.SignIn;
using Kamino.Workspaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kamino.Host.Tests.Demo;

/// <summary>What <c>kamino serve --demo</c> does for people: one user per role, created once.</summary>
public sealed class DemoUsersTests : IAsyncLifetime
{
    private KaminoTestServer server = null!;

    public async Task InitializeAsync() => server = await KaminoTestServer.StartAsync(async database =>
    {
        await using var db = database.CreateDbContext();
        db.Workspaces.Add(new Workspace { Slug = Kamino.Demo.DemoData.WorkspaceSlug, Name = "Voltia", CreatedAt = TimeProvider.System.GetUtcNow() });
        await db.SaveChangesAsync();
    });

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Ensure_CreatesOneUserPerRoleOnce_WithPasswordsThatSignIn()
    {
        var first = await EnsureAsync();

        Assert.Equal(Enum.GetValues<Role>(), first.Select(a => a.Role));
        Assert.Equal(
            ["director@demo.kamino.test", "lead@demo.kamino.test", "kam@demo.kamino.test", "collaborator@demo.kamino.test", "viewer@demo.kamino.test"],
            first.Select(a => a.Email));
        Assert.All(first, a => Assert.True(a.Password is { Length: >= 12 }, a.Email));
        Assert.Equal(first.Count, first.Select(a => a.Password).Distinct().Count());
        foreach (var a in first)
        {
            using var login = await server.PostLoginAsync(a.Email, a.Password!);
            Assert.True(login.StatusCode == HttpStatusCode.OK, a.Email);
            using var api = await server.BearerClientAsync(a.Email, a.Password!);
            using var pareto = await api.GetAsync("api/workspaces/demo/analysis/pareto");
            Assert.True(pareto.StatusCode == HttpStatusCode.OK, $"{a.Email}: {pareto.StatusCode}");
        }

        await using (var db = server.Database.CreateDbContext())
        {
            var members = await db.Memberships.ToListAsync();
            var ids = await db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id);
            Assert.Equal(5, members.Count);
            Assert.Equal(ids["lead@demo.kamino.test"], members.Single(m => m.Role == Role.Kam).SupervisorUserId);
        }

        var second = await EnsureAsync();

        Assert.Equal(first.Select(a => a.Email), second.Select(a => a.Email));
        Assert.All(second, a => Assert.Null(a.Password));
        using var stillValid = await server.PostLoginAsync(first[0].Email, first[0].Password!);
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        await using var after = server.Database.CreateDbContext();
        Assert.Equal(5, await after.Memberships.CountAsync());
    }

    private async Task<IReadOnlyList<DemoUsers.Account>> EnsureAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await DemoUsers.EnsureAsync(
            scope.ServiceProvider.GetRequiredService<UserManager<KaminoUser>>(), scope.ServiceProvider.GetRequiredService<KaminoDb>(), TimeProvider.System);
    }
}
