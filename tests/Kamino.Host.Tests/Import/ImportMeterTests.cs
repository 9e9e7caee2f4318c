using Kamino.Host.Import;
using Kamino.Import;
using Microsoft.Extensions.Time.Testing;

namespace Kamino.Host.Tests.Import;

/// <summary>The import page's progress bar: percent of the bytes of all files, rows/s, time left, at most 4 redraws a second.</summary>
public sealed class ImportMeterTests
{
    [Fact]
    public void Report_TwoFiles_PercentOfAllBytes_RowsPerSecond_AndTimeLeft()
    {
        var clock = new FakeTimeProvider();
        var meter = new ImportMeter(1_000, clock);

        Assert.True(meter.Report(new ImportProgress(10_000, 200, 400)));
        Assert.Null(meter.Left); // not yet a second: no pace to tell from
        clock.Advance(TimeSpan.FromSeconds(2));
        meter.Report(new ImportProgress(20_000, 400, 400));
        meter.FileDone(400, 20_000);
        meter.Report(new ImportProgress(10_000, 100, 600));

        Assert.Equal(50, meter.Percent);
        Assert.Equal(30_000, meter.Rows);
        Assert.Equal(15_000, meter.RowsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(2), meter.Left); // 500 bytes in 2 s, 500 to go
    }

    [Fact]
    public void Report_ManyTimesASecond_AsksForAtMostFourRedraws()
    {
        var clock = new FakeTimeProvider();
        var meter = new ImportMeter(1_000_000, clock);

        var redraws = 0;
        for (var i = 1; i <= 100; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            redraws += meter.Report(new ImportProgress(i * 10_000, i * 1_000, 1_000_000)) ? 1 : 0;
        }

        Assert.InRange(redraws, 4, 5); // one second of reports every 10 ms
        Assert.Equal(10, meter.Percent); // the figures themselves always follow
    }
}
