using System.Globalization;
using Kamino.Activities;
using Kamino.Health;

namespace Kamino.Alerts;

/// <summary>
/// The figures an alert's reason names, so a page can word it in its own language; the fields a kind uses are set,
/// the rest null. checkinOverdue: <see cref="Days"/> overdue, <see cref="On"/> the due day (null: never contacted).
/// csatLow/csatDrop: <see cref="Score"/> the latest CSAT, <see cref="Previous"/> the one before. npsDetractor:
/// <see cref="Score"/> the answer. revenueDrop: <see cref="Change"/> (−0.35 is a 35% fall), <see cref="Comparison"/>.
/// taskOverdue: <see cref="Title"/>, <see cref="On"/> its due day, <see cref="Days"/> overdue. orderLate:
/// <see cref="Order"/> its number, <see cref="At"/> its promised time, <see cref="Hours"/> late. discountApproval:
/// <see cref="Order"/>, <see cref="At"/> when it was received.
/// </summary>
public sealed record AlertFigures(int? Days = null, DateOnly? On = null, int? Score = null, int? Previous = null, decimal? Change = null,
    RevenueComparison? Comparison = null, string? Title = null, long? Order = null, int? Hours = null, DateTimeOffset? At = null);

/// <summary>
/// One alert (derived, never stored). JSON as the CLI and the API print it.
/// </summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="CustomerId">The account's key (tax id or the source's customer id).</param>
/// <param name="Reason">The reason in English with its figures (<see cref="Figures"/> for other languages).</param>
/// <param name="Since">The day it began: the day after a due day, the day of a check-in, the first day of a revenue fall.</param>
/// <param name="Link">Relative address of the account page, or of the task.</param>
/// <param name="Key">Stable while the alert lasts: kind, account id and subject (<see cref="AlertDismissal.AlertKey"/>).</param>
/// <param name="Fingerprint">What the alert says; when it changes, a dismissal of the old one no longer hides it.</param>
/// <param name="AccountId">The customer's id in the workspace.</param>
/// <param name="TaskId">The task of a taskOverdue alert.</param>
public sealed record Alert(AlertKind Kind, string CustomerId, string CustomerName, string Reason, DateOnly Since, string Link, string Key, string Fingerprint,
    AlertFigures Figures, long AccountId, long? TaskId = null);

/// <summary>An overdue task as the alert rule reads it.</summary>
public sealed record OverdueTask(long Id, long CustomerId, string Title, DateOnly DueDate, string AssigneeUserId);

/// <summary>
/// The alert rules, pure (PRODUCT.md §3, Alerts): what each key account's <see cref="AccountSignals"/> and overdue
/// tasks raise on a day. A key account never contacted raises <c>checkinOverdue</c> too (its check-in is due now),
/// since the day it became a key account when known.
/// </summary>
public static class AlertRules
{
    /// <summary>A CSAT at or below this raises csatLow.</summary>
    public const int CsatLowAtMost = 2;

    /// <summary>A fall of at least this many CSAT points from the previous check-in raises csatDrop.</summary>
    public const int CsatDropPoints = 2;

    /// <summary>An NPS answer at or below this is a detractor.</summary>
    public const int NpsDetractorAtMost = 6;

    /// <summary>How far back <see cref="RevenueDropSince"/> looks for the first day of a fall.</summary>
    public const int RevenueDropLookBackDays = 180;

    /// <summary>
    /// The alerts of one account on <paramref name="today"/> from its signals (tasks apart: <see cref="ForTask"/>).
    /// </summary>
    /// <param name="keySince">The day the account became a key account, for a never-contacted one (null: unknown, today).</param>
    /// <param name="revenueDropSince">The first day of the current revenue fall (<see cref="RevenueDropSince"/>); null: today.</param>
    public static IReadOnlyList<Alert> ForAccount(AccountSignals s, string workspaceSlug, DateOnly today, DateOnly? keySince = null, DateOnly? revenueDropSince = null)
    {
        var link = CheckinReminders.AccountLink(workspaceSlug, s.Key);
        var alerts = new List<Alert>();
        Alert Make(AlertKind kind, string reason, DateOnly since, string fingerprint, AlertFigures figures) =>
            new(kind, s.Key, s.Name, reason, since, link, KeyOf(kind, s.CustomerId), fingerprint, figures, s.CustomerId);

        if (s.Cadence.Status == CheckinStatus.Overdue && s.Cadence.NextDue is { } due)
        {
            alerts.Add(Make(AlertKind.CheckinOverdue, F($"Check-in overdue by {s.Cadence.DaysOverdue} day(s): it was due {Day(due)}"),
                due.AddDays(1), "due " + Day(due), new AlertFigures(Days: s.Cadence.DaysOverdue, On: due)));
        }
        else if (s.Cadence.Status == CheckinStatus.NeverContacted)
        {
            alerts.Add(Make(AlertKind.CheckinOverdue, "Never contacted: a check-in is due now", keySince ?? today, "never", new AlertFigures()));
        }

        if (s.LatestCsat is { } csat && s.LatestCsatOn is { } csatOn)
        {
            if (csat <= CsatLowAtMost)
            {
                alerts.Add(Make(AlertKind.CsatLow, F($"Latest CSAT is {csat} of 5 ({Day(csatOn)})"), csatOn, F($"{Day(csatOn)} {csat}"),
                    new AlertFigures(Score: csat, Previous: s.PreviousCsat, On: csatOn)));
            }

            if (s.PreviousCsat is { } previous && previous - csat >= CsatDropPoints)
            {
                alerts.Add(Make(AlertKind.CsatDrop, F($"CSAT fell from {previous} to {csat} ({Day(csatOn)})"), csatOn, F($"{Day(csatOn)} {previous}>{csat}"),
                    new AlertFigures(Score: csat, Previous: previous, On: csatOn)));
            }
        }

        if (s.LatestNps is { } nps && s.LatestNpsOn is { } npsOn && nps <= NpsDetractorAtMost)
        {
            alerts.Add(Make(AlertKind.NpsDetractor, F($"Latest NPS answer is {nps} of 10, a detractor ({Day(npsOn)})"), npsOn, F($"{Day(npsOn)} {nps}"),
                new AlertFigures(Score: nps, On: npsOn)));
        }

        var trend = s.RevenueTrend;
        if (RevenueTrend.IsDrop(trend))
        {
            var since = revenueDropSince ?? today;
            var window = trend.Comparison == RevenueComparison.YearBefore ? "the same 90 days a year before" : "the previous 90 days";
            var percent = Math.Round(-trend.Change!.Value * 100m, 0, MidpointRounding.AwayFromZero);
            alerts.Add(Make(AlertKind.RevenueDrop, F($"Revenue of the last 90 days is down {percent}% against {window}"), since, "from " + Day(since),
                new AlertFigures(Change: trend.Change, Comparison: trend.Comparison)));
        }

        return alerts;
    }

