using System.Globalization;
using Kamino.Demo;
using Kamino.People;

namespace Kamino.Tests.Support;

/// <summary>The demo workspace, with one member per role (as <c>serve --demo</c> adds them).</summary>
public static class DemoTeam
{
    /// <summary>
    /// Makes the demo in <paramref name="test"/> and its members through <paramref name="db"/>; returns the workspace id and the members by role.
    /// The demo is in English unless <paramref name="language"/> says otherwise (the tests name its tiers Key and Standard).
    /// </summary>
    public static async Task<(int Workspace, Dictionary<Role, string> People)> CreateAsync(TestDatabase test, KaminoDb db, TimeProvider clock, CultureInfo? language = null)
    {
        Assert.True(await DemoData.EnsureAsync(test.Database, clock, language ?? CultureInfo.GetCultureInfo("en-US")));
        var ws = await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Id).SingleAsync();
        var people = new Dictionary<Role, string>();
        foreach (var role in Enum.GetValues<Role>())
        {
            people[role] = await TeamData.MemberAsync(db, ws, role.ToString().ToLowerInvariant() + "@demo.test", role);
        }

        return (ws, people);
    }
}
