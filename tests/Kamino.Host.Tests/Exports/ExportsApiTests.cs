using System.Net.Http.Headers;
using System.Text;
using MiniExcelLibs;

namespace Kamino.Host.Tests.Exports;

/// <summary>
/// The downloads through the real host with bearer tokens, over <see cref="TeamServer"/> (key accounts C1, owned by
/// KAM 1, and C2, owned by KAM 2; O1 in another workspace): each file holds the rows of its list endpoint for the same
/// member, as CSV (parsed here) and as Excel (opened with MiniExcel), with formula-looking text neutralised.
/// </summary>
public abstract class ExportsApiTests(TeamServer fixture)
{
    private const string Api = "api/workspaces/acme/";

    [Fact]
    public async Task Customers_CsvAndExcel_HoldTheListApisRows_WithShareAndOwner()
    {
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        var list = await Json(await viewer.GetAsync(Api + "customers?all=true&limit=500"));
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count > 2);
        var pareto = await Json(await viewer.GetAsync(Api + "analysis/pareto?all=true&customers=all"));
        var shares = pareto.GetProperty("customers").EnumerateArray().ToDictionary(c => c.GetProperty("customerId").GetString()!, c => c.GetProperty("share").GetDecimal());

        using var csvResponse = await viewer.GetAsync(Api + "exports/customers.csv?all=true");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"acme-customers-{TeamServer.Today:yyyy-MM-dd}.csv", csvResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var csv = Csv(await csvResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Rank", "Key", "Name", "Revenue", "Currency", "Share of revenue", "Class", "Score", "Revenue score", "Intangible score", "Suggested", "Tier", "Key account", "Owner"], csv[0]);
        var rows = csv.Skip(1).ToList();
        Assert.Equal(items.Select(i => i.GetProperty("key").GetString()), rows.Select(r => r[1]));
        Assert.Equal(items.Select(i => i.GetProperty("revenue").GetDecimal()), rows.Select(r => decimal.Parse(r[3], CultureInfo.InvariantCulture)));
        Assert.Equal(items.Select(i => i.GetProperty("class").GetString()), rows.Select(r => r[6]));
        Assert.Equal(items.Select(i => i.GetProperty("tier").ValueKind == JsonValueKind.Null ? "" : i.GetProperty("tier").GetString()), rows.Select(r => r[11]));
        Assert.All(rows, r => Assert.Equal(shares[r[1]], decimal.Parse(r[5], CultureInfo.InvariantCulture)));
        Assert.Equal("kam1", rows.Single(r => r[1] == "C1")[13]);
        Assert.Equal("kam2", rows.Single(r => r[1] == "C2")[13]);
        Assert.All(rows.Where(r => r[12] == "false"), r => Assert.Equal("", r[13]));

        using var xlsxResponse = await viewer.GetAsync(Api + "exports/customers.xlsx?all=true");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"acme-customers-{TeamServer.Today:yyyy-MM-dd}.xlsx", xlsxResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var sheet = Sheet(await xlsxResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(items.Select(i => i.GetProperty("key").GetString()), sheet.Select(r => (string)r["Key"]!));
        Assert.Equal(items.Select(i => (double)i.GetProperty("revenue").GetDecimal()), sheet.Select(r => Convert.ToDouble(r["Revenue"], CultureInfo.InvariantCulture)));
        Assert.Equal("kam1", sheet.Single(r => (string)r["Key"]! == "C1")["Owner"]);

        using var onlyKey = await viewer.GetAsync(Api + "exports/customers.csv?all=true&key=true");
        Assert.Equal(["C1", "C2"], Csv(await onlyKey.Content.ReadAsByteArrayAsync()).Skip(1).Select(r => r[1]).Order());
    }

    [Fact]
    public async Task KeyAccountsAndTasks_FollowTheMembersScope_AKamExportsOnlyTheirs()
    {
        using var viewer = await fixture.Server.BearerClientAsync(TeamServer.Viewer);
        using var kam = await fixture.Server.BearerClientAsync(TeamServer.Kam1);
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);

        var health = await Json(await viewer.GetAsync(Api + "health"));
        var all = Csv(await (await viewer.GetAsync(Api + "exports/key-accounts.csv")).Content.ReadAsByteArrayAsync());
        Assert.Equal(["Key", "Name", "Tier", "Owner", "Owner's email", "Health", "Health band", "Check-in", "Next check-in", "Days overdue", "Last check-in"], all[0]);
        Assert.Equal(health.EnumerateArray().Select(h => h.GetProperty("customerId").GetString()), all.Skip(1).Select(r => r[0]));
        Assert.Equal(health.EnumerateArray().Select(h => h.GetProperty("score").GetInt32().ToString(CultureInfo.InvariantCulture)), all.Skip(1).Select(r => r[5]));
        Assert.Equal(TeamServer.Kam1, all.Single(r => r[0] == "C1")[4]);

        var mine = Sheet(await (await kam.GetAsync(Api + "exports/key-accounts.xlsx?scope=mine")).Content.ReadAsByteArrayAsync());
        Assert.Equal(["C1"], mine.Select(r => (string)r["Key"]!));

        var suffix = Guid.NewGuid().ToString("N")[..8];
        await fixture.TaskAsync("=HYPERLINK(\"http://x\") " + suffix, TeamServer.Kam1, TeamServer.Director, TeamServer.Today.AddDays(2));
        await fixture.TaskAsync("Kam 2 only " + suffix, TeamServer.Kam2, TeamServer.Director, TeamServer.Today.AddDays(2), "C2");
        var kamTasks = Csv(await (await kam.GetAsync(Api + "exports/tasks.csv")).Content.ReadAsByteArrayAsync());
        var teamApi = await Json(await kam.GetAsync(Api + "tasks/team"));
        Assert.Equal(teamApi.EnumerateArray().Select(t => t.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)), kamTasks.Skip(1).Select(r => r[0]));
        Assert.Contains(kamTasks, r => r[1] == "'=HYPERLINK(\"http://x\") " + suffix);
        Assert.DoesNotContain(kamTasks, r => r[1].Contains(suffix, StringComparison.Ordinal) && r[1].StartsWith("Kam 2", StringComparison.Ordinal));

