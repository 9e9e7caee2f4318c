using Kamino.Customers;

namespace Kamino.Host.Tests.Customers;

/// <summary>
/// The paged customer list and the first-N answers of the analyses, through the real host over the
/// <see cref="LargeCustomerListServer"/> workspace (3,000 customers, two key accounts, four rated): defaults, limits,
/// every sort column in both directions with ties by key, filters with paging, and pages equal to slices of the whole
/// list that <c>kamino accounts list</c> prints.
/// </summary>
public abstract class CustomerPagesApiTests(LargeCustomerListServer fixture)
{
    private const string Api = "api/workspaces/bulk/";
    private const int All = LargeCustomerListServer.Customers;

    private async Task<HttpClient> ClientAsync() => await fixture.Server.BearerClientAsync(LargeCustomerListServer.Director);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return doc.RootElement.Clone();
        }
    }

    private static List<string> Keys(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("key").GetString()!).ToList();

    /// <summary>Every page of <paramref name="query"/>, 500 at a time, as one list of items.</summary>
    private static async Task<List<JsonElement>> EveryItemAsync(HttpClient client, string query)
    {
        var items = new List<JsonElement>();
        for (var offset = 0; ; offset += AccountPageRequest.MaxLimit)
        {
            var page = await JsonAsync(await client.GetAsync($"{Api}customers?limit=500&offset={offset}&{query}"));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            if (offset + AccountPageRequest.MaxLimit >= page.GetProperty("total").GetInt32())
            {
                return items;
            }
        }
    }

    [Fact]
    public async Task List_NoParameters_IsTheFirst50ByRank_WithTheTotals()
    {
        using var client = await ClientAsync();
        var page = await JsonAsync(await client.GetAsync(Api + "customers"));

        Assert.Equal((All, 0, 50, "rank", All), (page.GetProperty("total").GetInt32(), page.GetProperty("offset").GetInt32(), page.GetProperty("limit").GetInt32(),
            page.GetProperty("sort").GetString(), page.GetProperty("customerCount").GetInt32()));
        Assert.Equal(Enumerable.Range(1, 50).Select(LargeCustomerListServer.KeyOf), Keys(page));
        Assert.Equal(1, page.GetProperty("designatedNotSuggested").GetInt32());
        // The second customer is a key account: its health and cadence come with it; other customers have none.
        var second = page.GetProperty("items")[1];
        Assert.True(second.GetProperty("isKeyAccount").GetBoolean());
        Assert.Equal(JsonValueKind.Number, second.GetProperty("health").ValueKind);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("items")[0].GetProperty("health").ValueKind);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=1.5", "offset")]
    [InlineData("sort=colour", "sort")]
    [InlineData("sort=--name", "sort")]
    [InlineData("list=mine", "list")]
    [InlineData("class=D&limit=10", "class")]
    public async Task List_InvalidWindowSortOrList_IsAProblem(string query, string parameter)
    {
        using var client = await ClientAsync();
        using var response = await client.GetAsync($"{Api}customers?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out var messages), problem.RootElement.ToString());
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task List_TooLongSearchText_IsAProblem()
    {
        using var client = await ClientAsync();
        using var response = await client.GetAsync($"{Api}customers?q={new string('x', AccountPageRequest.MaxTextLength + 1)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(500, 0, 500)]
    [InlineData(1, 0, 1)]
    [InlineData(50, 2990, 10)]
    [InlineData(50, 3000, 0)]
    [InlineData(50, 100_000, 0)]
    public async Task List_Window_GivesThatManyItems_AndTheSameTotal(int limit, int offset, int expected)
    {
        using var client = await ClientAsync();
        var page = await JsonAsync(await client.GetAsync($"{Api}customers?limit={limit}&offset={offset}"));

        Assert.Equal(expected, page.GetProperty("items").GetArrayLength());
        Assert.Equal(All, page.GetProperty("total").GetInt32());
        Assert.Equal(Enumerable.Range(offset + 1, expected).Select(LargeCustomerListServer.KeyOf), Keys(page));
    }

    public static TheoryData<string, bool> Columns()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in AccountSort.Names.Values)
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task List_SortedByAnyColumn_EitherWay_IsOrderedWithNullsLastAndTiesByKey(string column, bool descending)
    {
        using var client = await ClientAsync();
        var sorted = await EveryItemAsync(client, "sort=" + (descending ? "-" : "") + column);
        var byRank = await EveryItemAsync(client, "");

        Assert.Equal(All, sorted.Count);
        Assert.Equal(All, sorted.Select(c => c.GetProperty("key").GetString()).Distinct().Count());
        var expected = byRank.Order(Comparer<JsonElement>.Create((a, b) => Expected(a, b, column, descending))).Select(c => c.GetProperty("key").GetString());
        Assert.Equal(expected, sorted.Select(c => c.GetProperty("key").GetString()));
    }

    /// <summary>The documented order, written apart from the library: the column's value (absent ones last), then the key.</summary>
    private static int Expected(JsonElement a, JsonElement b, string column, bool descending)
    {
        var field = column == "keyAccount" ? "isKeyAccount" : column;
        var (x, y) = (Cell(a, field), Cell(b, field));
        var byValue = (x.ValueKind, y.ValueKind) switch
        {
            (JsonValueKind.Null, JsonValueKind.Null) => 0,
            (JsonValueKind.Null, _) => 1,
            (_, JsonValueKind.Null) => -1,
            _ => (descending ? -1 : 1) * Value(x, column).CompareTo(Value(y, column)),
        };
        var key = string.CompareOrdinal(a.GetProperty("key").GetString(), b.GetProperty("key").GetString());
        return byValue != 0 ? byValue : column == "key" && descending ? -key : key;
    }

    /// <summary>The column's value; a key account never contacted is due first (as if due on the earliest day).</summary>
    private static JsonElement Cell(JsonElement row, string field) =>
        field == "nextCheckin" && row.GetProperty("checkin").GetString() == "neverContacted" ? JsonDocument.Parse("\"0000-00-00\"").RootElement : row.GetProperty(field);

    private static IComparable Value(JsonElement e, string column) => e.ValueKind switch
    {
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.Number => e.GetDecimal(),
        // Tiers by their rank (Key above Standard), class letters and dates as text, names without case.
        _ when column == "tier" => e.GetString() == "Key" ? 0 : 1,
        _ when column == "name" => e.GetString()!.ToUpperInvariant(),
        _ => string.Empty + e.GetString(),
    };

    [Fact]
    public async Task List_HealthAndRatings_PutTheValuesFirst_InBothDirections()
    {
        using var client = await ClientAsync();
        foreach (var sort in new[] { "intangibleScore", "-intangibleScore" })
        {
            var first = Keys(await JsonAsync(await client.GetAsync($"{Api}customers?limit=5&sort={sort}")));
            Assert.Equal(LargeCustomerListServer.Rated.Select(r => LargeCustomerListServer.KeyOf(r.Customer)).ToHashSet(), first.Take(4).ToHashSet());
        }

        var byHealth = Keys(await JsonAsync(await client.GetAsync($"{Api}customers?limit=3&sort=-health")));
        Assert.Equal(new[] { LargeCustomerListServer.KeyOf(2), LargeCustomerListServer.Lowest }.Order(StringComparer.Ordinal), byHealth.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal("K0001", byHealth[2]);
    }

    [Fact]
    public async Task List_FiltersWithPaging_TotalIsTheMatches_AndPagesFollowEachOther()
    {
        using var client = await ClientAsync();
        // "Customer 1" names customers 1000–1999; class C among them, by revenue, lowest first.
        var matches = await EveryItemAsync(client, "q=customer%201&class=C&sort=revenue");
        Assert.All(matches, c => Assert.Equal("C", c.GetProperty("class").GetString()));
        Assert.All(matches, c => Assert.StartsWith("Customer 1", c.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.Equal(matches.Select(c => c.GetProperty("revenue").GetDecimal()).Order(), matches.Select(c => c.GetProperty("revenue").GetDecimal()));

        var first = await JsonAsync(await client.GetAsync($"{Api}customers?q=customer%201&class=C&sort=revenue&limit=40"));
        var second = await JsonAsync(await client.GetAsync($"{Api}customers?q=customer%201&class=C&sort=revenue&limit=40&offset=40"));
        Assert.Equal(matches.Count, first.GetProperty("total").GetInt32());
        Assert.Equal(All, first.GetProperty("customerCount").GetInt32());
        Assert.Equal(matches.Take(80).Select(c => c.GetProperty("key").GetString()), Keys(first).Concat(Keys(second)));

        // The key-account filter and the list of designated-but-not-suggested customers.
        Assert.Equal(new[] { "K0002", LargeCustomerListServer.Lowest }, Keys(await JsonAsync(await client.GetAsync($"{Api}customers?key=true"))));
        var designated = await JsonAsync(await client.GetAsync($"{Api}customers?list=designated&sort=-name"));
        Assert.Equal(1, designated.GetProperty("total").GetInt32());
        Assert.Equal([LargeCustomerListServer.Lowest], Keys(designated));
        // Search is case-insensitive and finds keys too.
        Assert.Equal([LargeCustomerListServer.Lowest], Keys(await JsonAsync(await client.GetAsync($"{Api}customers?q=OMEGA%20lowest"))));
        Assert.Equal(["K2345"], Keys(await JsonAsync(await client.GetAsync($"{Api}customers?q=k2345"))));
    }

    [Fact]
    public async Task List_PageK_HasTheFiguresOfThatSliceOfTheWholeList()
    {
        using var client = await ClientAsync();
        // The whole list as `kamino accounts list` computes it, afresh (a new cache).
        await using var db = new KaminoDatabase(fixture.Server.Database.Target).CreateDbContext();
        var workspaceId = await db.Workspaces.Where(w => w.Slug == LargeCustomerListServer.Slug).Select(w => w.Id).SingleAsync();
        var whole = (await KeyAccounts.ListAsync(db, workspaceId))!.Customers
            .OrderByDescending(c => c.Score).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();

        var page = await JsonAsync(await client.GetAsync($"{Api}customers?sort=-score&offset=1234&limit=37"));

        var expected = whole.Skip(1234).Take(37).Select(c => (c.Key, c.Name, c.Revenue, c.Rank, c.Class.ToString(), c.RevenueScore, c.IntangibleScore, c.Score, c.Suggested, c.Tier));
        var actual = page.GetProperty("items").EnumerateArray().Select(c => (c.GetProperty("key").GetString()!, c.GetProperty("name").GetString()!, c.GetProperty("revenue").GetDecimal(),
            c.GetProperty("rank").GetInt32(), c.GetProperty("class").GetString()!, c.GetProperty("revenueScore").GetDecimal(),
            c.GetProperty("intangibleScore").ValueKind == JsonValueKind.Null ? (decimal?)null : c.GetProperty("intangibleScore").GetDecimal(),
            c.GetProperty("score").GetDecimal(), c.GetProperty("suggested").GetBoolean(), c.GetProperty("tier").GetString()));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("analysis/pareto", "customers")]
    [InlineData("analysis/compare", "customers")]
    public async Task Analyses_ListTheFirst100ByDefault_NOnRequest_AllWithAll(string path, string list)
    {
        using var client = await ClientAsync();
        var byDefault = await JsonAsync(await client.GetAsync(Api + path));
        var five = await JsonAsync(await client.GetAsync(Api + path + "?customers=5"));
        var none = await JsonAsync(await client.GetAsync(Api + path + "?customers=0"));
        var all = await JsonAsync(await client.GetAsync(Api + path + "?customers=ALL"));

        Assert.Equal([100, 5, 0, All], new[] { byDefault, five, none, all }.Select(r => r.GetProperty(list).GetArrayLength()));
        Assert.All(new[] { byDefault, five, none, all }, r => Assert.Equal(All, r.GetProperty("customersTotal").GetInt32()));
        var whole = all.GetProperty(list).EnumerateArray().Select(c => c.GetRawText()).ToList();
        Assert.Equal(whole.Take(100), byDefault.GetProperty(list).EnumerateArray().Select(c => c.GetRawText()));
        Assert.Equal(whole.Take(5), five.GetProperty(list).EnumerateArray().Select(c => c.GetRawText()));
        // The summary covers every customer whatever the list shows.
        foreach (var summary in path.EndsWith("pareto", StringComparison.Ordinal) ? new[] { "totalRevenue", "paretoCount", "classes" } : ["current", "newCount", "migrations"])
        {
            Assert.Equal(all.GetProperty(summary).GetRawText(), five.GetProperty(summary).GetRawText());
        }
    }

    [Fact]
    public async Task WhatIf_CutsItsListsOfKeys_AndCountsThemAll()
    {
        using var client = await ClientAsync();
        var all = await JsonAsync(await client.GetAsync(Api + "analysis/whatif?without=K0001&customers=all"));
        var byDefault = await JsonAsync(await client.GetAsync(Api + "analysis/whatif?without=K0001"));
        var three = await JsonAsync(await client.GetAsync(Api + "analysis/whatif?without=K0001&customers=3"));

        foreach (var list in new[] { "paretoSetBefore", "paretoSetAfter", "joinsParetoSet" })
        {
            var total = all.GetProperty(list + "Total").GetInt32();
            Assert.Equal(total, all.GetProperty(list).GetArrayLength());
            Assert.Equal(Math.Min(100, total), byDefault.GetProperty(list).GetArrayLength());
            Assert.Equal(total, three.GetProperty(list + "Total").GetInt32());
            Assert.Equal(all.GetProperty(list).EnumerateArray().Take(3).Select(k => k.GetString()), three.GetProperty(list).EnumerateArray().Select(k => k.GetString()));
        }

        Assert.True(all.GetProperty("paretoSetBeforeTotal").GetInt32() > 100);
        Assert.Equal(all.GetProperty("before").GetProperty("paretoCount").GetInt32(), all.GetProperty("paretoSetBeforeTotal").GetInt32());
    }

    [Theory]
    [InlineData("analysis/pareto?customers=many")]
    [InlineData("analysis/pareto?customers=-1")]
    [InlineData("analysis/compare?customers=1e3")]
    [InlineData("analysis/whatif?without=K0001&customers=1,5")]
    public async Task Analyses_InvalidCustomers_IsAProblem(string path)
    {
        using var client = await ClientAsync();
        using var response = await client.GetAsync(Api + path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("customers", out _));
    }

    [Fact]
    public async Task Answers_StaySmall_ForThousandsOfCustomers()
    {
        using var client = await ClientAsync();
        foreach (var path in new[] { "customers", "analysis/pareto", "analysis/compare", "analysis/whatif?without=K0001" })
        {
            var bytes = (await client.GetByteArrayAsync(Api + path)).Length;
            Assert.True(bytes < 64_000, $"{path}: {bytes} bytes");
        }
    }
}

/// <summary><see cref="CustomerPagesApiTests"/> on SQLite.</summary>
public sealed class SqliteCustomerPagesApiTests(LargeCustomerListServer fixture) : CustomerPagesApiTests(fixture), IClassFixture<LargeCustomerListServer>;

/// <summary><see cref="CustomerPagesApiTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresCustomerPagesApiTests(PostgresLargeCustomerListServer fixture) : CustomerPagesApiTests(fixture), IClassFixture<PostgresLargeCustomerListServer>;
