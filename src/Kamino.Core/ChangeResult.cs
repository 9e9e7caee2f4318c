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

/// <summary>The outcome of a change and, unless it was done, a message saying why, fit to show a user.</summary>
public sealed record ChangeResult(ChangeOutcome Outcome, string? Problem = null)
{
    public static ChangeResult Done { get; } = new(ChangeOutcome.Done);

    public bool Succeeded => Outcome == ChangeOutcome.Done;

    public static ChangeResult NotFound(string problem) => new(ChangeOutcome.NotFound, problem);

    public static ChangeResult Invalid(string problem) => new(ChangeOutcome.Invalid, problem);

    public static ChangeResult Forbidden(string problem) => new(ChangeOutcome.Forbidden, problem);
}
