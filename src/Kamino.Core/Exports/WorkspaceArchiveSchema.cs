using System.Text.Json.Nodes;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Exports;

/// <summary>
/// <c>schema.json</c> of a workspace archive: a JSON Schema (draft 2020-12) with one definition per file under <c>$defs</c>
/// (named by table) describing a row read as an object keyed by the header, its values converted as the manifest says.
/// Each definition names its file, primary key and foreign keys (<c>x-file</c>, <c>x-primaryKey</c>, <c>x-foreignKeys</c>),
/// so another tool can rebuild the tables without Kamino.
/// </summary>
public static class WorkspaceArchiveSchema
{
    public static JsonObject Of(KaminoDb db)
    {
        var defs = new JsonObject();
        var wsColumns = WorkspaceArchiveTables.WorkspaceColumns(db);
        defs["workspace"] = Row(WorkspaceArchiveTables.WorkspaceFile, "The workspace's settings (one row).",
            wsColumns.Select(c => (c.Name, Type(c))), [], []);
        defs["user"] = Row(WorkspaceArchiveTables.UserFile, "The people the other files name (user_id and *_user_id columns): no password or other secret.",
            WorkspaceArchiveTables.UserColumns.Select(c => (c, c == "id" ? Text(450, false) : Text(c == "language" ? 8 : 256, c != "email"))), ["id"], []);
        foreach (var table in WorkspaceArchiveTables.Tables(db))
        {
            var key = table.Entity.FindPrimaryKey()!.Properties.Where(p => p.Name != "WorkspaceId")
                .Select(p => table.Columns.Single(c => c.Property == p).Name);
            var foreign = table.Entity.GetForeignKeys().Where(fk => fk.PrincipalEntityType.ClrType != typeof(Kamino.Workspaces.Workspace)).Select(fk => (JsonNode)new JsonObject
            {
                ["columns"] = Names(fk.Properties.Where(p => p.Name != "WorkspaceId").Select(p => table.Columns.Single(c => c.Property == p).Name)),
                ["references"] = WorkspaceArchiveTables.PointsAtUsers(fk) ? "user" : fk.PrincipalEntityType.GetTableName(),
            }).ToArray();
            defs[table.Name] = Row(table.File, null, table.Columns.Select(c => (c.Name, Type(c))), key, foreign);
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"urn:kamino:workspace-export:{WorkspaceArchiveTables.FormatVersion}",
            ["title"] = "Kamino workspace export",
            ["description"] = "One definition per CSV file of the export: a row read as an object keyed by the header row. "
                + "An unquoted empty field is null; numbers, booleans, dates (yyyy-mm-dd) and times (ISO 8601, UTC) are written as text and converted as typed here. "
                + "Columns named *_user_id or user_id hold ids of user.csv. Money is integer cents in columns ending in _cents.",
            ["$defs"] = defs,
        };
    }

    private static JsonObject Row(string file, string? description, IEnumerable<(string Name, JsonObject Type)> columns, IEnumerable<string> key, JsonNode[] foreign)
    {
        var properties = new JsonObject();
        var names = new List<string>();
        foreach (var (name, type) in columns)
        {
            properties[name] = type;
            names.Add(name);
        }

        var row = new JsonObject { ["type"] = "object", ["x-file"] = file };
        if (description is not null)
        {
            row["description"] = description;
        }

        row["properties"] = properties;
        row["required"] = Names(names);
        row["additionalProperties"] = false;
        row["x-primaryKey"] = Names(key);
        row["x-foreignKeys"] = new JsonArray(foreign);
        return row;
    }

    private static JsonArray Names(IEnumerable<string> names) => new([.. names.Select(n => (JsonNode)n)]);

    private static JsonObject Text(int? maxLength, bool nullable)
    {
        var o = new JsonObject { ["type"] = nullable ? new JsonArray("string", "null") : "string" };
        if (maxLength is { } max)
        {
            o["maxLength"] = max;
        }

        return o;
    }

    private static JsonObject Type(ArchiveColumn c)
    {
        var t = c.Type;
        if (t.IsEnum)
        {
            var values = new JsonArray([.. Enum.GetNames(t).Select(n => (JsonNode)n)]);
            if (c.IsNullable)
            {
                values.Add(null);
            }

            return new JsonObject { ["enum"] = values };
        }

        if (t == typeof(string))
        {
            return Text(c.Property.GetMaxLength(), c.IsNullable);
        }

        var (type, format) = t switch
        {
            _ when t == typeof(int) || t == typeof(long) || t == typeof(short) => ("integer", null),
            _ when t == typeof(decimal) || t == typeof(double) => ("number", null),
            _ when t == typeof(bool) => ("boolean", null),
            _ when t == typeof(DateOnly) => ("string", "date"),
            _ when t == typeof(DateTime) || t == typeof(DateTimeOffset) => ("string", "date-time"),
            _ when t == typeof(TimeOnly) => ("string", "time"),
            _ when t == typeof(Guid) => ("string", "uuid"),
            _ => throw new NotSupportedException($"no schema type for {t.Name}"),
        };
        var o = new JsonObject { ["type"] = c.IsNullable ? new JsonArray(type, "null") : type };
        if (format is not null)
        {
            o["format"] = format;
        }

        return o;
    }
}
