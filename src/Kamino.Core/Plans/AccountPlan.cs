using System.Text.Json.Serialization;
using Kamino.Data;

namespace Kamino.Plans;

/// <summary>The area an objective of an account plan belongs to (issue 13). JSON: camelCase.</summary>
public enum PlanArea
{
    [JsonStringEnumMemberName("sales")]
    Sales,

    [JsonStringEnumMemberName("marketing")]
    Marketing,

    [JsonStringEnumMemberName("communication")]
    Communication,

    [JsonStringEnumMemberName("advertising")]
    Advertising,

    [JsonStringEnumMemberName("service")]
    Service,

    [JsonStringEnumMemberName("direction")]
    Direction,
}

/// <summary>Where an objective stands. JSON: camelCase.</summary>
public enum ObjectiveStatus
{
    [JsonStringEnumMemberName("notStarted")]
    NotStarted,

    [JsonStringEnumMemberName("onTrack")]
    OnTrack,

    [JsonStringEnumMemberName("atRisk")]
    AtRisk,

    [JsonStringEnumMemberName("done")]
    Done,
}

/// <summary>
/// A key account's plan for one period (a calendar year): the situation as four short texts (strengths, weaknesses,
/// opportunities, threats) and its <see cref="PlanObjective"/>s. One plan per account and year.
/// </summary>
public sealed class AccountPlan : IWorkspaceNumbered
{
    /// <summary>Most characters of each situation text.</summary>
    public const int MaxSituationLength = 1000;

    public int WorkspaceId { get; set; }

    public long Id { get; set; }

    public long CustomerId { get; set; }

    /// <summary>The calendar year the plan covers (1 January to 31 December).</summary>
    public int Year { get; set; }

    public string Strengths { get; set; } = "";

    public string Weaknesses { get; set; } = "";

    public string Opportunities { get; set; } = "";

    public string Threats { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who changed it last; null for the system (the CLI).</summary>
    public string? UpdatedByUserId { get; set; }
}

/// <summary>
/// One objective of an account plan: an area, a title, an owner (a member), a measure, a target, a due date and a
/// status. Its actions are the tasks linked to it (<see cref="WorkTasks.WorkTask.ObjectiveId"/>); progress = done
/// actions / actions.
/// </summary>
public sealed class PlanObjective : IWorkspaceNumbered
{
    public const int MaxTitleLength = 200;

    /// <summary>Most characters of the measure and of the target.</summary>
    public const int MaxMeasureLength = 200;

    public int WorkspaceId { get; set; }

    public long Id { get; set; }

    public long PlanId { get; set; }

    public PlanArea Area { get; set; }

    public required string Title { get; set; }

    /// <summary>The member responsible; null when nobody is named yet.</summary>
    public string? OwnerUserId { get; set; }

    /// <summary>How progress is measured, e.g. "revenue of the year".</summary>
    public string Measure { get; set; } = "";

    /// <summary>The value to reach, e.g. "120,000 EUR".</summary>
    public string Target { get; set; } = "";

    public DateOnly? DueOn { get; set; }

    public ObjectiveStatus Status { get; set; }

    /// <summary>Order within the plan (ascending), so a printed plan lists objectives as they were written.</summary>
    public int Position { get; set; }
}
