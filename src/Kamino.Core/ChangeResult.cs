using System.Globalization;

namespace Kamino;

/// <summary>How a requested change ended. Expected refusals are values, not exceptions.</summary>
public enum ChangeOutcome
{
    /// <summary>The change was made (and audited).</summary>
    Done,

    /// <summary>The record does not exist in this workspace (records of other workspaces included).</summary>
    NotFound,

    /// <summary>The request breaks a rule (last Director, owner of the wrong role, blank reason…).</summary>
    Invalid,

    /// <summary>The acting user's role or scope does not allow it.</summary>
    Forbidden,
}

/// <summary>
/// The outcome of a change and, unless it was done, why (<see cref="Why"/>), worded for the reader with <see cref="In"/>;
/// <see cref="Problem"/> is the recorded English the API answers with.
/// </summary>
public sealed record ChangeResult(ChangeOutcome Outcome, Said? Why = null)
{
    public static ChangeResult Done { get; } = new(ChangeOutcome.Done);

    public bool Succeeded => Outcome == ChangeOutcome.Done;

    /// <summary>Why the change was not made, in recorded English; null when it was made.</summary>
    public string? Problem => Why?.ToString();

    /// <summary>Why the change was not made, in <paramref name="c"/>'s language (empty when it was made).</summary>
    public string In(CultureInfo c, Func<string, string?>? person = null) => Why?.In(c, person) ?? "";

    public static ChangeResult NotFound(Said why) => new(ChangeOutcome.NotFound, why);

    public static ChangeResult Invalid(Said why) => new(ChangeOutcome.Invalid, why);

    public static ChangeResult Forbidden(Said why) => new(ChangeOutcome.Forbidden, why);
}
