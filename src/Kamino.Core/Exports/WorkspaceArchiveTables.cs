using System.Globalization;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;
using Kamino.SignIn;
using Kamino.Workspaces;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kamino.Exports;

/// <summary>One column of an archive file: the model's property, its column name and whether it names a user.</summary>
public sealed record ArchiveColumn(IProperty Property, string Name, bool IsUser)
{
    /// <summary>The CLR type without <see cref="Nullable{T}"/>.</summary>
    public Type Type { get; } = Nullable.GetUnderlyingType(Property.ClrType) ?? Property.ClrType;

    public bool IsNullable => Property.IsNullable;
}

/// <summary>One file of a workspace archive: a workspace-scoped table of the model and its columns (all but <c>workspace_id</c>).</summary>
public sealed record ArchiveTable(IEntityType Entity, string Name, IReadOnlyList<ArchiveColumn> Columns)
{
    public string File => Name + ".csv";
}

/// <summary>
/// What a workspace archive holds, read from the EF model so that a new table or column is exported without a change
/// here (docs/export-all.md): every entity with a <c>WorkspaceId</c> property except those in <see cref="NotExported"/>,
/// plus the workspace's own row and the people its rows name (<see cref="UserFile"/>). A string property whose name ends in
/// <c>UserId</c> names a user: the import maps it to the account with the same email.
/// </summary>
public static class WorkspaceArchiveTables
{
    public const int FormatVersion = 1;

    /// <summary>The file of people: every user a row names (members and former members), without any secret.</summary>
    public const string UserFile = "user.csv";

    /// <summary>The workspace's own row (settings), without its id and cache versions.</summary>
    public const string WorkspaceFile = "workspace.csv";

    /// <summary>Columns of <see cref="UserFile"/>: the id the other files use, and what identifies and names the person.</summary>
    public static readonly IReadOnlyList<string> UserColumns = ["id", "email", "display_name", "language"];

