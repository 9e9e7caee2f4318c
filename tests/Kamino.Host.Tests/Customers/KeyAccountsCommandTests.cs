using Kamino.Import;
using static Kamino.Host.Tests.Customers.AccountsJson;

namespace Kamino.Host.Tests.Customers;

/// <summary>
/// <c>kamino accounts list|show|rate|refer|designate|undesignate</c>, <c>kamino criteria</c> and the key-account
/// settings of <c>kamino workspace set|show</c>, on a real SQLite file holding <c>sales-small.csv</c>: in the 12
/// months up to 2024-06-30, C1 600, C2 250, C3 100, C4 50 (classes A, A, B, C; revenue scores 1, 0.75, 0.5, 0.25).
/// The period options run on a second workspace whose classes swap between two years (<see cref="ImportShiftAsync"/>).
/// </summary>
public sealed class KeyAccountsCommandTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "sales-small.csv");
        Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest("acme", path))).Imported);
    }

    [Fact]
    public async Task List_At80Columns_ListsEachCustomerWithoutSplittingAValue_CsvLeavesUnratedEmpty()
    {
        var wide = await RunAsync("accounts", "list");
        var narrow = await CliRunner.RunAsync(80, "accounts", "list", "--db", Db, "--workspace", "acme");
        var csv = Lines((await RunAsync("accounts", "list", "--format", "csv")).Out);

        // Wide enough: a table, one line per customer, revenue with thousands separators.
        Assert.Single(wide.Out.Split('\n'), l => l.StartsWith('│') && l.Contains("Alpha Logística S.L.", StringComparison.Ordinal));
        // At 80 columns the table would not fit: each customer is a block, every value whole on its own line.
        Assert.Equal(0, narrow.Exit);
        var lines = narrow.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"wider than 80: {l}"));
        Assert.Contains("1 · C1", lines);
        Assert.Contains("  Name: Alpha Logística S.L.", lines);
        Assert.Contains("  Intangible: not rated", lines);
        Assert.Contains("  Class: A", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith('│'));
        // CSV: the number column is empty when not rated, revenue plain.
        Assert.Equal("1,C1,Alpha Logística S.L.,600.00,A,1,,0.7,yes,,no", csv[1]);
    }

    [Fact]
    public async Task Rate_ThenShow_ExplainsTheScoreByItsParts()
    {
        var rated = await RunAsync("accounts", "rate", "C3", "--criterion", "brand=5", "--criterion", "contacts=4", "--note", "Tour season doubles their orders");
        Assert.Equal((0, ""), (rated.Exit, rated.Error));

        var show = await JsonAsync("accounts", "show", "C3", "--format", "json");
        var score = show.GetProperty("score");
        Assert.Equal(3, score.GetProperty("rank").GetInt32());
        Assert.Equal("B", score.GetProperty("class").GetString());
        Assert.Equal(0.5m, score.GetProperty("revenueScore").GetDecimal()); // 1 − (3 − 1) / 4
        Assert.Equal(0.35m, score.GetProperty("revenuePart").GetDecimal()); // 0.7 × 0.5
        Assert.Equal(0.9m, score.GetProperty("intangibleScore").GetDecimal()); // (5 + 4) / (5 × 2)
        Assert.Equal(0.27m, score.GetProperty("intangiblePart").GetDecimal()); // 0.3 × 0.9
        Assert.Equal(0.62m, score.GetProperty("score").GetDecimal());
        Assert.True(score.GetProperty("suggested").GetBoolean());
        var brand = score.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "brand");
        Assert.Equal((5, 5m, 0.15m), (brand.GetProperty("rating").GetInt32(), brand.GetProperty("weightedRating").GetDecimal(), brand.GetProperty("contribution").GetDecimal()));
        Assert.Equal("Tour season doubles their orders", show.GetProperty("currentRatings")[0].GetProperty("note").GetString());

        var table = await RunAsync("accounts", "show", "C3");
        Assert.Contains("Score 0.62", table.Out, StringComparison.Ordinal);
        Assert.Contains("not rated", table.Out, StringComparison.Ordinal); // fit, growth, payment

        var csv = Lines((await RunAsync("accounts", "show", "C3", "--format", "csv")).Out);
        Assert.Equal(["part,weight,rating,value", "revenue,0.7,,0.35", "brand,1,5,0.15"], csv.Take(3));
        Assert.Equal("score,,,0.62", csv[^1]);
    }

    [Theory]
    [InlineData("brand=6", 2)]
    [InlineData("brand", 2)]
    [InlineData("charm=3", 1)]
    public async Task Rate_BadRating_IsRefused_AndNothingIsStored(string criterion, int exit)
    {
        var result = await RunAsync("accounts", "rate", "C3", "--criterion", criterion);

        Assert.Equal(exit, result.Exit);
        if (exit == 1)
        {
            Assert.Contains("no criterion 'charm'", result.Error, StringComparison.Ordinal);
        }

        var show = await JsonAsync("accounts", "show", "C3", "--format", "json");
        Assert.Equal(0, show.GetProperty("ratingHistory").GetArrayLength());
    }

    [Fact]
    public async Task List_FiltersByClassKeyAndSuggestion_InEveryFormat()
    {
        var all = await JsonAsync("accounts", "list", "--format", "json");
        Assert.Equal(["C1", "C2", "C3", "C4"], all.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal([0.7m, 0.525m, 0.35m, 0.175m], all.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("score").GetDecimal()));
        Assert.Equal(["C1", "C2"], all.GetProperty("suggestedNotDesignated").EnumerateArray().Select(c => c.GetProperty("key").GetString()));

        var csv = Lines((await RunAsync("accounts", "list", "--suggested", "--format", "csv")).Out);
        Assert.Equal("rank,customer,name,revenue,class,revenueScore,intangibleScore,score,suggested,tier,keyAccount", csv[0]);
        Assert.Equal(["C1", "C2"], csv.Skip(1).Select(l => l.Split(',')[1]));

        var classB = await JsonAsync("accounts", "list", "--class", "B", "--format", "json");
        Assert.Equal(["C3"], classB.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("key").GetString()));

        Assert.Equal(0, (await RunAsync("accounts", "designate", "C4", "--tier", "Key", "--reason", "Founder's friend")).Exit);
        var key = await JsonAsync("accounts", "list", "--key", "--format", "json");
        Assert.Equal(["C4"], key.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal(["C4"], key.GetProperty("designatedNotSuggested").EnumerateArray().Select(c => c.GetProperty("key").GetString()));

        var table = await RunAsync("accounts", "list");
        Assert.Contains("Suggested but not designated: C1, C2", table.Out, StringComparison.Ordinal);
        Assert.Contains("Designated but no longer suggested: C4", table.Out, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("accounts", "list", "--class", "D")).Exit);
    }

    [Fact]
    public async Task Designate_WithTier_ThenUndesignate_KeepsTheHistory()
    {
        Assert.Equal(0, (await RunAsync("workspace", "set", "--tiers", "Gold,Silver,Standard")).Exit);
        Assert.Equal(2, (await RunAsync("accounts", "designate", "C3", "--tier", "Silver")).Exit); // no reason
        Assert.Equal(1, (await RunAsync("accounts", "designate", "C3", "--tier", "Bronze", "--reason", "x")).Exit);
        var designated = await RunAsync("accounts", "designate", "C3", "--tier", "Silver", "--reason", "Hotel association");
        Assert.Equal(0, designated.Exit);
        Assert.Contains("C3 is a key account (Silver)", designated.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("accounts", "designate", "C3", "--tier", "Gold", "--reason", "Framework contract")).Exit);
        Assert.Equal(0, (await RunAsync("accounts", "undesignate", "C3", "--reason", "Contract ended")).Exit);
        Assert.Equal(1, (await RunAsync("accounts", "undesignate", "C3", "--reason", "Again")).Exit);

        var history = (await JsonAsync("accounts", "show", "C3", "--format", "json")).GetProperty("designations").EnumerateArray()
            .Select(h => (h.GetProperty("fromTier").GetString(), h.GetProperty("toTier").GetString(), h.GetProperty("reason").GetString())).ToList();
        Assert.Equal([("Gold", null, "Contract ended"), ("Silver", "Gold", "Framework contract"), (null, "Silver", "Hotel association")], history);
        Assert.Contains("Framework contract", (await RunAsync("accounts", "show", "C3")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Criteria_ListAndSet()
    {
        var defaults = await JsonAsync("criteria", "list", "--format", "json");
        Assert.Equal(["brand", "contacts", "fit", "growth", "payment"], defaults.EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.All(defaults.EnumerateArray(), c => Assert.Equal(1m, c.GetProperty("weight").GetDecimal()));

        Assert.Equal(0, (await RunAsync("criteria", "set", "brand", "--weight", "3", "--name", "Brand and image")).Exit);
        Assert.Equal(1, (await RunAsync("criteria", "set", "esg", "--weight", "1")).Exit); // a new one needs a name
        Assert.Equal(1, (await RunAsync("criteria", "set", "fit", "--weight", "-1")).Exit);
        Assert.Equal(2, (await RunAsync("criteria", "set", "fit")).Exit);

        var csv = Lines((await RunAsync("criteria", "list", "--format", "csv")).Out);
        Assert.Equal(["key,name,weight", "brand,Brand and image,3", "contacts,Contacts and referrals,1"], csv.Take(3));

        Assert.Equal(0, (await RunAsync("accounts", "rate", "C4", "-c", "brand=5", "-c", "contacts=0")).Exit);
        var score = (await JsonAsync("accounts", "show", "C4", "--format", "json")).GetProperty("score");
        Assert.Equal(0.75m, score.GetProperty("intangibleScore").GetDecimal()); // (3 × 5 + 1 × 0) / (5 × 4)
    }

    [Fact]
    public async Task WorkspaceSet_KeyAccountSettings_AreValidatedAndShown()
    {
        Assert.Equal(2, (await RunAsync("workspace", "set", "--alpha", "1.5")).Exit);
        Assert.Equal(2, (await RunAsync("workspace", "set", "--tiers", "Key")).Exit);
        var set = await RunAsync("workspace", "set", "--alpha", "0.5", "--suggest-threshold", "0.4", "--tiers", "Gold, Silver ,Standard");
        Assert.Equal(0, set.Exit);
        Assert.Contains("tiers Gold (key), Silver (key), Standard", set.Out, StringComparison.Ordinal);

        var show = await JsonAsync("workspace", "show", "--format", "json");
        var settings = show.GetProperty("keyAccounts");
        Assert.Equal((0.5m, 0.4m, 0.8m), (settings.GetProperty("alpha").GetDecimal(), settings.GetProperty("suggestThreshold").GetDecimal(), settings.GetProperty("thresholdA").GetDecimal()));
        Assert.Equal(["Gold", "Silver", "Standard"], settings.GetProperty("tiers").EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        // α 0.5: C2 scores 0.5 × 0.75 = 0.375, below 0.4, C3 0.25.
        var list = await JsonAsync("accounts", "list", "--format", "json");
        Assert.Equal([0.5m, 0.375m, 0.25m, 0.125m], list.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("score").GetDecimal()));
    }

    [Fact]
    public async Task Refer_ShowsReferredRevenueAsEvidence_RefusesCycles()
    {
        Assert.Equal(0, (await RunAsync("accounts", "refer", "C3", "--by", "C1")).Exit);
        Assert.Equal(0, (await RunAsync("accounts", "refer", "C4", "--by", "C1")).Exit);
        Assert.Equal(1, (await RunAsync("accounts", "refer", "C1", "--by", "C3")).Exit);
        Assert.Equal(1, (await RunAsync("accounts", "refer", "C1", "--by", "C1")).Exit);
        Assert.Equal(2, (await RunAsync("accounts", "refer", "C1")).Exit);

        var c1 = await JsonAsync("accounts", "show", "C1", "--format", "json");
        Assert.Equal(150m, c1.GetProperty("referredRevenue").GetDecimal());
        Assert.Contains("referred: C3, C4 = 150.00 EUR", (await RunAsync("accounts", "show", "C1")).Out, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("accounts", "refer", "C4", "--none")).Exit);
        Assert.Equal(100m, (await JsonAsync("accounts", "show", "C1", "--format", "json")).GetProperty("referredRevenue").GetDecimal());
    }

    [Fact]
    public async Task ShowJson_ScoreKeepsItsFieldsInOrder()
    {
        Assert.Equal(0, (await RunAsync("accounts", "rate", "C3", "--criterion", "brand=5")).Exit);

        var score = (await JsonAsync("accounts", "show", "C3", "--format", "json")).GetProperty("score");

        // The shape scripts read (docs/key-accounts.md); the order is that of the API's JSON too.
        Assert.Equal(
            ["rank", "positiveCustomers", "class", "alpha", "revenueScore", "revenuePart", "intangibleScore", "rated", "intangiblePart", "score",
                "suggestThreshold", "suggested", "suggestedBecause", "criteria"],
            score.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["key", "name", "weight", "rating", "weightedRating", "contribution"], score.GetProperty("criteria")[0].EnumerateObject().Select(p => p.Name));
        Assert.True(score.GetProperty("rated").GetBoolean());
    }

    /// <summary>
    /// Workspace <c>shift</c>: on 2023-03-15 X1 900, X2 60, X3 40; on 2024-03-15 X3 900, X2 60, X1 40. With the default
    /// ABC thresholds a customer is A while the revenue ranked above it is below 80 % of the total, B below 95 %, else C.
    /// </summary>
    private async Task ImportShiftAsync()
    {
        var path = Path.Combine(Dir, "shift.csv");
        await File.WriteAllTextAsync(path, """
            invoice,date,customer_id,customer_name,net_amount,currency
            S-001,2023-03-15,X1,Xena Hostels,900.00,EUR
            S-002,2023-03-15,X2,Yuma Bakery,60.00,EUR
            S-003,2023-03-15,X3,Zeta Catering,40.00,EUR
            S-004,2024-03-15,X3,Zeta Catering,900.00,EUR
            S-005,2024-03-15,X2,Yuma Bakery,60.00,EUR
            S-006,2024-03-15,X1,Xena Hostels,40.00,EUR
            """);
        Assert.True((await new SalesImporter(Database, TimeProvider.System).ImportAsync(new ImportRequest("shift", path))).Imported);
    }

    [Fact]
    public async Task List_FromTo_RanksAndClassesThatPeriod()
    {
        await ImportShiftAsync();

        // 2023, total 1000: X1 900 (nothing above: A), X2 60 (900 above ≥ 800, < 950: B), X3 40 (960 above: C);
        // revenue score 1 − (rank − 1) / 3.
        var y2023 = await JsonInAsync("shift", "accounts", "list", "--from", "2023-01-01", "--to", "2023-12-31", "--format", "json");
        Assert.Equal(("2023-01-01", "2023-12-31"), Period(y2023));
        Assert.Equal([("X1", 900m, 1, "A", 1m), ("X2", 60m, 2, "B", 0.6667m), ("X3", 40m, 3, "C", 0.3333m)], Rows(y2023));

        // 2024 the other way round: X1 drops from A to C.
        var y2024 = await JsonInAsync("shift", "accounts", "list", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json");
        Assert.Equal([("X3", 900m, 1, "A", 1m), ("X2", 60m, 2, "B", 0.6667m), ("X1", 40m, 3, "C", 0.3333m)], Rows(y2024));

        // The A list of 2023 is filtered in that period, not in the default one.
        var classA = await JsonInAsync("shift", "accounts", "list", "--class", "A", "--from", "2023-01-01", "--to", "2023-12-31", "--format", "json");
        Assert.Equal(["X1"], classA.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("key").GetString()));

        // Without options: the 12 months up to the latest sale (2023-03-16 .. 2024-03-15), i.e. only the 2024 sales.
        var byDefault = await JsonInAsync("shift", "accounts", "list", "--format", "json");
        Assert.Equal(("2023-03-16", "2024-03-15"), Period(byDefault));
        Assert.Equal(Rows(y2024), Rows(byDefault));

        var table = await RunInAsync("shift", "accounts", "list", "--from", "2023-01-01", "--to", "2023-12-31");
        Assert.Equal(0, table.Exit);
        Assert.Contains("Period 2023-01-01 .. 2023-12-31", table.Out, StringComparison.Ordinal);
        var csv = Lines((await RunInAsync("shift", "accounts", "list", "--from", "2023-01-01", "--to", "2023-12-31", "--format", "csv")).Out);
        Assert.Equal(["X1", "X2", "X3"], csv.Skip(1).Select(l => l.Split(',')[1]));
    }

    [Fact]
    public async Task List_All_ScoresEverySale()
    {
        await ImportShiftAsync();

        // All sales (2023-03-15 .. 2024-03-15), total 2000: X1 940 and X3 940 (a tie, ranked by key), X2 120.
        // X1: nothing above (A); X3: 940 above < 1600 (A); X2: 1880 above < 1900 (B).
        var all = await JsonInAsync("shift", "accounts", "list", "--all", "--format", "json");
        Assert.Equal(("2023-03-15", "2024-03-15"), Period(all));
        Assert.Equal([("X1", 940m, 1, "A", 1m), ("X3", 940m, 2, "A", 0.6667m), ("X2", 120m, 3, "B", 0.3333m)], Rows(all));
    }

    [Theory]
    [InlineData("--from", "2023-13-01", "--from")]
    [InlineData("--to", "last-year", "--to")]
    [InlineData("--all", "--from=2023-01-01", "--all")]
    [InlineData("--from=2024-01-01", "--to=2023-12-31", "--from")]
    public async Task ListAndShow_BadPeriod_ExitTwo_NamingTheOption(string first, string second, string option)
    {
        await ImportShiftAsync();

        foreach (var command in new[] { new[] { "accounts", "list" }, new[] { "accounts", "show", "X1" } })
        {
            var result = await RunInAsync("shift", [.. command, first, second]);

            Assert.Equal(2, result.Exit);
            Assert.StartsWith(option, result.Error, StringComparison.Ordinal);
            Assert.Equal("", result.Out);
        }
    }

    [Fact]
    public async Task Show_FromTo_ExplainsTheScoreOfThatPeriod()
    {
        await ImportShiftAsync();

        // X1 in 2023: 900, first of 3 with revenue, A; revenue score 1, score 0.7 × 1 (not rated).
        var y2023 = await JsonInAsync("shift", "accounts", "show", "X1", "--from", "2023-01-01", "--to", "2023-12-31", "--format", "json");
        Assert.Equal(("2023-01-01", "2023-12-31"), Period(y2023));
        Assert.Equal((900m, 1, "A"), AccountOf(y2023));
        var score = y2023.GetProperty("score");
        Assert.Equal((1, 3, "A", 1m, 0.7m, true), ScoreOf(score));
        Assert.Equal("class A and score ≥ threshold", score.GetProperty("suggestedBecause").GetString());

        // X1 in 2024: 40, third of 3, C; revenue score 1 − 2/3 = 0.3333, score 0.7 × 1/3 = 0.2333 < 0.6: not suggested.
        var y2024 = await JsonInAsync("shift", "accounts", "show", "X1", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json");
        Assert.Equal((40m, 3, "C"), AccountOf(y2024));
        Assert.Equal((3, 3, "C", 0.3333m, 0.2333m, false), ScoreOf(y2024.GetProperty("score")));

        // All sales: 940, first (tie with X3, broken by key).
        var all = await JsonInAsync("shift", "accounts", "show", "X1", "--all", "--format", "json");
        Assert.Equal(("2023-03-15", "2024-03-15"), Period(all));
        Assert.Equal((940m, 1, "A"), AccountOf(all));

        var table = await RunInAsync("shift", "accounts", "show", "X1", "--from", "2024-01-01", "--to", "2024-12-31");
        Assert.Contains("Period 2024-01-01 .. 2024-12-31: revenue 40.00 EUR, rank 3 of 3 customers with revenue, class C", table.Out, StringComparison.Ordinal);
        var csv = Lines((await RunInAsync("shift", "accounts", "show", "X1", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "csv")).Out);
        Assert.Equal(["revenue,0.7,,0.2333", "score,,,0.2333"], new[] { csv[1], csv[^1] });
    }

    private static (decimal, int, string?) AccountOf(JsonElement detail)
    {
        var a = detail.GetProperty("account");
        return (a.GetProperty("revenue").GetDecimal(), a.GetProperty("rank").GetInt32(), a.GetProperty("class").GetString());
    }

    private static (int, int, string?, decimal, decimal, bool) ScoreOf(JsonElement s) =>
        (s.GetProperty("rank").GetInt32(), s.GetProperty("positiveCustomers").GetInt32(), s.GetProperty("class").GetString(), s.GetProperty("revenueScore").GetDecimal(),
            s.GetProperty("score").GetDecimal(), s.GetProperty("suggested").GetBoolean());

    private Task<JsonElement> JsonAsync(params string[] args) => JsonInAsync("acme", args);

    private async Task<JsonElement> JsonInAsync(string workspace, params string[] args)
    {
        var result = await RunInAsync(workspace, args);
        Assert.True(result.Exit == 0, result.Error);
        return JsonDocument.Parse(result.Out).RootElement;
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
