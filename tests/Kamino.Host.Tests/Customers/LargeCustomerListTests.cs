using System.Text;
using System.Text.RegularExpressions;
using Kamino.Import;
using Kamino.Workspaces;
using Microsoft.Playwright;
using static Kamino.Host.Tests.Customers.AccountsGridPage;

namespace Kamino.Host.Tests.Customers;

/// <summary>
/// A workspace <c>bulk</c> with <see cref="Customers"/> customers: customer i (key <c>K0001</c>…) sold
/// (<see cref="Customers"/> − i + 1) × 10 EUR in 2024, so K0001 ranks first and <see cref="Lowest"/> last.
/// The lowest is designated a key account without being suggested (class C, low score): the one customer of the
/// "designated but not suggested" list. <c>other</c> is another workspace with its own director.
/// </summary>
public class LargeCustomerListServer : IAsyncLifetime
{
    public const string Slug = "bulk";
    public const string OtherSlug = "other";
    public const int Customers = 3000;
    public const string Lowest = "K3000";
    public const string LowestName = "Omega Lowest Trading";
    public const string Director = "director@bulk.test";
    public const string OtherDirector = "boss@other.test";

    protected virtual bool OnPostgres => false;

    public KaminoTestServer Server { get; private set; } = null!;

    /// <summary>Customers rated on the brand criterion (number, rating 0–5): the others are not rated.</summary>
    public static readonly (int Customer, int Rating)[] Rated = [(100, 3), (2500, 5), (2600, 2), (2601, 2)];

    public static string KeyOf(int i) => "K" + i.ToString("D4", CultureInfo.InvariantCulture);

