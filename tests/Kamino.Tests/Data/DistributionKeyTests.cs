using Microsoft.EntityFrameworkCore.Metadata;

namespace Kamino.Tests.Data;

/// <summary>
/// The schema can be distributed by workspace (issue 16 item 7, docs/scaling.md): every table carries
/// <c>workspace_id</c> in its primary key, in every unique index and in every foreign key to another workspace table,
/// except the installation's own tables listed here (reference tables in Citus's words, copied to every node).
/// Read from the EF model of both engines, so a new table or index that breaks the rule fails here.
/// </summary>
public sealed class DistributionKeyTests
{
    /// <summary>Tables that belong to the installation, not to a workspace, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReferenceTables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["workspace"] = "the distribution key's own table: distributed by its id, which every other table calls workspace_id",
        ["app_user"] = "a person signs in once and may belong to several workspaces",
        ["app_user_claim"] = "part of the user",
        ["app_user_login"] = "part of the user",
        ["app_user_token"] = "part of the user",
        ["data_protection_key"] = "the key ring of the installation (cookies, tokens)",
        ["job_run"] = "the daily jobs cover every workspace in one run",
        ["backup_run"] = "a backup copies the whole database, every workspace at once",
    };

    public static TheoryData<Engine> Engines => [Engine.Sqlite, Engine.Postgres];

    [Theory]
    [MemberData(nameof(Engines))]
    public void EveryWorkspaceTable_HasWorkspaceIdInItsKeyUniqueIndexesAndForeignKeys(Engine engine)
    {
        using var db = Model(engine);
        var problems = new List<string>();
        var tables = db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned()).ToList();
        foreach (var type in tables)
        {
            var table = type.GetTableName()!;
            if (ReferenceTables.ContainsKey(table))
            {
                continue;
            }

            var key = type.FindPrimaryKey();
            if (key is null || !HasWorkspaceId(key.Properties, type))
            {
                problems.Add($"{table}: primary key ({Columns(key?.Properties, type)}) lacks workspace_id");
            }

            foreach (var index in type.GetIndexes().Where(i => i.IsUnique && !HasWorkspaceId(i.Properties, type)))
            {
                problems.Add($"{table}: unique index {index.GetDatabaseName()} ({Columns(index.Properties, type)}) lacks workspace_id");
            }

            foreach (var fk in type.GetForeignKeys())
            {
                var principal = fk.PrincipalEntityType.GetTableName();
                if (principal is not null && !ReferenceTables.ContainsKey(principal) && !HasWorkspaceId(fk.Properties, type))
                {
                    problems.Add($"{table}: foreign key to {principal} ({Columns(fk.Properties, type)}) lacks workspace_id");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void ReferenceTables_AreAllTablesOfTheModel(Engine engine)
    {
        // A renamed or dropped reference table must leave the list too, or the exception would hide a new table.
        using var db = Model(engine);
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().ToHashSet(StringComparer.Ordinal);

        Assert.All(ReferenceTables.Keys, t => Assert.Contains(t, tables));
    }

    private static KaminoDb Model(Engine engine) =>
        new KaminoDatabase(engine == Engine.Postgres ? "Host=127.0.0.1;Database=model_only" : Path.Combine(Path.GetTempPath(), "model-only.db")).CreateDbContext();

    private static bool HasWorkspaceId(IReadOnlyList<IProperty> properties, IEntityType type) =>
        properties.Any(p => p.GetColumnName(StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema())) == "workspace_id");

    private static string Columns(IReadOnlyList<IProperty>? properties, IEntityType type) =>
        properties is null ? "none" : string.Join(", ", properties.Select(p => p.GetColumnName(StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema()))));
}
