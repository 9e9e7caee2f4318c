using Kamino.Accounts;
using Kamino.Customers;
using Kamino.People;
using Kamino.Workspaces;

namespace Kamino.Tests.Support;

/// <summary>Rows for team tests, inserted directly: workspaces, users with memberships, customers.</summary>
public static class TeamData
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static async Task<int> WorkspaceAsync(KaminoDb db, string slug)
    {
        var ws = new Workspace { Slug = slug, Name = slug.ToUpperInvariant(), CreatedAt = Start };
        db.Workspaces.Add(ws);
        await db.SaveChangesAsync();
        return ws.Id;
    }

    /// <summary>The user with this email (created when new), made a member of the workspace with the role.</summary>
    public static async Task<string> MemberAsync(KaminoDb db, int workspaceId, string email, Role role, string? supervisorUserId = null)
    {
        var normalized = email.ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized) ?? TestUsers.Add(db, email);

        db.Memberships.Add(new Membership { WorkspaceId = workspaceId, UserId = user.Id, Role = role, SupervisorUserId = supervisorUserId, CreatedAt = Start });
        await db.SaveChangesAsync();
        return user.Id;
    }

    public static async Task<long> CustomerAsync(KaminoDb db, int workspaceId, string key, bool isKeyAccount = true, long? id = null)
    {
        var next = id ?? (await db.Customers.Where(c => c.WorkspaceId == workspaceId).MaxAsync(c => (long?)c.Id) ?? 0) + 1;
        db.Customers.Add(new Customer { WorkspaceId = workspaceId, Id = next, Key = key, Name = "Customer " + key, IsKeyAccount = isKeyAccount });
        await db.SaveChangesAsync();
        return next;
    }

    /// <summary>A team row as it is stored, for tests that set up an existing team.</summary>
    public static async Task TeamRowAsync(KaminoDb db, int workspaceId, long customerId, string userId, Department department, bool isOwner = false)
    {
        db.AccountTeamMembers.Add(new AccountTeamMember { WorkspaceId = workspaceId, CustomerId = customerId, UserId = userId, Department = department, IsOwner = isOwner });
        await db.SaveChangesAsync();
    }
}