    /// <summary>The taskOverdue alert of an overdue task of a key account; since the day after its due day.</summary>
    public static Alert ForTask(OverdueTask task, string customerKey, string customerName, string workspaceSlug, DateOnly today)
    {
        var days = today.DayNumber - task.DueDate.DayNumber;
        return new Alert(AlertKind.TaskOverdue, customerKey, customerName, F($"Task \"{task.Title}\" overdue by {days} day(s): it was due {Day(task.DueDate)}"),
            task.DueDate.AddDays(1), F($"/w/{Uri.EscapeDataString(workspaceSlug)}/tasks/{task.Id}"),
            F($"{KeyOf(AlertKind.TaskOverdue, task.CustomerId)}:{task.Id}"), "due " + Day(task.DueDate),
            new AlertFigures(Days: days, On: task.DueDate, Title: task.Title), task.CustomerId, task.Id);
    }

    /// <summary>
    /// The first day of the revenue fall that holds on <paramref name="today"/>: stepping back one day at a time while
    /// the trend is still a drop (at most <see cref="RevenueDropLookBackDays"/> days). <paramref name="dailyCents"/> holds
    /// the account's net revenue per day; <paramref name="firstSale"/> its first sale day.
    /// </summary>
    public static DateOnly RevenueDropSince(DateOnly today, IReadOnlyDictionary<DateOnly, long> dailyCents, DateOnly? firstSale)
    {
        // Running totals from the first day any window needs, so each day's three sums cost three subtractions.
        var start = RevenueTrend.Windows(today.AddDays(-RevenueDropLookBackDays)).EarliestDay;
        var running = new long[today.DayNumber - start.DayNumber + 2];
        for (var i = 1; i < running.Length; i++)
        {
            running[i] = running[i - 1] + dailyCents.GetValueOrDefault(start.AddDays(i - 1));
        }

        long Sum(Kamino.Analysis.DateRange r) => running[r.To.DayNumber - start.DayNumber + 1] - running[r.From.DayNumber - start.DayNumber];

        var since = today;
        for (var back = 1; back <= RevenueDropLookBackDays; back++)
        {
            var day = today.AddDays(-back);
            var w = RevenueTrend.Windows(day);
            var sums = new RevenueSums(Sum(w.Current), Sum(w.YearBefore), Sum(w.Previous), firstSale is { } f && f <= w.YearBefore.To);
            if (!RevenueTrend.IsDrop(RevenueTrend.Of(sums)))
            {
                break;
            }

            since = day;
        }

        return since;
    }

    /// <summary>The key of an account's alert of a kind (a task's adds <c>:taskId</c>).</summary>
    public static string KeyOf(AlertKind kind, long customerId) =>
        F($"{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString())}:{customerId}");

    /// <summary>The account id a key names, or null when it is not an alert key.</summary>
    public static long? AccountIdOf(string key)
    {
        var parts = key.Split(':');
        return parts.Length is 2 or 3 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>Worst first: the oldest first, then by kind, account and key.</summary>
    public static IEnumerable<Alert> InOrder(IEnumerable<Alert> alerts) =>
        alerts.OrderBy(a => a.Since).ThenBy(a => a.Kind).ThenBy(a => a.CustomerName, StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.Key, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="dismissal"/> hides <paramref name="alert"/> on <paramref name="today"/>: same fingerprint and acknowledged, or snoozed up to today or later.</summary>
    public static bool Hides(AlertDismissal? dismissal, Alert alert, DateOnly today) =>
        dismissal is not null && dismissal.AlertKey == alert.Key && dismissal.Fingerprint == alert.Fingerprint
        && (dismissal.Action == AlertAction.Acknowledged || (dismissal.SnoozedUntil is { } until && today <= until));

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