        var directorTasks = Sheet(await (await director.GetAsync(Api + "exports/tasks.xlsx")).Content.ReadAsByteArrayAsync());
        Assert.Contains(directorTasks, r => (string?)r["Title"] == "Kam 2 only " + suffix);
        Assert.Contains(directorTasks, r => (string?)r["Title"] == "'=HYPERLINK(\"http://x\") " + suffix);
    }

    [Fact]
    public async Task ActivitiesAndOrders_AreTheListsRows_BadParametersAreProblems()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        var note = "+34 600 000 000 " + Guid.NewGuid().ToString("N")[..6];
        using var logged = await director.PostAsJsonAsync(Api + "customers/C1/activities", new { type = "call", summary = note });
        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        var activities = Csv(await (await director.GetAsync(Api + "exports/activities.csv?customer=C1")).Content.ReadAsByteArrayAsync());
        var api = await Json(await director.GetAsync(Api + "customers/C1/activities"));
        Assert.Equal(api.EnumerateArray().Select(a => a.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)), activities.Skip(1).Select(r => r[0]));
        Assert.Contains(activities, r => r[1] == "C1" && r[12] == "'" + note);

        var orders = Sheet(await (await director.GetAsync(Api + "exports/orders.xlsx")).Content.ReadAsByteArrayAsync());
        var ordersApi = await Json(await director.GetAsync(Api + "orders?take=500"));
        Assert.Equal(ordersApi.EnumerateArray().Select(o => o.GetProperty("number").GetInt64()), orders.Where(r => r["Order"] is not null).Select(r => Convert.ToInt64(r["Order"], CultureInfo.InvariantCulture)));

        using var noCustomer = await director.GetAsync(Api + "exports/activities.csv");
        using var unknownCustomer = await director.GetAsync(Api + "exports/activities.csv?customer=NOPE");
        using var badScope = await director.GetAsync(Api + "exports/key-accounts.csv?scope=everyone");
        using var badClass = await director.GetAsync(Api + "exports/customers.xlsx?class=D");
        using var unknownList = await director.GetAsync(Api + "exports/secrets.csv");
        using var unknownFormat = await director.GetAsync(Api + "exports/customers.pdf");
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (noCustomer.StatusCode, unknownCustomer.StatusCode));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (badScope.StatusCode, badClass.StatusCode));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknownList.StatusCode, unknownFormat.StatusCode));
    }

    [Fact]
    public async Task Headers_AreInTheRequestsLanguage_ValuesStayAsTheyAre()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        async Task<byte[]> GetAsync(string path, string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Api + path);
            if (language is not null)
            {
                request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
            }

            using var response = await director.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsByteArrayAsync();
        }

        var english = Csv(await GetAsync("exports/tasks.csv", "en-GB"));
        var spanish = Csv(await GetAsync("exports/tasks.csv", "es-ES"));
        Assert.Equal(["Number", "Title", "Status", "Overdue", "Due date", "Assignee"], english[0].Take(6));
        Assert.Equal(["Número", "Título", "Estado", "Atrasada", "Vencimiento", "Asignada a"], spanish[0].Take(6));
        Assert.Equal(english.Skip(1).Select(r => string.Join('|', r)), spanish.Skip(1).Select(r => string.Join('|', r)));

        var sheet = Sheet(await GetAsync("exports/customers.xlsx?all=true", "es"));
        var items = (await Json(await director.GetAsync(Api + "customers?all=true&limit=500"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Posición", "Clave", "Nombre", "Facturación"], sheet[0].Keys.Take(4));
        Assert.Equal(items.Select(i => i.GetProperty("key").GetString()), sheet.Select(r => (string?)r["Clave"]));
        Assert.Equal(items.Select(i => i.GetProperty("class").GetString()), sheet.Select(r => (string?)r["Clase"]));
        Assert.Equal(items.Select(i => (double)i.GetProperty("revenue").GetDecimal()), sheet.Select(r => Convert.ToDouble(r["Facturación"], CultureInfo.InvariantCulture)));
        var englishSheet = Sheet(await GetAsync("exports/customers.xlsx?all=true", null));
        Assert.Equal(["Rank", "Key", "Name", "Revenue"], englishSheet[0].Keys.Take(4));
        Assert.IsType<double>(englishSheet[0]["Revenue"]);
    }

    [Fact]
    public async Task Unauthenticated401_OtherWorkspace404_NeverItsRows()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };
        using var outsider = await fixture.Server.BearerClientAsync(TeamServer.OtherDirector);
        foreach (var path in new[] { "exports/customers.csv", "exports/key-accounts.xlsx", "exports/tasks.csv", "exports/orders.csv", "exports/activities.csv?customer=C1", "reports/portfolio.pdf" })
        {
            using var none = await anonymous.GetAsync(Api + path);
            using var foreign = await outsider.GetAsync(Api + path);
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
            Assert.DoesNotContain("C1", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var own = Csv(await (await outsider.GetAsync("api/workspaces/other/exports/key-accounts.csv")).Content.ReadAsByteArrayAsync());
        Assert.Equal(["O1"], own.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task PortfolioReport_IsAPdf_WithTheParetoFiguresAndKeyAccounts_InTheCallersLanguage()
    {
        using var director = await fixture.Server.BearerClientAsync(TeamServer.Director);
        var pareto = await Json(await director.GetAsync(Api + "analysis/pareto?all=true"));
        using var response = await director.GetAsync(Api + "reports/portfolio.pdf?all=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"acme-portfolio-{TeamServer.Today:yyyy-MM-dd}.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var text = await PdfTools.TextAsync(await response.Content.ReadAsByteArrayAsync());
        var classes = pareto.GetProperty("classes");
        foreach (var expected in new[]
        {
            "Portfolio report", "Acme Foods", "Pareto chart", "ABC classes", "Concentration", "Key accounts (2)", "kam1", "kam2",
            pareto.GetProperty("totalRevenue").GetDecimal().ToString("N2", CultureInfo.GetCultureInfo("en-GB")) + " EUR",
            "Top customer", (pareto.GetProperty("concentration").GetProperty("top1Share").GetDecimal() * 100m).ToString("0.0", CultureInfo.GetCultureInfo("en-GB")) + " %",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Matches($@"\bA\s+{classes.GetProperty("a").GetInt32()}\s", text);

        using var spanish = new HttpRequestMessage(HttpMethod.Get, Api + "reports/portfolio.pdf?all=true");
        spanish.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("es-ES"));
        using var es = await director.SendAsync(spanish);
        var esText = await PdfTools.TextAsync(await es.Content.ReadAsByteArrayAsync());
        Assert.Contains("Informe de cartera", esText, StringComparison.Ordinal);
        Assert.Contains("Cuentas clave (2)", esText, StringComparison.Ordinal);
        Assert.Matches(@"\d+ · (rojo|ámbar|verde)", esText);

        using var badPeriod = await director.GetAsync(Api + "reports/portfolio.pdf?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
    }

    /// <summary>RFC 4180 CSV (UTF-8 with a byte order mark) into rows of fields.</summary>
    internal static List<string[]> Csv(byte[] bytes)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.Empty(row);
        return rows;
    }

    /// <summary>The first sheet's rows by header, as MiniExcel reads them.</summary>
    internal static List<IDictionary<string, object?>> Sheet(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}

/// <summary><see cref="ExportsApiTests"/> on SQLite.</summary>
public sealed class SqliteExportsApiTests(TeamServer fixture) : ExportsApiTests(fixture), IClassFixture<TeamServer>;

/// <summary><see cref="ExportsApiTests"/> on PostgreSQL.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresExportsApiTests(PostgresTeamServer fixture) : ExportsApiTests(fixture), IClassFixture<PostgresTeamServer>;
