namespace Kamino.Plans;

/// <summary>The four situation texts of a plan as a person typed them; null or blank is an empty text.</summary>
public sealed record SituationFields(string? Strengths, string? Weaknesses, string? Opportunities, string? Threats);

/// <summary>
/// An objective as a person typed it: a new one, or the whole objective as it should be after an edit. Blank text is
/// no value; <see cref="PlanRules.Normalize(ObjectiveFields)"/> trims it.
/// </summary>
/// <param name="OwnerUserId">The member responsible, or null when nobody is named yet.</param>
public sealed record ObjectiveFields(
    PlanArea Area,
    string? Title,
    string? OwnerUserId = null,
    string? Measure = null,
    string? Target = null,
    DateOnly? DueOn = null,
    ObjectiveStatus Status = ObjectiveStatus.NotStarted);

/// <summary>One thing wrong with a plan's input, named by its field as the API names it (<c>title</c>, <c>strengths</c>…).</summary>
public sealed record PlanProblem(string Field, Said Why)
{
    /// <summary>The recorded English (what the API answers).</summary>
    public string Message => Why.ToString();
}

/// <summary>Done actions out of all the actions (tasks) of an objective.</summary>
public readonly record struct ObjectiveProgress(int Done, int Total)
{
    /// <summary>Whole percent of actions done (rounded down, so 100 only when all are done); null when there are no actions.</summary>
    public int? Percent => Total == 0 ? null : Done * 100 / Total;
}

/// <summary>
/// The pure rules of account plans (issue 13): text sizes, an objective's required title and area, progress, the
/// year a plan covers and how next year's objective is made from this year's. No database, clock or configuration.
/// </summary>
public static class PlanRules
{
    /// <summary>The earliest and latest plan years accepted (a typo like 20226 is refused, not stored).</summary>
    public const int MinYear = 2000;

    public const int MaxYear = 2100;

    /// <summary>Most objectives in one plan: the plan is one page.</summary>
    public const int MaxObjectives = 30;

    /// <summary>The areas as people write them: <c>sales, marketing, communication, advertising, service, direction</c>.</summary>
    public static string AreaNames => string.Join(", ", Enum.GetValues<PlanArea>().Select(AreaName));

    /// <summary>The statuses as people write them: <c>not-started, on-track, at-risk, done</c>.</summary>
    public static string StatusNames => string.Join(", ", Enum.GetValues<ObjectiveStatus>().Select(StatusName));

    public static string AreaName(PlanArea area) => area switch
    {
        PlanArea.Sales => "sales",
        PlanArea.Marketing => "marketing",
        PlanArea.Communication => "communication",
        PlanArea.Advertising => "advertising",
        PlanArea.Service => "service",
        PlanArea.Direction => "direction",
    };

    public static string StatusName(ObjectiveStatus status) => status switch
    {
        ObjectiveStatus.NotStarted => "not-started",
        ObjectiveStatus.OnTrack => "on-track",
        ObjectiveStatus.AtRisk => "at-risk",
        ObjectiveStatus.Done => "done",
    };

    /// <summary>Reads an area in any case; false when it names none.</summary>
    public static bool TryParseArea(string? text, out PlanArea area) => TryParse(text, out area);

    /// <summary>Reads a status written any usual way (<c>on-track</c>, <c>onTrack</c>, <c>on_track</c>, <c>on track</c>); false when it names none.</summary>
    public static bool TryParseStatus(string? text, out ObjectiveStatus status) => TryParse(text, out status);

    /// <summary>Whether <paramref name="year"/> is a year a plan may cover.</summary>
    public static bool IsPlanYear(int year) => year is >= MinYear and <= MaxYear;

    /// <summary>The situation with each text trimmed (null as empty).</summary>
    public static SituationFields Normalize(SituationFields f) =>
        new(f.Strengths?.Trim() ?? "", f.Weaknesses?.Trim() ?? "", f.Opportunities?.Trim() ?? "", f.Threats?.Trim() ?? "");

    /// <summary>The objective with its text trimmed, a blank owner as none.</summary>
    public static ObjectiveFields Normalize(ObjectiveFields f) => f with
    {
        Title = f.Title?.Trim() ?? "",
        OwnerUserId = string.IsNullOrWhiteSpace(f.OwnerUserId) ? null : f.OwnerUserId.Trim(),
        Measure = f.Measure?.Trim() ?? "",
        Target = f.Target?.Trim() ?? "",
    };

    /// <summary>Everything wrong with a situation, each keyed by its field; empty when it can be stored.</summary>
    public static IReadOnlyList<PlanProblem> Problems(SituationFields input)
    {
        var f = Normalize(input);
        var problems = new List<PlanProblem>();
        Length(problems, "strengths", f.Strengths!, AccountPlan.MaxSituationLength);
        Length(problems, "weaknesses", f.Weaknesses!, AccountPlan.MaxSituationLength);
        Length(problems, "opportunities", f.Opportunities!, AccountPlan.MaxSituationLength);
        Length(problems, "threats", f.Threats!, AccountPlan.MaxSituationLength);
        return problems;
    }

    /// <summary>Everything wrong with an objective (the owner's membership is the library's check), each keyed by its field.</summary>
    public static IReadOnlyList<PlanProblem> Problems(ObjectiveFields input)
    {
        var f = Normalize(input);
        var problems = new List<PlanProblem>();
        if (f.Title!.Length == 0)
        {
            problems.Add(new("title", FieldSentences.Required("title")));
        }

        Length(problems, "title", f.Title, PlanObjective.MaxTitleLength);
        Length(problems, "measure", f.Measure!, PlanObjective.MaxMeasureLength);
        Length(problems, "target", f.Target!, PlanObjective.MaxMeasureLength);
        if (!Enum.IsDefined(f.Area))
        {
            problems.Add(new("area", Said.Of("plan.area", AreaNames)));
        }

        if (!Enum.IsDefined(f.Status))
        {
            problems.Add(new("status", Said.Of("plan.status", StatusNames)));
        }

        if (f.DueOn is { Year: < MinYear or > MaxYear } due)
        {
            problems.Add(new("dueOn", Said.Of("plan.due-year", due, MinYear, MaxYear)));
        }

        return problems;
    }

    /// <summary>Progress from the done flags of an objective's actions.</summary>
    public static ObjectiveProgress Progress(IEnumerable<bool> actionsDone)
    {
        int done = 0, total = 0;
        foreach (var d in actionsDone)
        {
            total++;
            done += d ? 1 : 0;
        }

        return new ObjectiveProgress(done, total);
    }

    /// <summary>Whether next year's plan takes this objective: every one not done.</summary>
    public static bool CarriesOver(ObjectiveStatus status) => status != ObjectiveStatus.Done;

    /// <summary>
    /// Next year's version of an objective: the same area, title, owner, measure and target, not started, due a year
    /// later (29 February becomes 28 February).
    /// </summary>
    public static ObjectiveFields NextYear(ObjectiveFields f) => f with { Status = ObjectiveStatus.NotStarted, DueOn = f.DueOn?.AddYears(1) };

    private static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        var squeezed = new string((text ?? "").Where(c => c is not ('-' or '_' or ' ')).ToArray());
        value = default;
        return squeezed.Length > 0 && squeezed.All(char.IsAsciiLetter) && Enum.TryParse(squeezed, ignoreCase: true, out value);
    }

    private static void Length(List<PlanProblem> problems, string field, string value, int max)
    {
        if (value.Length > max)
        {
            problems.Add(new(field, FieldSentences.TooLong(field, value.Length, max)));
        }
    }
}
