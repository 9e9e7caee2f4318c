using Kamino.Accounts;
using Kamino.Customers;
using Kamino.People;
using Kamino.WorkTasks;
using Kamino.Workspaces;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.WorkTasks;

/// <summary>
/// Two workspaces with people in every role, account teams and tasks, written straight to a real database.
/// Workspace "acme": director, lead (supervises kam1), kam1, kam2 (unsupervised), collab, viewer; accounts C1
/// (owner kam1, collab on the team), C2 (owner kam2, viewer on the team), C3 (owner lead). Workspace "other":
/// kam1 is a member there too and owns O1; outsider is only a member there.
/// </summary>
public sealed class TaskWorld
{
    public static readonly DateTimeOffset Start = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(Start.UtcDateTime);

    public FakeTimeProvider Clock { get; } = new(Start);

    public int Acme { get; private set; }

    public int Other { get; private set; }

    public Dictionary<string, string> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Customers { get; } = new(StringComparer.Ordinal);

    /// <summary>Task numbers by name (t1…t8 in acme, o1 in other).</summary>
    public Dictionary<string, long> Tasks { get; } = new(StringComparer.Ordinal);

    public static string Email(string name) => name + "@acme.test";

    public static async Task<TaskWorld> SeedAsync(KaminoDatabase database, bool withTasks = true)
    {
        var world = new TaskWorld();
        await using var db = database.CreateDbContext();
        var acme = new Workspace { Slug = "acme", Name = "Acme Ltd", CreatedAt = Start };
        var other = new Workspace { Slug = "other", Name = "Other SL", CreatedAt = Start };
        db.Workspaces.AddRange(acme, other);
        foreach (var name in new[] { "director", "lead", "kam1", "kam2", "collab", "viewer", "outsider" })
        {
            world.Users[name] = TestUsers.Add(db, Email(name), displayName: char.ToUpperInvariant(name[0]) + name[1..]).Id;
        }

        await db.SaveChangesAsync();
        world.Acme = acme.Id;
        world.Other = other.Id;

        void Member(int ws, string name, Role role, string? supervisor = null) => db.Memberships.Add(new Membership
        {
            WorkspaceId = ws,
            UserId = world.Users[name],
            Role = role,
            SupervisorUserId = supervisor is null ? null : world.Users[supervisor],
            CreatedAt = Start,
        });
        Member(acme.Id, "director", Role.Director);
        Member(acme.Id, "lead", Role.LeadKam);
        Member(acme.Id, "kam1", Role.Kam, "lead");
        Member(acme.Id, "kam2", Role.Kam);
        Member(acme.Id, "collab", Role.Collaborator);
        Member(acme.Id, "viewer", Role.Viewer);
        Member(other.Id, "kam1", Role.Kam);
        Member(other.Id, "outsider", Role.Director);

        void Customer(int ws, string key, long id)
        {
            db.Customers.Add(new Customer { WorkspaceId = ws, Id = id, Key = key, Name = "Customer " + key });
            world.Customers[key] = id;
        }

        Customer(acme.Id, "C1", 1);
        Customer(acme.Id, "C2", 2);
        Customer(acme.Id, "C3", 3);
        Customer(other.Id, "O1", 1);
        await db.SaveChangesAsync();

        void Team(int ws, string key, string name, bool owner, Department department = Department.Sales) => db.AccountTeamMembers.Add(new AccountTeamMember
        {
            WorkspaceId = ws,
            CustomerId = world.Customers[key],
            UserId = world.Users[name],
            IsOwner = owner,
            Department = department,
        });
        Team(acme.Id, "C1", "kam1", owner: true);
        Team(acme.Id, "C1", "collab", owner: false, Department.Marketing);
        Team(acme.Id, "C2", "kam2", owner: true);
        Team(acme.Id, "C2", "viewer", owner: false, Department.Direction);
        Team(acme.Id, "C3", "lead", owner: true);
        Team(other.Id, "O1", "kam1", owner: true);
        await db.SaveChangesAsync();

        if (withTasks)
        {
            var n = 0;
            void Task(int ws, string name, string assignee, string? account, int dueInDays)
            {
                var id = ws == acme.Id ? ++n : 1;
                db.Tasks.Add(new WorkTask
                {
                    WorkspaceId = ws,
                    Id = id,
                    Title = "Task " + name,
                    AssigneeUserId = world.Users[assignee],
                    CustomerId = account is null ? null : world.Customers[account],
                    DueDate = Today.AddDays(dueInDays),
                    CreatedByUserId = world.Users["director"],
                    CreatedAt = Start,
                });
                world.Tasks[name] = id;
            }

            Task(acme.Id, "t1", "director", null, 3);
            Task(acme.Id, "t2", "lead", null, 2);
            Task(acme.Id, "t3", "kam1", null, -2);
            Task(acme.Id, "t4", "kam2", "C1", 5);
            Task(acme.Id, "t5", "kam2", null, 1);
            Task(acme.Id, "t6", "collab", "C2", 0);
            Task(acme.Id, "t7", "director", "C1", -1);
            Task(acme.Id, "t8", "kam2", "C3", 4);
            Task(other.Id, "o1", "kam1", "O1", -5);
            await db.SaveChangesAsync();
        }

        return world;
    }
}