    /// <summary>Workspace columns that are not the business's data: the row's id and the versions that key in-memory caches.</summary>
    public static readonly IReadOnlySet<string> WorkspaceColumnsLeftOut = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(Workspace.Id), nameof(Workspace.SalesVersion), nameof(Workspace.AccountsVersion), nameof(Workspace.WatchVersion),
    };

    /// <summary>Workspace-scoped tables that are not exported, and why (written to the manifest too).</summary>
    public static readonly IReadOnlyDictionary<string, string> NotExported = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sale_day"] = "derived: revenue per customer and day, kept by triggers from sale_line; rebuilt by the import",
        ["calendar_feed"] = "a secret: the hash of a personal calendar feed token; each user makes a new feed address",
        ["invitation"] = "a secret: the hash of a one-time invitation token; pending invitations are sent again",
    };

    /// <summary>The exported tables of the model, parents before children (foreign keys), then by name.</summary>
    public static IReadOnlyList<ArchiveTable> Tables(KaminoDb db)
    {
        var tables = db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && e.FindProperty("WorkspaceId") is not null && e.GetTableName() is { } t && !NotExported.ContainsKey(t))
            .Select(Table)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        return ParentsFirst(tables);
    }

    /// <summary>Every table of the model that holds a workspace's rows (has <c>workspace_id</c>), exported or not.</summary>
    public static IReadOnlyList<string> WorkspaceScopedTables(KaminoDb db) =>
        [.. db.Model.GetEntityTypes().Where(e => e.FindProperty("WorkspaceId") is not null).Select(e => e.GetTableName()!).Order(StringComparer.Ordinal)];

    /// <summary>The columns of the workspace's own row.</summary>
    public static IReadOnlyList<ArchiveColumn> WorkspaceColumns(KaminoDb db) =>
        [.. Columns(db.Model.FindEntityType(typeof(Workspace))!).Where(c => !WorkspaceColumnsLeftOut.Contains(c.Property.Name))];

    private static ArchiveTable Table(IEntityType entity) =>
        new(entity, entity.GetTableName()!, [.. Columns(entity).Where(c => c.Property.Name != "WorkspaceId")]);

    private static IEnumerable<ArchiveColumn> Columns(IEntityType entity)
    {
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        foreach (var p in entity.GetProperties())
        {
            if (p.IsShadowProperty())
            {
                throw new NotSupportedException($"{entity.DisplayName()}.{p.Name} is a shadow property: the workspace archive reads properties of the entity");
            }

            yield return new ArchiveColumn(p, p.GetColumnName(store)!, p.ClrType == typeof(string) && p.Name.EndsWith("UserId", StringComparison.Ordinal));
        }
    }

    /// <summary>Orders tables so that a table comes after the tables its foreign keys point to (a cycle would throw).</summary>
    private static List<ArchiveTable> ParentsFirst(List<ArchiveTable> tables)
    {
        var byEntity = tables.ToDictionary(t => t.Entity.Name, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<ArchiveTable>();
        foreach (var t in tables)
        {
            Visit(t);
        }

        return ordered;

        void Visit(ArchiveTable t)
        {
            if (done.Contains(t.Entity.Name))
            {
                return;
            }

            if (!visiting.Add(t.Entity.Name))
            {
                throw new InvalidOperationException($"foreign keys form a cycle through {t.Name}");
            }

            foreach (var fk in t.Entity.GetForeignKeys())
            {
                if (fk.PrincipalEntityType != t.Entity && byEntity.TryGetValue(fk.PrincipalEntityType.Name, out var parent))
                {
                    Visit(parent);
                }
            }

            visiting.Remove(t.Entity.Name);
            done.Add(t.Entity.Name);
            ordered.Add(t);
        }
    }

    /// <summary>True when a foreign key of the model points at the users table.</summary>
    internal static bool PointsAtUsers(IForeignKey fk) => fk.PrincipalEntityType.ClrType == typeof(KaminoUser);

    /// <summary>
    /// A value as archive text: invariant culture, decimals exact without trailing zeros, dates <c>yyyy-mm-dd</c>, times
    /// ISO 8601 in UTC, enums by name, booleans <c>true</c>/<c>false</c>. Null is <c>null</c> (written as an empty field).
    /// </summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        short s => s.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.############################", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => DateTime.SpecifyKind(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t, DateTimeKind.Utc)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        Enum e => e.ToString(),
        _ => throw new NotSupportedException($"the workspace archive cannot write a {value.GetType().Name}"),
    };

    /// <summary>The value of archive text for a column's type; throws <see cref="FormatException"/> when it does not parse.</summary>
    public static object? Parse(string? text, Type type)
    {
        if (text is null)
        {
            return null;
        }

        var inv = CultureInfo.InvariantCulture;
        var utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        return type switch
        {
            _ when type == typeof(string) => text,
            _ when type == typeof(bool) => text switch { "true" => true, "false" => false, _ => throw new FormatException($"'{text}' is not true or false") },
            _ when type == typeof(int) => int.Parse(text, NumberStyles.AllowLeadingSign, inv),
            _ when type == typeof(long) => long.Parse(text, NumberStyles.AllowLeadingSign, inv),
            _ when type == typeof(short) => short.Parse(text, NumberStyles.AllowLeadingSign, inv),
            _ when type == typeof(decimal) => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, inv),
            _ when type == typeof(double) => double.Parse(text, NumberStyles.Float, inv),
            _ when type == typeof(DateOnly) => DateOnly.ParseExact(text, "yyyy-MM-dd", inv),
            _ when type == typeof(DateTime) => DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", inv, utc),
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", inv, utc)),
            _ when type == typeof(TimeOnly) => TimeOnly.ParseExact(text, "HH:mm:ss.FFFFFFF", inv),
            _ when type == typeof(Guid) => Guid.ParseExact(text, "D"),
            _ when type.IsEnum && Enum.IsDefined(type, text) => Enum.Parse(type, text),
            _ when type.IsEnum => throw new FormatException($"'{text}' is not one of {string.Join(", ", Enum.GetNames(type))}"),
            _ => throw new NotSupportedException($"the workspace archive cannot read a {type.Name}"),
        };
    }
}
