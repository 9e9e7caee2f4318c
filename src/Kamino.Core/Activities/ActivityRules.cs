using System.Globalization;
using Kamino.WorkTasks;

namespace Kamino.Activities;

/// <summary>A follow-up agreed during an activity: it becomes a task about the same customer.</summary>
public sealed record NextStep(string Title, string AssigneeUserId, DateOnly DueDate);

/// <summary>
/// What a new activity says. <paramref name="At"/> null means now. Check-in fields (<paramref name="Csat"/>,
/// <paramref name="Nps"/>, <paramref name="NpsContactId"/>, <paramref name="NextCheckinOn"/>) belong to a check-in only.
/// </summary>
public sealed record NewActivity(
    ActivityType Type,
    string Summary,
    DateTimeOffset? At = null,
    bool IsCheckin = false,
    int? Csat = null,
    int? Nps = null,
    long? NpsContactId = null,
    DateOnly? NextCheckinOn = null,
    IReadOnlyList<string>? MemberUserIds = null,
    IReadOnlyList<long>? ContactIds = null,
    IReadOnlyList<NextStep>? NextSteps = null);

/// <summary>
/// One thing wrong with a new activity, named by the field it concerns as the API spells it (<c>summary</c>,
/// <c>csat</c>, <c>nextSteps[1].title</c>…), so a form can show it next to that field; <see cref="Why"/> words it for the reader.
/// </summary>
public sealed record ActivityProblem(string Field, Said Why)
{
    /// <summary>The recorded English (what the API answers).</summary>
    public string Message => Why.ToString();
}

/// <summary>The pure rules of activities and check-ins (PRODUCT.md §3, Cadence and Satisfaction).</summary>
public static class ActivityRules
{
    public const int SummaryMaxLength = 4000;
    public const int MinCsat = 1;
    public const int MaxCsat = 5;
    public const int MinNps = 0;
    public const int MaxNps = 10;
    public const int MaxParticipants = 50;
    public const int MaxNextSteps = 20;

    /// <summary>How far in the future an activity may be dated: clocks of phones and servers differ a little.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Only a call or a visit can be a check-in.</summary>
    public static bool CanBeCheckin(ActivityType type) => type is ActivityType.Call or ActivityType.Visit;

    /// <summary>
    /// Everything wrong with <paramref name="input"/> on its own, judged at <paramref name="now"/>; empty when it is
    /// valid. That members, contacts and assignees exist is the data layer's check.
    /// </summary>
    public static IReadOnlyList<ActivityProblem> Validate(NewActivity input, DateTimeOffset now)
    {
        var problems = new List<ActivityProblem>();
        if (!Enum.IsDefined(input.Type))
        {
            problems.Add(new("type", Said.Of("activity.type", input.Type, string.Join(", ", Enum.GetNames<ActivityType>()))));
        }

        var summary = input.Summary?.Trim() ?? "";
        if (summary.Length == 0)
        {
            problems.Add(new("summary", Said.Of("activity.summary-required")));
        }
        else if (summary.Length > SummaryMaxLength)
        {
            problems.Add(new("summary", FieldSentences.TooLong("summary", summary.Length, SummaryMaxLength)));
        }

        var at = input.At ?? now;
        if (at > now + FutureTolerance)
        {
            problems.Add(new("at", Said.Of("activity.future")));
        }

        CheckinProblems(input, DayOf(at), problems);

        if (input.MemberUserIds is { Count: > MaxParticipants } || input.ContactIds is { Count: > MaxParticipants })
        {
            problems.Add(new(input.MemberUserIds is { Count: > MaxParticipants } ? "memberUserIds" : "contactIds", Said.Of("activity.too-many-participants", MaxParticipants)));
        }

        var steps = input.NextSteps ?? [];
        if (steps.Count > MaxNextSteps)
        {
            problems.Add(new("nextSteps", Said.Of("activity.too-many-steps", MaxNextSteps)));
        }

        for (var i = 0; i < steps.Count && i < MaxNextSteps; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"nextSteps[{i}]");
            problems.AddRange(TaskRules.Validate(steps[i].Title, null).Select(p => new ActivityProblem($"{field}.{p.Field}", p.Why)));
            if (string.IsNullOrWhiteSpace(steps[i].AssigneeUserId))
            {
                problems.Add(new($"{field}.assignee", Said.Of("activity.step-assignee")));
            }
        }

        return problems;
    }

    /// <summary>The day an activity happened, in the offset it was given in (what the person who logged it calls that day).</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.DateTime);

    private static void CheckinProblems(NewActivity input, DateOnly day, List<ActivityProblem> problems)
    {
        if (!input.IsCheckin)
        {
            // Satisfaction is measured on a check-in only, so the figures never count an ordinary note.
            if (input.Csat is not null || input.Nps is not null || input.NpsContactId is not null || input.NextCheckinOn is not null)
            {
                problems.Add(new("isCheckin", Said.Of("activity.figures-not-checkin")));
            }

            return;
        }

        if (!CanBeCheckin(input.Type))
        {
            problems.Add(new("isCheckin", Said.Of("activity.checkin-type")));
        }

        if (input.Csat is not { } csat)
        {
            problems.Add(new("csat", Said.Of("activity.csat-required", MinCsat, MaxCsat)));
        }
        else if (csat is < MinCsat or > MaxCsat)
        {
            problems.Add(new("csat", Said.Of("activity.csat-range", MinCsat, MaxCsat, csat)));
        }

        if (input.Nps is { } nps && nps is < MinNps or > MaxNps)
        {
            problems.Add(new("nps", Said.Of("activity.nps-range", MinNps, MaxNps, nps)));
        }

        if (input.Nps is not null && input.NpsContactId is null)
        {
            problems.Add(new("npsContactId", Said.Of("activity.nps-contact")));
        }
        else if (input.Nps is null && input.NpsContactId is not null)
        {
            problems.Add(new("nps", Said.Of("activity.nps-missing")));
        }

        if (input.NextCheckinOn is { } next && next <= day)
        {
            problems.Add(new("nextCheckinOn", Said.Of("activity.next-checkin-after")));
        }
    }
}
