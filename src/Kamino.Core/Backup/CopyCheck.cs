namespace Kamino.Backup;

/// <summary>Rows of one table.</summary>
public sealed record TableCount(string Table, long Rows);

/// <summary>
/// What a check of a database copy found: whether it is whole (SQLite's <c>integrity_check</c>, or every data block of a
/// <c>pg_dump</c> archive read back), the last migration it holds, and the rows per table.
/// </summary>
/// <param name="Problem">Why the copy must not be used, or null when it may.</param>
public sealed record CopyCheck(string? Problem, string? SchemaVersion, IReadOnlyList<TableCount> Tables)
{
    public bool Ok => Problem is null;

    public long Rows => Tables.Sum(t => t.Rows);

    public static CopyCheck Refused(string problem) => new(problem, null, []);

    /// <summary>
    /// The rule for a copy's schema version against the migrations this build knows (ordered): none is refused (not a
    /// Kamino database), one this build does not know is refused (a later Kamino wrote it), an older one is allowed (it
    /// is migrated after the restore).
    /// </summary>
    public static string? SchemaProblem(string? version, IReadOnlyList<string> known)
    {
        if (version is null)
        {
            return "it holds no Kamino schema (no applied migration)";
        }

        if (!known.Contains(version, StringComparer.Ordinal))
        {
            return string.CompareOrdinal(version, known[^1]) > 0
                ? $"it was written by a later Kamino (schema {version}; this one knows up to {known[^1]}): restore it with that version"
                : $"its schema {version} is not one this Kamino knows";
        }

        return null;
    }

    /// <summary>Tables whose rows differ between <paramref name="expected"/> and <paramref name="actual"/> (a table missing from one counts as 0 rows).</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<TableCount> expected, IReadOnlyList<TableCount> actual)
    {
        var have = actual.ToDictionary(t => t.Table, t => t.Rows, StringComparer.Ordinal);
        var want = expected.ToDictionary(t => t.Table, t => t.Rows, StringComparer.Ordinal);
        return [.. want.Keys.Union(have.Keys).Order(StringComparer.Ordinal)
            .Where(t => want.GetValueOrDefault(t) != have.GetValueOrDefault(t))
            .Select(t => $"{t}: {want.GetValueOrDefault(t)} → {have.GetValueOrDefault(t)}")];
    }
}
