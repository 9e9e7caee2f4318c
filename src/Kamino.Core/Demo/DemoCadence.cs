using Kamino.Accounts;
using Kamino.Activities;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Demo;

/// <summary>
/// The demo's cadence: the demo KAM owns the two Key accounts and the Lead KAM the Growth one (unless they have an
/// owner already), so "Check-ins due", the calendar feed and the reminders have accounts to show; then the day's
/// check-in notifications are made, as the daily job would. Run once the demo users exist.
/// </summary>
public static class DemoCadence
{
    private static readonly (string Key, Role Owner)[] Owners =
    [
        (DemoData.PizzaChainCustomerId, Role.Kam),
        ("CLI-0002", Role.Kam),
        ("CLI-0012", Role.LeadKam),
    ];

    public static async Task ApplyAsync(KaminoDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var ws = await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        if (ws is not { } workspaceId)
        {
            return;
        }

        var byRole = (await db.Memberships.Where(m => m.WorkspaceId == workspaceId && (m.Role == Role.Kam || m.Role == Role.LeadKam)).ToListAsync(ct))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.UserId, StringComparer.Ordinal).ToList();
        foreach (var (key, role) in Owners)
        {
            var customer = await db.Customers.Where(c => c.WorkspaceId == workspaceId && c.Key == key && c.IsKeyAccount).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
            var owner = byRole.FirstOrDefault(m => m.Role == role);
            if (customer is not { } id || owner is null
                || await db.AccountTeamMembers.AnyAsync(t => t.WorkspaceId == workspaceId && t.CustomerId == id && t.IsOwner, ct))
            {
                continue;
            }

            await AccountTeams.SetOwnerAsync(db, workspaceId, id, owner.UserId, null, clock, Department.Sales, ct);
        }

        await CheckinReminders.NotifyOwnersAsync(db, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), clock, ct);
    }
}
