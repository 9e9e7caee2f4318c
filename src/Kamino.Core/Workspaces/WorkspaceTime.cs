using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Workspaces;

/// <summary>
/// "Today" and local times of a workspace (PRODUCT.md §5): the date in the workspace's time zone, used for due dates,
/// cadence, health, alerts, digests and reminders. Written once: every door asks here instead of taking the UTC date.
/// </summary>
public static class WorkspaceTime
{
    /// <summary>The time zone of a new workspace.</summary>
    public const string DefaultZone = "Europe/Madrid";

    public const int MaxZoneLength = 64;

    /// <summary>Whether <paramref name="zoneId"/> names a time zone this machine knows (IANA ids, e.g. <c>Europe/Madrid</c>, <c>UTC</c>).</summary>
    public static bool IsKnown(string? zoneId) =>
        !string.IsNullOrWhiteSpace(zoneId) && zoneId.Length <= MaxZoneLength && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out _);

    /// <summary>The zone named <paramref name="zoneId"/>; UTC when this machine does not know it (a database moved to a machine without tzdata still works).</summary>
    public static TimeZoneInfo Zone(string? zoneId) =>
        zoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The date it is now in the zone.</summary>
    public static DateOnly Today(TimeProvider clock, string? zoneId) => DateOnly.FromDateTime(Local(clock.GetUtcNow(), zoneId).DateTime);

    /// <summary>An instant as the zone's wall-clock time (with the zone's offset at that instant).</summary>
    public static DateTimeOffset Local(DateTimeOffset at, string? zoneId) => TimeZoneInfo.ConvertTime(at, Zone(zoneId));

    /// <summary>The instant a wall-clock time of the zone stands for (a time skipped by a daylight-saving change is read with the offset before it).</summary>
    public static DateTimeOffset FromLocal(DateTime wallClock, string? zoneId)
    {
        var zone = Zone(zoneId);
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        var offset = zone.IsInvalidTime(local) ? zone.GetUtcOffset(local.AddHours(-1)) : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The date it is now in the workspace's zone.</summary>
    public static async Task<DateOnly> TodayAsync(KaminoDb db, int workspaceId, TimeProvider clock, CancellationToken ct = default) =>
        Today(clock, await ZoneOfAsync(db, workspaceId, ct));

    /// <summary>The workspace's time zone id (the default when there is no such workspace).</summary>
    public static async Task<string> ZoneOfAsync(KaminoDb db, int workspaceId, CancellationToken ct = default) =>
        await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.TimeZone).FirstOrDefaultAsync(ct) ?? DefaultZone;

    /// <summary>Sets the workspace's time zone (audited); false, with nothing changed, when the zone is unknown.</summary>
    /// <param name="userId">Who changes it; null for the system (the CLI).</param>
    public static async Task<bool> SetZoneAsync(KaminoDb db, int workspaceId, string zoneId, string? userId, TimeProvider clock, CancellationToken ct = default)
    {
        if (!IsKnown(zoneId))
        {
            return false;
        }

        var workspace = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId).Id;
        if (workspace.TimeZone != zone)
        {
            await Audit.AuditLog.AddAsync(db, workspaceId, userId, "workspace", workspace.Slug, "timeZone", Audit.AuditText.Of("workspace.time-zone", workspace.TimeZone, zone), null, clock, ct);
            workspace.TimeZone = zone;
            await db.SaveChangesAsync(ct);
        }

        return true;
    }
}
