namespace Kamino.Host.Tests.Analysis;

/// <summary><c>kamino analyze</c>, <c>accounts compare</c>, <c>accounts whatif</c> and <c>accounts series</c> as a user runs them.</summary>
public sealed class AnalysisCliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("kamino-analysis-cli-").FullName;

    private string Db => Path.Combine(dir, "k.db");

    private static string SmallSales => Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Analyze_GeneratedFile_MatchesTheGeneratorsGroundTruth_AndOpensNoDatabase()
    {
        var summary = Path.Combine(dir, "summary.json");
        var csv = Generate("sales.csv", "--lines", "20000", "--customers", "800", "--seed", "21", "--summary", summary);

        var result = await CliRunner.RunAsync("analyze", csv, "--all", "--format", "json", "--db", Db);

        Assert.True(result.Exit == 0, result.Error);
        Assert.False(File.Exists(Db), "analyze must not create or open a database");
        var truth = JsonDocument.Parse(File.ReadAllText(summary)).RootElement;
        var report = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(decimal.Parse(truth.GetProperty("total_revenue").GetString()!, CultureInfo.InvariantCulture), report.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(truth.GetProperty("customers_active").GetInt32(), report.GetProperty("customerCount").GetInt32());
        Assert.Equal(truth.GetProperty("pareto_customers").GetInt32(), report.GetProperty("paretoCount").GetInt32());
        var abc = truth.GetProperty("abc");
        var classes = report.GetProperty("classes");
        Assert.Equal(
            (abc.GetProperty("A").GetInt32(), abc.GetProperty("B").GetInt32(), abc.GetProperty("C").GetInt32()),
            (classes.GetProperty("a").GetInt32(), classes.GetProperty("b").GetInt32(), classes.GetProperty("c").GetInt32()));
        Assert.Equal(truth.GetProperty("hhi_points").GetDecimal(), report.GetProperty("concentration").GetProperty("hhi").GetDecimal(), 2);
        Assert.Equal(truth.GetProperty("top1_customer").GetString(), report.GetProperty("customers")[0].GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task Analyze_Top_ListsTheFirstCustomers_FiguresStillCoverEveryone()
    {
        var csv = Generate("sales.csv", "--lines", "6000", "--customers", "300", "--seed", "8");

        var whole = JsonDocument.Parse((await CliRunner.RunAsync("analyze", csv, "--format", "json")).Out).RootElement;
        var top = await CliRunner.RunAsync("analyze", csv, "--top", "3", "--format", "json");
        var negative = await CliRunner.RunAsync("analyze", csv, "--top", "-1");

        Assert.True(top.Exit == 0, top.Error);
        var report = JsonDocument.Parse(top.Out).RootElement;
        Assert.Equal(
            whole.GetProperty("customers").EnumerateArray().Take(3).Select(c => c.GetProperty("customerId").GetString()),
            report.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("customerId").GetString()));
        Assert.True(whole.GetProperty("customerCount").GetInt32() > 3);
        foreach (var figure in new[] { "totalRevenue", "customerCount", "paretoCount", "classes", "concentration" })
        {
            Assert.Equal(whole.GetProperty(figure).GetRawText(), report.GetProperty(figure).GetRawText());
        }

        Assert.Equal(2, negative.Exit);
        Assert.Contains("--top", negative.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    [InlineData("table")]
    public async Task Analyze_SameFile_SameAnswerAsImportThenPareto(string format)
    {
        var csv = Generate("sales.csv", "--lines", "6000", "--customers", "300", "--seed", "8", "--returns-pct", "5");

        var analyzed = await CliRunner.RunAsync("analyze", csv, "--format", format);
        Assert.Equal(0, (await CliRunner.RunAsync("import", csv, "--db", Db)).Exit);
        var pareto = await CliRunner.RunAsync("accounts", "pareto", "--db", Db, "--format", format);

        Assert.True(analyzed.Exit == 0, analyzed.Error);
        Assert.Equal(pareto.Out, analyzed.Out);
    }

    [Fact]
    public async Task Analyze_FileWithBadRows_Exits3_NamesEachBadLine()
    {
        var (bad, badLines) = GenerateWithBad("bad.csv", 5, "--lines", "2000", "--customers", "50", "--seed", "3");

        var result = await CliRunner.RunAsync("analyze", bad);

        Assert.Equal(3, result.Exit);
        Assert.Equal("", result.Out);
        var reported = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("bad.csv:", StringComparison.Ordinal) && char.IsDigit(l["bad.csv:".Length]))
            .Select(l => int.Parse(l.Split(':')[1], CultureInfo.InvariantCulture));
        Assert.Equal(badLines, reported);
    }

    [Fact]
    public async Task Analyze_MissingFile_Exits3()
    {
        var result = await CliRunner.RunAsync("analyze", Path.Combine(dir, "nope.csv"));

        Assert.Equal(3, result.Exit);
        Assert.Contains("nope.csv: file not found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_TwoFiles_AreOneAnalysis()
    {
        var a = Write("a.csv", "invoice,date,customer_id,amount\nF1,2024-01-10,X,70.00\nF2,2024-01-11,Y,10.00\n");
        var b = Write("b.csv", "factura;fecha;cliente_id;importe\nG1;12/01/2024;Y;20,00\n");

        var result = await CliRunner.RunAsync("analyze", a, b, "--format", "csv");

        Assert.True(result.Exit == 0, result.Error);
        Assert.Equal(
            ["rank,customerId,name,revenue,share,cumulativeShare,pareto,class", "1,X,X,70.00,0.7,0.7,true,A", "2,Y,Y,30.00,0.3,1,true,A"],
            result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Compare_Default_JsonShowsMigrationsAndCsvOneLinePerCustomer()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("import", SmallSales, "--db", Db, "--workspace", "acme")).Exit);

        var json = await CliRunner.RunAsync("accounts", "compare", "--db", Db, "--workspace", "acme", "--format", "json");
        var csv = await CliRunner.RunAsync("accounts", "compare", "--db", Db, "--workspace", "acme", "--format", "csv");
        var table = await CliRunner.RunAsync("accounts", "compare", "--db", Db, "--workspace", "acme");

        Assert.True(json.Exit == 0, json.Error);
        var r = JsonDocument.Parse(json.Out).RootElement;
        // Previous 2022-07-01..2023-06-30: only Delta's 1,000 (A). Current: Alpha 600, Beta 250 (A), Gamma 100 (B), Delta 50 (C).
        Assert.Equal("2022-07-01", r.GetProperty("previous").GetProperty("period").GetProperty("from").GetString());
        Assert.Equal((3, 0), (r.GetProperty("newCount").GetInt32(), r.GetProperty("lostCount").GetInt32()));
        var delta = r.GetProperty("customers").EnumerateArray().Single(c => c.GetProperty("customerId").GetString() == "C4");
        Assert.Equal(("A", "C", -950.00m, -0.95m, "Down"), (delta.GetProperty("previousClass").GetString(), delta.GetProperty("currentClass").GetString(),
            delta.GetProperty("change").GetDecimal(), delta.GetProperty("relativeChange").GetDecimal(), delta.GetProperty("movement").GetString()));
        Assert.Equal(
            [
                "customerId,name,previousRevenue,currentRevenue,previousClass,currentClass,change,relativeChange,movement",
                "C1,Alpha Logística S.L.,0.00,600.00,,A,600.00,,New",
                "C2,Beta Hoteles S.A.,0.00,250.00,,A,250.00,,New",
                "C3,Gamma Tours,0.00,100.00,,B,100.00,,New",
                "C4,Delta Café,1000.00,50.00,A,C,-950.00,-0.95,Down",
            ],
            csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Delta Café", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_FromAfterTo_Exits2()
    {
        var result = await CliRunner.RunAsync("accounts", "compare", "--db", Db, "--vs-from", "2024-02-01", "--vs-to", "2024-01-01");

        Assert.Equal(2, result.Exit);
        Assert.Contains("--vs-from 2024-02-01 is after --vs-to 2024-01-01", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIf_TopCustomer_ShareAtRiskAndFiguresWithout()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("import", SmallSales, "--db", Db, "--workspace", "acme")).Exit);

        var json = await CliRunner.RunAsync("accounts", "whatif", "--without", "C1", "--db", Db, "--workspace", "acme", "--format", "json");
        var csv = await CliRunner.RunAsync("accounts", "whatif", "--without", "C1", "--db", Db, "--workspace", "acme", "--format", "csv");

        Assert.True(json.Exit == 0, json.Error);
        var r = JsonDocument.Parse(json.Out).RootElement;
        // 600 of 1,000 at risk; without Alpha: 250/100/50 of 400, HHI 3906.25 + 625 + 156.25 = 4687.5.
        Assert.Equal((600.00m, 0.6m), (r.GetProperty("revenueAtRisk").GetDecimal(), r.GetProperty("shareAtRisk").GetDecimal()));
        Assert.Equal(400.00m, r.GetProperty("after").GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(4687.5m, r.GetProperty("after").GetProperty("concentration").GetProperty("hhi").GetDecimal());
        Assert.Equal(["C2", "C3"], r.GetProperty("paretoSetAfter").EnumerateArray().Select(e => e.GetString()));
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("side,totalRevenue,customerCount,paretoCount,a,b,c,top1Share,hhi,effectiveCustomers", lines[0]);
        Assert.StartsWith("after,400.00,3,2,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIf_UnknownCustomer_Exits3WithAClearMessage()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("import", SmallSales, "--db", Db, "--workspace", "acme")).Exit);

        var result = await CliRunner.RunAsync("accounts", "whatif", "--without", "C9", "--db", Db, "--workspace", "acme");

        Assert.Equal(3, result.Exit);
        Assert.Contains("no customer 'C9' in workspace 'acme'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIf_WithoutOption_Exits2()
    {
        Assert.Equal(2, await ExitOfRunAsync("accounts", "whatif", "--db", Db));
    }

    [Fact]
    public async Task Series_All_EveryMonthFromFirstToLastSale()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("import", SmallSales, "--db", Db, "--workspace", "acme")).Exit);

        var csv = await CliRunner.RunAsync("accounts", "series", "C4", "--all", "--db", Db, "--workspace", "acme", "--format", "csv");

        Assert.True(csv.Exit == 0, csv.Error);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("month,revenue,partial", lines[0]);
        Assert.Equal(14, lines.Length); // 2023-06 .. 2024-06
        Assert.Equal("2023-06,1000.00,true", lines[1]);
        Assert.Equal(1050.00m, lines.Skip(1).Sum(l => decimal.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)));
        Assert.Equal(3, (await CliRunner.RunAsync("accounts", "series", "C9", "--db", Db, "--workspace", "acme")).Exit);
    }

    // The parse error path sets the exit code in KaminoCli.RunAsync (what the program runs), not in InvokeAsync.
    private static async Task<int> ExitOfRunAsync(params string[] args) => (await CliRunner.RunAsync(args)).Exit;

    private string Write(string name, string content)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string Generate(string name, params string[] args) => GenerateWithBad(name, 0, args).Path;

    private (string Path, List<int> BadLines) GenerateWithBad(string name, int bad, params string[] args)
    {
        var path = Path.Combine(dir, name);
        var lines = SalesGenerator.Write(path, [.. args, "--bad", bad.ToString(CultureInfo.InvariantCulture)]).Select(r => r.Line).ToList();
        Assert.Equal(bad, lines.Count);
        return (path, lines);
    }
}
