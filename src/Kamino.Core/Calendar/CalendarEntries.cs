using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Kamino.Activities;
using Kamino.Data;
using Kamino.WorkTasks;
using Microsoft.EntityFrameworkCore;
using ICalendar = Ical.Net.Calendar;

namespace Kamino.Calendar;

/// <summary>One all-day event of a feed.</summary>
/// <param name="Uid">Stable across refreshes: the same check-in or task keeps its event, which moves when its day changes.</param>
/// <param name="Link">App path (starting with '/') of what it is about.</param>
public sealed record CalendarEntry(string Uid, DateOnly Day, string Summary, string Description, string Link);

/// <summary>
/// What a user's feed shows (issue 12, Calendar): the check-ins due on the key accounts they own, on the due day
/// (overdue and never contacted ones on today), and their open tasks on their due day. English, like the emails.
/// </summary>
public static class CalendarEntries
{
    /// <summary>The entries of <paramref name="userId"/>'s feed in one workspace, by day.</summary>
    public static async Task<IReadOnlyList<CalendarEntry>> ForUserAsync(KaminoDb db, int workspaceId, string workspaceSlug, string userId, DateOnly today, CancellationToken ct = default)
    {
        var owned = await db.AccountTeamMembers.AsNoTracking()
            .Where(t => t.WorkspaceId == workspaceId && t.UserId == userId && t.IsOwner).Select(t => t.CustomerId).ToListAsync(ct);
        var checkins = owned.Count == 0 ? [] : await CheckinsDue.CadencesAsync(db, workspaceId, today, owned, ct);
        var tasks = await db.Tasks.AsNoTracking().Mine(workspaceId, userId).Open().OrderBy(t => t.DueDate).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Title, t.Description, t.DueDate }).ToListAsync(ct);
        var ws = Uri.EscapeDataString(workspaceSlug);
        var entries = checkins.Select(c => new CalendarEntry(
                string.Create(CultureInfo.InvariantCulture, $"checkin-{workspaceId}-{c.Id}@kamino"),
                c.DueOn(today),
                $"Check-in: {c.Name}",
                CheckinText(c),
                $"/w/{ws}/accounts/{Uri.EscapeDataString(c.Key)}"))
            .Concat(tasks.Select(t => new CalendarEntry(
                string.Create(CultureInfo.InvariantCulture, $"task-{workspaceId}-{t.Id}@kamino"),
                t.DueDate,
                string.Create(CultureInfo.InvariantCulture, $"Task #{t.Id}: {t.Title}"),
                t.Description,
                string.Create(CultureInfo.InvariantCulture, $"/w/{ws}/tasks/{t.Id}"))));
        return entries.OrderBy(e => e.Day).ThenBy(e => e.Uid, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The feed as RFC 5545 text (CRLF line ends, long lines folded by Ical.Net): one all-day VEVENT per entry,
    /// stamped <paramref name="now"/>, with the entry's link made absolute on <paramref name="root"/> when given.
    /// </summary>
    public static string ToICalendar(IEnumerable<CalendarEntry> entries, string calendarName, DateTimeOffset now, string? root)
    {
        var calendar = new ICalendar { ProductId = "-//Kamino//Check-ins and tasks//EN" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        calendar.AddProperty("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        var stamp = new CalDateTime(now.UtcDateTime, CalDateTime.UtcTzId);
        foreach (var e in entries)
        {
            var start = new CalDateTime(e.Day.Year, e.Day.Month, e.Day.Day);
            var url = root is null ? null : new Uri(root + e.Link);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = e.Uid,
                DtStamp = stamp,
                Start = start,
                End = start.AddDays(1),
                Summary = e.Summary,
                Description = url is null ? e.Description : (e.Description.Length == 0 ? url.ToString() : e.Description + "\n\n" + url),
                Url = url,
                Transparency = "TRANSPARENT",
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static string CheckinText(AccountCadence c) => c.State.Status switch
    {
        CheckinStatus.NeverContacted => $"{c.Name} ({c.Tier}) has never been contacted: check in now.",
        CheckinStatus.Overdue => string.Create(CultureInfo.InvariantCulture,
            $"{c.Name} ({c.Tier}): check-in due {Day(c.State.NextDue!.Value)}, {c.State.DaysOverdue} day(s) overdue. Last check-in {Day(c.State.LastCheckin!.Value)}."),
        _ => $"{c.Name} ({c.Tier}): check-in due {Day(c.State.NextDue!.Value)}. Last check-in {Day(c.State.LastCheckin!.Value)}.",
    };

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
