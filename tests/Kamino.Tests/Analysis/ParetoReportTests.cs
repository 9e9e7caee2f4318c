using System.Text.Json;
using Kamino.Analysis;

namespace Kamino.Tests.Analysis;

public sealed class ParetoReportTests
{
    private static readonly DateRange Period = new(new DateOnly(2016, 12, 31), new DateOnly(2017, 12, 30));

    private static ParetoAnalysis Analyze(params decimal[] revenues) =>
        Pareto.Analyze(revenues.Select((r, i) => new CustomerRevenue(i + 1, $"C{i + 1}", $"Customer {i + 1}", r)), new ParetoThresholds());

    [Fact]
    public void From_ThreeEqualCustomers_RoundsSharesToSixDecimals()
    {
        var report = ParetoReport.From(Analyze(1m, 1m, 1m), Period, "EUR", 0.80m);

        Assert.Equal(0.333333m, report.Customers[0].Share);
        Assert.Equal(0.666667m, report.Customers[1].CumulativeShare);
        Assert.Equal(1m, report.Customers[2].CumulativeShare);
        // Cumulative before the third is 2/3 < 0.8: all three are in the set.
        Assert.Equal(3, report.ParetoCount);
        Assert.Equal(1m, report.ParetoCustomerShare);
        Assert.Equal(3_333.33m, report.Concentration!.Hhi);
        Assert.Equal(3m, report.Concentration.EffectiveCustomers);
        Assert.Null(report.Note);
    }

    [Fact]
    public void From_Amounts_RoundedToCentsHalfAwayFromZero()
    {
        var report = ParetoReport.From(Analyze(10.005m, -0.125m), Period, "EUR", 0.80m);

        Assert.Equal(9.88m, report.TotalRevenue); // 9.88 exactly
        Assert.Equal(10.01m, report.Customers[0].Revenue);
        Assert.Equal(-0.13m, report.Customers[1].Revenue);
    }

    [Fact]
    public void From_PeriodCurrencyThreshold_AreShownWithResult()
    {
        var report = ParetoReport.From(Analyze(5m), Period, "EUR", 0.7m);

        Assert.Equal(new PeriodDto(Period.From, Period.To), report.Period);
        Assert.Equal("EUR", report.Currency);
        Assert.Equal(0.7m, report.Threshold);
    }

    [Fact]
    public void From_NoSales_SaysSo()
    {
        var report = ParetoReport.From(Analyze(), null, "EUR", 0.80m);

        Assert.Equal(new PeriodDto(null, null), report.Period);
        Assert.Equal(0, report.CustomerCount);
        Assert.Null(report.ParetoCustomerShare);
        Assert.Null(report.Concentration);
        Assert.False(string.IsNullOrWhiteSpace(report.Note));
    }

    [Fact]
    public void From_TotalNotPositive_NoSharesAndANote()
    {
        var report = ParetoReport.From(Analyze(10m, -30m), Period, "EUR", 0.80m);

        Assert.Equal(-20m, report.TotalRevenue);
        Assert.Contains("zero or negative", report.Note, StringComparison.OrdinalIgnoreCase);
        Assert.Null(report.Concentration);
        Assert.Null(report.ParetoRevenueShare);
        Assert.All(report.Customers, c => Assert.Null(c.Share));
        Assert.Equal(new ClassCountsDto(0, 0, 2), report.Classes);
    }

    [Fact]
    public void From_Json_IsCamelCaseWithClassNames()
    {
        var report = ParetoReport.From(Analyze(80m, 15m, 5m), Period, "EUR", 0.80m);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, KaminoJson.Options));
        var root = json.RootElement;
        Assert.Equal(100m, root.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal("2016-12-31", root.GetProperty("period").GetProperty("from").GetString());
        var first = root.GetProperty("customers")[0];
        Assert.Equal("A", first.GetProperty("class").GetString());
        Assert.True(first.GetProperty("pareto").GetBoolean());
        Assert.Equal("B", root.GetProperty("customers")[1].GetProperty("class").GetString());
    }
}
