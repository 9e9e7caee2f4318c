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
/// <c>csat</c>, <c>nextSteps[1].title</c>…), so a form can show it next to that field.
/// </summary>
public sealed record ActivityProblem(string Field, string Message);

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
            problems.Add(new("type", $"'{input.Type}' is not one of: {string.Join(", ", Enum.GetNames<ActivityType>())}."));
        }

        var summary = input.Summary?.Trim() ?? "";
        if (summary.Length == 0)
        {
            problems.Add(new("summary", "A summary is required: what was said or done."));
        }
        else if (summary.Length > SummaryMaxLength)
        {
            problems.Add(new("summary", $"The summary has {summary.Length} characters; at most {SummaryMaxLength} are allowed."));
        }

        var at = input.At ?? now;
        if (at > now + FutureTolerance)
        {
            problems.Add(new("at", "An activity is logged once it has happened: the date is in the future."));
        }

        CheckinProblems(input, DayOf(at), problems);

        if (input.MemberUserIds is { Count: > MaxParticipants } || input.ContactIds is { Count: > MaxParticipants })
        {
            problems.Add(new(input.MemberUserIds is { Count: > MaxParticipants } ? "memberUserIds" : "contactIds", $"At most {MaxParticipants} participants of each kind."));
        }

        var steps = input.NextSteps ?? [];
        if (steps.Count > MaxNextSteps)
        {
            problems.Add(new("nextSteps", $"At most {MaxNextSteps} next steps at once."));
        }

        for (var i = 0; i < steps.Count && i < MaxNextSteps; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"nextSteps[{i}]");
            problems.AddRange(TaskRules.Validate(steps[i].Title, null).Select(p => new ActivityProblem($"{field}.{p.Field}", p.Message)));
            if (string.IsNullOrWhiteSpace(steps[i].AssigneeUserId))
            {
                problems.Add(new($"{field}.assignee", "Say who is to do it."));
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
                problems.Add(new("isCheckin", "CSAT, NPS and the next check-in date belong to a check-in: mark it as one."));
            }

            return;
        }

        if (!CanBeCheckin(input.Type))
        {
            problems.Add(new("isCheckin", "A check-in is a call or a visit."));
        }

        if (input.Csat is not { } csat)
        {
            problems.Add(new("csat", $"A check-in needs the customer's satisfaction (CSAT {MinCsat}–{MaxCsat})."));
        }
        else if (csat is < MinCsat or > MaxCsat)
        {
            problems.Add(new("csat", $"CSAT is a whole number from {MinCsat} to {MaxCsat}, not {csat.ToString(CultureInfo.InvariantCulture)}."));
        }

        if (input.Nps is { } nps && nps is < MinNps or > MaxNps)
        {
            problems.Add(new("nps", $"NPS is a whole number from {MinNps} to {MaxNps}, not {nps.ToString(CultureInfo.InvariantCulture)}."));
        }

        if (input.Nps is not null && input.NpsContactId is null)
        {
            problems.Add(new("npsContactId", "An NPS answer is given by a person: name the contact who gave it."));
        }
        else if (input.Nps is null && input.NpsContactId is not null)
        {
            problems.Add(new("nps", "A contact is named for the NPS, but there is no NPS answer."));
        }

        if (input.NextCheckinOn is { } next && next <= day)
        {
            problems.Add(new("nextCheckinOn", "The next check-in must be after the day of this one."));
        }
    }
}
