using Kamino.Activities;
using Kamino.Accounts;
using Kamino.Customers;
using Kamino.Workspaces;

namespace Kamino.Host.Tests.Support;

/// <summary>
/// The team the cadence and alert command tests start from: workspace <c>acme</c> with a Director, a Lead KAM, a KAM
/// they supervise and a second KAM; key accounts C1 (owned by the KAM, customer id 1) and C2 (the second KAM's, id 2)
/// and C3 (not a key account); workspace <c>other</c> with its Director owning key account O1 (id 1).
/// </summary>
public sealed record CliTeamSeed(int Acme, int Other, IReadOnlyDictionary<string, string> UserIds)
{
    /// <summary>A visit that was a check-in with a CSAT answer, at <paramref name="at"/>, on customer <paramref name="customerId"/>.</summary>
    public static Activity Checkin(int workspaceId, long id, long customerId, DateTimeOffset at, int csat) =>
        new() { WorkspaceId = workspaceId, Id = id, CustomerId = customerId, Type = ActivityType.Visit, IsCheckin = true, Csat = csat, Summary = "Visit", At = at, CreatedAt = at };

    public static async Task<CliTeamSeed> AddAsync(KaminoDb db)
    {
        var acme = new Workspace { Slug = "acme", Name = "Acme" };
        var other = new Workspace { Slug = "other", Name = "Other" };
        db.Workspaces.AddRange(acme, other);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var email in new[] { "director@acme.test", "lead@acme.test", "kam@acme.test", "kam2@acme.test", "outsider@other.test" })
        {
            ids[email] = TestUsers.Add(db, email, email.Split('@')[0]).Id;
        }

        await db.SaveChangesAsync();
        db.Memberships.AddRange(
            new Membership { WorkspaceId = acme.Id, UserId = ids["director@acme.test"], Role = Role.Director },
            new Membership { WorkspaceId = acme.Id, UserId = ids["lead@acme.test"], Role = Role.LeadKam },
            new Membership { WorkspaceId = acme.Id, UserId = ids["kam@acme.test"], Role = Role.Kam, SupervisorUserId = ids["lead@acme.test"] },
            new Membership { WorkspaceId = acme.Id, UserId = ids["kam2@acme.test"], Role = Role.Kam },
            new Membership { WorkspaceId = other.Id, UserId = ids["outsider@other.test"], Role = Role.Director });
        db.Customers.AddRange(
            new Customer { WorkspaceId = acme.Id, Id = 1, Key = "C1", Name = "Cliente Uno", IsKeyAccount = true },
            new Customer { WorkspaceId = acme.Id, Id = 2, Key = "C2", Name = "Cliente Dos", IsKeyAccount = true },
            new Customer { WorkspaceId = acme.Id, Id = 3, Key = "C3", Name = "Cliente Tres" },
            new Customer { WorkspaceId = other.Id, Id = 1, Key = "O1", Name = "Other One", IsKeyAccount = true });
        db.AccountTeamMembers.AddRange(
            new AccountTeamMember { WorkspaceId = acme.Id, CustomerId = 1, UserId = ids["kam@acme.test"], Department = Department.Sales, IsOwner = true },
            new AccountTeamMember { WorkspaceId = acme.Id, CustomerId = 2, UserId = ids["kam2@acme.test"], Department = Department.Sales, IsOwner = true },
            new AccountTeamMember { WorkspaceId = other.Id, CustomerId = 1, UserId = ids["outsider@other.test"], Department = Department.Sales, IsOwner = true });
        await db.SaveChangesAsync();
        return new CliTeamSeed(acme.Id, other.Id, ids);
    }
}
