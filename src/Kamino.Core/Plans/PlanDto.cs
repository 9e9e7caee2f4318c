using Kamino.WorkTasks;

namespace Kamino.Plans;

/// <summary>A task that is an action of an objective, as the plan shows it.</summary>
public sealed record PlanActionDto(long TaskId, string Title, WorkTaskStatus Status, DateOnly DueDate, string AssigneeEmail);

/// <summary>One objective of a plan with its actions and progress (done actions / actions).</summary>
/// <param name="OwnerEmail">The responsible member's email; null when nobody is named.</param>
/// <param name="ProgressPercent">Whole percent of actions done; null when the objective has no actions.</param>
public sealed record ObjectiveDto(
    long Id,
    PlanArea Area,
    string Title,
    string? OwnerUserId,
    string? OwnerEmail,
    string? OwnerName,
    string Measure,
    string Target,
    DateOnly? DueOn,
    ObjectiveStatus Status,
    int Position,
    int ActionsDone,
    int Actions,
    int? ProgressPercent,
    IReadOnlyList<PlanActionDto> ActionTasks);

/// <summary>
/// A key account's plan for one year as the API, CLI, page and PDF show it. <see cref="Id"/> is null while the plan is
/// not started (nothing written yet): it then has empty texts and no objectives.
/// </summary>
public sealed record PlanDto(
    long? Id,
    long CustomerId,
    string CustomerKey,
    string CustomerName,
    bool IsKeyAccount,
    int Year,
    string? AccountOwnerEmail,
    string? AccountOwnerName,
    string Strengths,
    string Weaknesses,
    string Opportunities,
    string Threats,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<ObjectiveDto> Objectives);

/// <summary>
/// How a plan change ended: the outcome (<see cref="ChangeResult"/>, whose problem is the first one), the plan as saved
/// when it was done, the objective the change was about (added, edited) and, when the input was refused, every
/// problem keyed by its field.
/// </summary>
public sealed record PlanResult(ChangeResult Change, PlanDto? Plan, long? ObjectiveId, IReadOnlyList<PlanProblem> Problems)
{
    public static PlanResult Refused(ChangeResult change) => new(change, null, null, []);

    public static PlanResult Invalid(IReadOnlyList<PlanProblem> problems) =>
        new(ChangeResult.Invalid(Said.Together(problems.Select(p => p.Why))), null, null, problems);
}