    public static string NameOf(int i) => i == Customers ? LowestName : "Customer " + i.ToString("D4", CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"kamino-bulk-{Guid.NewGuid():N}.csv");
        var text = new StringBuilder("invoice,date,customer_id,customer_name,net_amount,currency\n");
        for (var i = 1; i <= Customers; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"F-{i},2024-{i % 12 + 1:D2}-15,{KeyOf(i)},{NameOf(i)},{(Customers - i + 1) * 10}.00,EUR\n");
        }

        await File.WriteAllTextAsync(csv, text.ToString());
        try
        {
            Server = await KaminoTestServer.StartAsync(OnPostgres, async database =>
            {
                Assert.True((await new SalesImporter(database, TimeProvider.System).ImportAsync(new ImportRequest(Slug, csv, "Bulk Trading"))).Imported);
                await using var db = database.CreateDbContext();
                db.Workspaces.Add(new Workspace { Slug = OtherSlug, Name = "Other Co", CreatedAt = TimeProvider.System.GetUtcNow() });
                await db.SaveChangesAsync();
                var lowest = await db.Customers.SingleAsync(c => c.Key == Lowest);
                Assert.True((await Kamino.Customers.Designations.DesignateAsync(db, lowest.WorkspaceId, lowest.Id, "Key", "Our first customer", null, TimeProvider.System)).Succeeded);
                // A few more values for the sortable columns: a second key account (suggested anyway) and ratings.
                var second = await db.Customers.SingleAsync(c => c.Key == KeyOf(2));
                Assert.True((await Kamino.Customers.Designations.DesignateAsync(db, second.WorkspaceId, second.Id, "Key", "Second by revenue", null, TimeProvider.System)).Succeeded);
                foreach (var (i, rating) in Rated)
                {
                    var rated = await db.Customers.SingleAsync(c => c.Key == KeyOf(i));
                    Assert.True((await Kamino.Customers.Ratings.RateAsync(db, rated.WorkspaceId, rated.Id, new Dictionary<string, int> { ["brand"] = rating }, null, null, TimeProvider.System)).Succeeded);
                }
            });
        }
        finally
        {
            File.Delete(csv);
        }

        await Server.AddUserAsync(Director, Role.Director, Slug);
        await Server.AddUserAsync(OtherDirector, Role.Director, OtherSlug);
    }

    public KaminoDb Db() => Server.Database.CreateDbContext();

    public async Task<HttpClient> BrowserClientAsync(string email)
    {
        var client = await Server.SignedInClientAsync(email);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        return client;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary><see cref="LargeCustomerListServer"/> on PostgreSQL.</summary>
public sealed class PostgresLargeCustomerListServer : LargeCustomerListServer
{
    protected override bool OnPostgres => true;
}

/// <summary>
/// The customer list of a workspace with thousands of customers: the page's HTML carries one page of rows and not
/// the list (the interactive grid loads it on the server), the browser still finds every customer through the
/// search, paging and sorting, and the grid gives nothing to a user who is not a member of the workspace.
/// </summary>
public abstract class LargeCustomerListTests(LargeCustomerListServer fixture) : ChromiumTests
{
    /// <summary>
    /// Ample for the page with one page of rows (about 60 KB); every customer in the page, as rows or as the grid's
    /// serialized parameters, would take several times that.
    /// </summary>
    private const int MaxPageChars = 150_000;


    [Fact]
    public async Task CustomersPage_Html_HoldsTheFirstPageOnly_NotTheWholeList()
    {
        using var director = await fixture.BrowserClientAsync(LargeCustomerListServer.Director);
        var html = WebUtility.HtmlDecode(await director.GetStringAsync("w/bulk/customers"));

        Assert.True(html.Length < MaxPageChars, $"{html.Length} characters");
        var keys = Regex.Matches(html, "<tr[^>]*data-customer=\"(K[0-9]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Enumerable.Range(1, 50).Select(LargeCustomerListServer.KeyOf), keys);
        Assert.DoesNotContain(LargeCustomerListServer.Lowest, html, StringComparison.Ordinal);
        Assert.DoesNotContain(LargeCustomerListServer.LowestName, html, StringComparison.Ordinal);
        // The counts are over every customer (no filter: all match), though only 50 rows are rendered.
        Assert.Equal($"{LargeCustomerListServer.Customers} of {LargeCustomerListServer.Customers} customers", TestId(html, "shown-count"));
        Assert.Equal("1", TestId(html, "designated-count"));
    }

    [Fact]
    public async Task DashboardAndComparePage_SendFiftyRows_AndPageTheChanges()
    {
        using var director = await fixture.BrowserClientAsync(LargeCustomerListServer.Director);
        var dashboard = WebUtility.HtmlDecode(await director.GetStringAsync("w/bulk"));
        Assert.Equal(Enumerable.Range(1, 50).Select(LargeCustomerListServer.KeyOf), CustomerRows(dashboard, "customers"));
        Assert.Contains("href=\"/w/bulk/customers?from=", dashboard, StringComparison.Ordinal);
        Assert.True(dashboard.Length < MaxPageChars, $"{dashboard.Length} characters");

        // Every customer is new against the empty year before: 60 pages of 50, in the API's order.
        using var api = await fixture.Server.BearerClientAsync(LargeCustomerListServer.Director);
        using var report = JsonDocument.Parse(await api.GetStringAsync("api/workspaces/bulk/analysis/compare?customers=all"));
        var order = report.RootElement.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("customerId").GetString()!).ToList();
        foreach (var (query, from) in new[] { ("", 0), ("?page=2", 50), ("?page=60", 2950), ("?page=999", 2950), ("?page=x", 0) })
        {
            var html = WebUtility.HtmlDecode(await director.GetStringAsync("w/bulk/analysis/compare" + query));
            Assert.Equal(order.Skip(from).Take(50), CustomerRows(html, "customer-changes"));
            Assert.Equal(string.Create(CultureInfo.GetCultureInfo("en-US"), $"{from + 1:N0}–{from + 50:N0} of 3,000"), TestId(html, "changes-showing"));
            Assert.Equal(50, CustomerRows(html, "new-customers").Count);
            Assert.True(html.Length < MaxPageChars, $"{query}: {html.Length} characters");
        }
    }

    /// <summary>The customer keys of the table <paramref name="testId"/>, in order.</summary>
    private static List<string> CustomerRows(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        return Regex.Matches(html[start..end], "<tr[^>]*data-customer=\"(K[0-9]+)\"").Select(m => m.Groups[1].Value).ToList();
    }

    [Fact]
    public async Task CustomersPage_SearchInTheAddress_RendersTheLowestRankedCustomer()
    {
        using var director = await fixture.BrowserClientAsync(LargeCustomerListServer.Director);
        var html = WebUtility.HtmlDecode(await director.GetStringAsync("w/bulk/customers?q=omega"));

        var keys = Regex.Matches(html, "<tr[^>]*data-customer=\"(K[0-9]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(new[] { LargeCustomerListServer.Lowest }, keys);
        Assert.Contains($"href=\"/w/bulk/accounts/{LargeCustomerListServer.Lowest}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomersPage_AnotherWorkspacesDirector_GetsNotFound_WithoutCustomers()
    {
        using var outsider = await fixture.BrowserClientAsync(LargeCustomerListServer.OtherDirector);
        using var response = await outsider.GetAsync("w/bulk/customers");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("K0001", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-customer", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browser_FindsTheLowestRankedCustomer_BySearch_Paging_SortingAndTheDesignatedList()
    {
        var page = await NewPageAsync(Chromium);
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/bulk/customers", LargeCustomerListServer.Director, KaminoTestServer.Password);
        await WaitForGridAsync(page);
        await Expect(Rows(page)).ToHaveCountAsync(50);
        await Expect(Row(page, LargeCustomerListServer.Lowest)).ToHaveCountAsync(0);

        // Search by part of the name.
        await page.GetByTestId("filter-text").FillAsync("lowest trad");
        await Expect(Rows(page)).ToHaveCountAsync(1);
        await Expect(Row(page, LargeCustomerListServer.Lowest)).ToContainTextAsync(LargeCustomerListServer.LowestName);
        await Expect(page.GetByTestId("shown-count")).ToHaveTextAsync($"1 of {LargeCustomerListServer.Customers} customers");

        // Paging: the last page ends with it.
        await page.GetByTestId("filter-text").FillAsync("");
        await Expect(Rows(page)).ToHaveCountAsync(50);
        await page.Locator("[data-testid=accounts-grid] .rz-pager-last").ClickAsync();
        await Expect(Rows(page).Last).ToHaveAttributeAsync("data-customer", LargeCustomerListServer.Lowest);
        await Expect(Row(page, "K0001")).ToHaveCountAsync(0);

        // Sorting by revenue, lowest first: it is the first row of the first page.
        await page.Locator("[data-testid=accounts-grid] .rz-pager-first").ClickAsync();
        await Expect(Rows(page).First).ToHaveAttributeAsync("data-customer", "K0001");
        await page.Locator("[data-testid=accounts-grid] th", new() { HasText = "Revenue" }).ClickAsync();
        await Expect(Rows(page).First).ToHaveAttributeAsync("data-customer", LargeCustomerListServer.Lowest);

        // The list to act on: designated but no longer suggested is it alone.
        await page.GetByTestId("list-designated").ClickAsync();
        await Expect(Rows(page)).ToHaveCountAsync(1);
        await Expect(Row(page, LargeCustomerListServer.Lowest).GetByTestId("key-account-badge")).ToHaveTextAsync("Key");
        await Row(page, LargeCustomerListServer.Lowest).GetByTestId("customer-link").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/w/bulk/accounts/{LargeCustomerListServer.Lowest}$"));
    }

    [Fact]
    public async Task Browser_NextPageAndSorting_ShowTheServersNextRows_FiftyAtATime_WithSmallMessages()
    {
        var page = await NewPageAsync(Chromium);
        long received = 0;
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => Interlocked.Add(ref received, frame.Binary?.Length ?? frame.Text?.Length ?? 0);
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/bulk/customers", LargeCustomerListServer.Director, KaminoTestServer.Password);
        await WaitForGridAsync(page);

        await page.Locator("[data-testid=accounts-grid] .rz-pager-next").ClickAsync();
        await Expect(Rows(page).First).ToHaveAttributeAsync("data-customer", "K0051");
        await Expect(Rows(page)).ToHaveCountAsync(50);
        await Expect(Rows(page).Last).ToHaveAttributeAsync("data-customer", "K0100");

        // Sorted by health on the server: the two key accounts (the only ones with a score) first, then the others by
        // key, and the next page continues that order (K0002 and K3000 are in front, so row 51 is K0050).
        await page.Locator("[data-testid=accounts-grid] .rz-pager-first").ClickAsync();
        await Expect(Rows(page).First).ToHaveAttributeAsync("data-customer", "K0001");
        await page.Locator("[data-testid=accounts-grid] th", new() { HasText = "Health" }).ClickAsync();
        await Expect(Rows(page).Nth(2)).ToHaveAttributeAsync("data-customer", "K0001");
        await Expect(Rows(page).First).ToHaveAttributeAsync("data-key-account", "true");
        await Expect(Rows(page).Nth(1)).ToHaveAttributeAsync("data-key-account", "true");
        await page.Locator("[data-testid=accounts-grid] .rz-pager-next").ClickAsync();
        await Expect(Rows(page).First).ToHaveAttributeAsync("data-customer", "K0050");
        await Expect(Rows(page)).ToHaveCountAsync(50);

        // Filters count every match on the server and page them too.
        await page.GetByTestId("filter-text").FillAsync("customer 1");
        await Expect(page.GetByTestId("shown-count")).ToHaveTextAsync($"1000 of {LargeCustomerListServer.Customers} customers");
        await Expect(Rows(page)).ToHaveCountAsync(50);

        // Six renders of 50 rows took about 1 MB of render batches (about 170 KB each, 2026-12-04); one render of the
        // 3,000 customers would be sixty times a page's.
        Assert.True(Interlocked.Read(ref received) < 2_500_000, $"{received} bytes over the circuit");
    }

    [Fact]
    public async Task Browser_AnotherWorkspacesDirector_ReplayingAMembersPage_GetsNoRowsFromTheGrid()
    {
        // The page as a member of bulk received it, with the grid's parameters for the circuit.
        using var director = await fixture.BrowserClientAsync(LargeCustomerListServer.Director);
        var membersPage = await director.GetStringAsync("w/bulk/customers");
        Assert.Contains("Blazor:", membersPage, StringComparison.Ordinal);

        // A director of another workspace opens it in their own browser session: the circuit starts as them.
        var page = await NewPageAsync(Chromium);
        await Support.Browser.SignInAsync(page, fixture.Server.Address, "w/other/customers", LargeCustomerListServer.OtherDirector, KaminoTestServer.Password);
        await page.RouteAsync("**/w/bulk/customers", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = membersPage }));
        await page.GotoAsync(new Uri(fixture.Server.Address, "w/bulk/customers").ToString());

        var grid = page.Locator("[data-testid=accounts-grid][data-interactive=true]");
        await grid.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Expect(grid).ToHaveAttributeAsync("data-denied", "true");
        await Expect(Rows(page)).ToHaveCountAsync(0);
        Assert.DoesNotContain("K0001", await grid.InnerHTMLAsync(), StringComparison.Ordinal);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static string? TestId(string html, string testId) =>
        Regex.Match(html, $"data-testid=\"{testId}\"[^>]*>([^<]*)<") is { Success: true } m ? m.Groups[1].Value.Trim() : null;
}

/// <summary><see cref="LargeCustomerListTests"/> on SQLite.</summary>
public sealed class SqliteLargeCustomerListTests(LargeCustomerListServer fixture) : LargeCustomerListTests(fixture), IClassFixture<LargeCustomerListServer>;

/// <summary><see cref="LargeCustomerListTests"/> on PostgreSQL.</summary>
public sealed class PostgresLargeCustomerListTests(PostgresLargeCustomerListServer fixture) : LargeCustomerListTests(fixture), IClassFixture<PostgresLargeCustomerListServer>;
