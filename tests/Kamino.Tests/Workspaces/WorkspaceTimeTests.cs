using Kamino.Workspaces;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Tests.Workspaces;

/// <summary>"Today" is the workspace's local date (PRODUCT.md §5), not the UTC date and not the server's.</summary>
public sealed class WorkspaceTimeTests
{
    [Fact]
    public void Today_IsTheDateInTheZone_NotTheUtcDate()
    {
        // 23:30 UTC on 2 December is 00:30 on 3 December in Madrid (UTC+1 in winter) and still the 2nd in New York.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 12, 3), WorkspaceTime.Today(clock, "Europe/Madrid"));
        Assert.Equal(new DateOnly(2026, 12, 2), WorkspaceTime.Today(clock, "UTC"));
        Assert.Equal(new DateOnly(2026, 12, 2), WorkspaceTime.Today(clock, "America/New_York"));
    }

    [Fact]
    public void Today_InSummer_UsesTheSummerOffset()
    {
        // 22:30 UTC on 30 June is 00:30 on 1 July in Madrid (UTC+2 in summer), but 23:30 on 30 June in the Canaries (UTC+1).
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 7, 1), WorkspaceTime.Today(clock, "Europe/Madrid"));
        Assert.Equal(new DateOnly(2026, 6, 30), WorkspaceTime.Today(clock, "Atlantic/Canary"));
    }

    [Fact]
    public void UnknownZone_IsRefused_AndReadAsUtc()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 23, 30, 0, TimeSpan.Zero));

        Assert.False(WorkspaceTime.IsKnown("Mars/Olympus_Mons"));
        Assert.False(WorkspaceTime.IsKnown(""));
        Assert.False(WorkspaceTime.IsKnown(new string('a', WorkspaceTime.MaxZoneLength + 1)));
        Assert.True(WorkspaceTime.IsKnown("Europe/Madrid"));
        Assert.Equal(new DateOnly(2026, 12, 2), WorkspaceTime.Today(clock, "Mars/Olympus_Mons"));
    }

    [Fact]
    public void FromLocal_ReadsWallClockTimes_IncludingTheHourSkippedInSpring()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 15, 0, TimeSpan.FromHours(1)), WorkspaceTime.FromLocal(new DateTime(2026, 12, 3, 9, 15, 0), "Europe/Madrid"));
        Assert.Equal(new DateTimeOffset(2026, 7, 3, 9, 15, 0, TimeSpan.FromHours(2)), WorkspaceTime.FromLocal(new DateTime(2026, 7, 3, 9, 15, 0), "Europe/Madrid"));

        // 02:30 on 29 March 2026 does not exist in Madrid (clocks jump from 02:00 to 03:00): read with the winter offset.
        var skipped = WorkspaceTime.FromLocal(new DateTime(2026, 3, 29, 2, 30, 0), "Europe/Madrid");
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), skipped.ToUniversalTime());
    }

    [Fact]
    public void Local_ShowsAnInstantOnTheZonesClock()
    {
        var at = new DateTimeOffset(2026, 12, 2, 23, 30, 0, TimeSpan.Zero);

        var local = WorkspaceTime.Local(at, "Europe/Madrid");

        Assert.Equal((new DateTime(2026, 12, 3, 0, 30, 0), TimeSpan.FromHours(1)), (local.DateTime, local.Offset));
        Assert.Equal(at, local);
    }
}
