using System.Security.Cryptography;
using Kamino.Data;
using Kamino.Demo;
using Kamino.People;
using Kamino.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Demo;

/// <summary>
/// One demo user per role in the demo workspace, so that <c>kamino serve --demo</c> can be tried as each of
/// them. Passwords are random, made when a user is created and shown only then.
/// </summary>
public static class DemoUsers
{
    /// <summary>A demo user; <see cref="Password"/> is set only when the user was created by this call.</summary>
    public sealed record Account(string Email, string DisplayName, Role Role, string? Password);

    /// <summary>The demo people: email, display name, role.</summary>
    public static readonly IReadOnlyList<(string Email, string DisplayName, Role Role)> People =
    [
        ("director@demo.kamino.test", "Elena Ruiz", Role.Director),
        ("lead@demo.kamino.test", "Marcos Vidal", Role.LeadKam),
        ("kam@demo.kamino.test", "Lucía Ferrer", Role.Kam),
        ("collaborator@demo.kamino.test", "Pablo Sanz", Role.Collaborator),
        ("viewer@demo.kamino.test", "Carmen Ortega", Role.Viewer),
    ];

    // No look-alike characters (0/O, 1/l/I): the password is read off a terminal and typed.
    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>
    /// Creates the demo users that do not exist yet and makes each a member of the demo workspace (which must
    /// exist) with their role; the KAM is supervised by the Lead KAM. Existing users keep their password.
    /// </summary>
    public static async Task<IReadOnlyList<Account>> EnsureAsync(UserManager<KaminoUser> users, KaminoDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var workspace = await db.Workspaces.SingleAsync(w => w.Slug == DemoData.WorkspaceSlug, ct);
        var accounts = new List<Account>();
        var ids = new Dictionary<Role, string>();
        // The demo people read Kamino in the demo's language: what it writes for them (notifications, next steps) too.
        var language = await DemoText.IsSpanishAsync(db, workspace.Id, ct) ? "es" : "en";
        foreach (var (email, name, role) in People)
        {
            string? password = null;
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                password = RandomNumberGenerator.GetString(PasswordAlphabet, 16);
                user = new KaminoUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true, Language = language };
                var created = await users.CreateAsync(user, password);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Creating demo user {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                }
            }

            ids[role] = user.Id;
            accounts.Add(new Account(email, user.DisplayName, role, password));
        }

        var members = await db.Memberships.Where(m => m.WorkspaceId == workspace.Id).ToListAsync(ct);
        foreach (var (_, _, role) in People)
        {
            if (!members.Any(m => m.UserId == ids[role]))
            {
                db.Memberships.Add(new Membership
                {
                    WorkspaceId = workspace.Id,
                    UserId = ids[role],
                    Role = role,
                    SupervisorUserId = role == Role.Kam ? ids[Role.LeadKam] : null,
                    CreatedAt = clock.GetUtcNow(),
                });
            }
        }

        await db.SaveChangesAsync(ct);
        await DemoActivities.EnsureAsync(db, workspace.Id, ids, clock, ct);
        await DemoPlans.EnsureAsync(db, workspace.Id, ids, clock, ct);
        await DemoOrders.EnsureAsync(db, workspace.Id, ids, clock, ct);
        return accounts;
    }
}
