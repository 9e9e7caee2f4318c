namespace Kamino.Satisfaction;

/// <summary>Where an NPS answer 0–10 falls (PRODUCT.md §3, Satisfaction).</summary>
public enum NpsGroup
{
    /// <summary>0–6.</summary>
    Detractor,

    /// <summary>7–8.</summary>
    Passive,

    /// <summary>9–10.</summary>
    Promoter,
}

/// <summary>How an account's latest CSAT compares with the one before it; <see cref="None"/> with fewer than two.</summary>
public enum CsatTrend
{
    None,
    Up,
    Down,
    Same,
}

/// <summary>
/// The net promoter score of a set of answers: % promoters − % detractors, from −100 (all detractors) to 100 (all
/// promoters), rounded to one decimal; null without answers. The three counts add up to <see cref="Answers"/>.
/// </summary>
public sealed record NpsFigure(decimal? Score, int Promoters, int Passives, int Detractors)
{
    public int Answers => Promoters + Passives + Detractors;
}

/// <summary>An account's latest CSAT (1–5) and its trend against the one before it.</summary>
/// <param name="LatestCsat">Null when the account has no check-in yet.</param>
/// <param name="LatestOn">Day (UTC) of the latest check-in.</param>
/// <param name="PreviousCsat">The CSAT of the check-in before the latest, if any.</param>
public sealed record AccountSatisfaction(int? LatestCsat, DateOnly? LatestOn, int? PreviousCsat, CsatTrend Trend);

/// <summary>The satisfaction rules, pure (PRODUCT.md §3, Satisfaction): NPS groups and score, average CSAT, CSAT trend.</summary>
public static class SatisfactionRules
{
    public const int MinCsat = 1;
    public const int MaxCsat = 5;
    public const int MaxNps = 10;

    /// <summary>Promoter 9–10, passive 7–8, detractor 0–6.</summary>
    public static NpsGroup Group(int answer) => answer switch
    {
        < 0 or > MaxNps => throw new ArgumentOutOfRangeException(nameof(answer), answer, "an NPS answer is 0 to 10"),
        >= 9 => NpsGroup.Promoter,
        >= 7 => NpsGroup.Passive,
        _ => NpsGroup.Detractor,
    };

    /// <summary>The NPS of <paramref name="answers"/> (each 0–10).</summary>
    public static NpsFigure Nps(IEnumerable<int> answers)
    {
        int promoters = 0, passives = 0, detractors = 0;
        foreach (var answer in answers)
        {
            switch (Group(answer))
            {
                case NpsGroup.Promoter:
                    promoters++;
                    break;
                case NpsGroup.Passive:
                    passives++;
                    break;
                case NpsGroup.Detractor:
                    detractors++;
                    break;
            }
        }

        var total = promoters + passives + detractors;
        decimal? score = total == 0 ? null : Math.Round(100m * (promoters - detractors) / total, 1, MidpointRounding.AwayFromZero);
        return new NpsFigure(score, promoters, passives, detractors);
    }

    /// <summary>The mean of the CSATs, rounded to two decimals; null without any.</summary>
    public static decimal? AverageCsat(IReadOnlyCollection<int> csats) =>
        csats.Count == 0 ? null : Math.Round((decimal)csats.Sum() / csats.Count, 2, MidpointRounding.AwayFromZero);

    /// <summary>Latest against previous: up, down or same; none when either is missing.</summary>
    public static CsatTrend Trend(int? latest, int? previous) =>
        latest is not { } l || previous is not { } p ? CsatTrend.None : l > p ? CsatTrend.Up : l < p ? CsatTrend.Down : CsatTrend.Same;

    /// <summary>An account's satisfaction from its check-ins' CSATs, in any order; the latest is the last by time, then by id.</summary>
    public static AccountSatisfaction ForAccount(IEnumerable<(long Id, DateTimeOffset At, int Csat)> checkins)
    {
        var latest = checkins.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(2).ToList();
        return latest switch
        {
            [] => new AccountSatisfaction(null, null, null, CsatTrend.None),
            [var only] => new AccountSatisfaction(only.Csat, DayOf(only.At), null, CsatTrend.None),
            [var last, var before] => new AccountSatisfaction(last.Csat, DayOf(last.At), before.Csat, Trend(last.Csat, before.Csat)),
            _ => throw new InvalidOperationException("took two"),
        };
    }

    /// <summary>The day a check-in counts on: its UTC date (the same on both engines, whatever offset it was logged with).</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
