using Kamino.People;

namespace Kamino.Tests.People;

/// <summary>docs/permissions.md shows the matrix <see cref="Permissions.Allows"/> applies, cell by cell.</summary>
public sealed class PermissionsDocTests
{
    private static readonly Dictionary<string, Role> RoleNames = new(StringComparer.Ordinal)
    {
        ["Director"] = Role.Director,
        ["Lead KAM"] = Role.LeadKam,
        ["KAM"] = Role.Kam,
        ["Collaborator"] = Role.Collaborator,
        ["Viewer"] = Role.Viewer,
    };

    [Fact]
    public void MatrixInTheDocs_MatchesPermissionsAllows_ForEveryRoleAndPermission()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "permissions.md"));
        var header = Array.FindIndex(lines, l => l.StartsWith("| Role ", StringComparison.Ordinal) && l.Contains("ManageMembers", StringComparison.Ordinal));
        Assert.True(header >= 0, "matrix header not found in docs/permissions.md");
        var permissions = Cells(lines[header]).Skip(1).Select(Enum.Parse<Permission>).ToList();
        Assert.Equal(Enum.GetValues<Permission>(), permissions);

        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).Select(Cells).ToList();
        Assert.Equal(RoleNames.Keys, rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            var role = RoleNames[row[0]];
            for (var i = 0; i < permissions.Count; i++)
            {
                var documented = row[i + 1].StartsWith("yes", StringComparison.Ordinal);
                Assert.True(documented == Permissions.Allows(role, permissions[i]), $"{row[0]} × {permissions[i]}: the docs say '{row[i + 1]}'");
            }
        }
    }

    private static string[] Cells(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
}
