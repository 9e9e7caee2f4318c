namespace Kamino.Audit;

/// <summary>
/// What an audit entry says, kept as data so it can be worded in the reader's language (<see cref="AuditWords"/>): one or
/// more clauses, each a sentence key and its values as recorded (keys, emails, ISO dates, invariant numbers).
/// </summary>
public sealed class AuditText
{
    private readonly List<(string Key, string[] Args)> clauses = [];

    private AuditText()
    {
    }

    public IReadOnlyList<(string Key, string[] Args)> Clauses => clauses;

    /// <summary>A text of one clause.</summary>
    public static AuditText Of(string key, params object?[] args) => new AuditText().And(key, args);

    /// <summary>Adds a clause (said after the others, separated by a semicolon).</summary>
    public AuditText And(string key, params object?[] args)
    {
        clauses.Add((key, args.Select(Said.Recorded).ToArray()));
        return this;
    }

    /// <summary>Adds a clause when <paramref name="when"/> holds.</summary>
    public AuditText AndIf(bool when, string key, params object?[] args) => when ? And(key, args) : this;
}
