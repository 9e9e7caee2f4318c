using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kamino.Activities;
using Kamino.Customers;
using Kamino.Data;
using Kamino.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Bench;

/// <summary>
/// The workspace the load benchmarks ask: the generated sales imported with <c>kamino import</c>, a Director and a KAM,
/// the 300 customers with the most revenue designated key accounts with owners and six check-ins each, served by a
/// published <c>kamino serve</c> on a free port; a signed-in cookie (pages) and a bearer token (API) for the Director.
/// </summary>
internal sealed partial class ServedWorkspace : IAsyncDisposable
{
    public const string Workspace = "bench";
    public const int KeyAccounts = 300;
    private const string Password = "Bench-watch-2026!";

    private readonly Process server;

    private ServedWorkspace(Process server, Uri baseUri, string cookie, string bearer, string topKey, DateOnly latest)
    {
        this.server = server;
        BaseUri = baseUri;
        Cookie = cookie;
        Bearer = bearer;
        TopKey = topKey;
        Latest = latest;
    }

    public Uri BaseUri { get; }

    public string Cookie { get; }

    public string Bearer { get; }

    /// <summary>Key of the customer with the most revenue (a key account).</summary>
    public string TopKey { get; }

    /// <summary>The latest sale day: the API is asked with <c>today=</c> that day.</summary>
    public DateOnly Latest { get; }

    public string Today => Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Imports, sets up and serves <paramref name="db"/> (a SQLite path or a PostgreSQL connection string).</summary>
    public static async Task<ServedWorkspace> StartAsync(string kamino, string db, string engine, BenchOptions o)
    {
        var (topKey, latest) = await SetUpAsync(kamino, db, engine, o);
        return await ServeAsync(kamino, db, topKey, latest);
    }

    /// <summary>Imports the generated sales into <paramref name="db"/>, adds the users and the key accounts; returns the top key and the latest sale day.</summary>
    public static async Task<(string TopKey, DateOnly Latest)> SetUpAsync(string kamino, string db, string engine, BenchOptions o)
    {
        Console.WriteLine($"{engine}: import and set-up");
        await Compare.MustAsync(kamino, ["migrate", "--db", db]);
        await Compare.MustAsync(kamino, ["workspace", "create", Workspace, "--name", "Bench", "--db", db]);
        await Compare.MustAsync(kamino, ["import", "--db", db, "--workspace", Workspace, "--format", "json", o.CsvPath]);
        await WithStdinAsync(kamino, ["users", "add", "--email", "director@bench.test", "--workspace", Workspace, "--role", "Director", "--db", db], Password);
        await WithStdinAsync(kamino, ["users", "add", "--email", "kam@bench.test", "--workspace", Workspace, "--role", "Kam", "--db", db], Password);
        return await KeyAccountsAsync(db);
    }

    /// <summary>
    /// Serves <paramref name="db"/>, already set up, with <c>kamino serve</c> on a free port and signs in;
    /// <paramref name="environment"/> adds settings (<c>Kamino__NodeName</c>, …).
    /// </summary>
    public static async Task<ServedWorkspace> ServeAsync(string kamino, string db, string topKey, DateOnly latest, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = NginxProxy.FreeLoopbackPort();
        var start = new ProcessStartInfo(kamino) { RedirectStandardOutput = true, RedirectStandardError = true };
        // One user makes every request here: the per-user fairness limits (docs/security.md) are switched off, or the
        // benchmark would measure 429s.
        foreach (var setting in new[] { "ConcurrentRequests", "RequestsPerMinute", "ExpensiveConcurrentRequests" })
        {
            start.Environment["Kamino__ApiLimits__" + setting] = "0";
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var a in new[] { "serve", "--db", db, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(a);
        }

        var server = Process.Start(start)!;
        _ = server.StandardOutput.ReadToEndAsync();
        _ = server.StandardError.ReadToEndAsync();
        try
        {
            var baseUri = new Uri($"http://127.0.0.1:{port}/");
            await WaitForAsync(baseUri);
            return new ServedWorkspace(server, baseUri, await CookieAsync(baseUri), await BearerAsync(baseUri), topKey, latest);
        }
        catch
        {
            server.Kill(entireProcessTree: true);
            server.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL to the server, as when its machine dies.</summary>
    public void Kill() => server.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!server.HasExited)
        {
            server.Kill(entireProcessTree: true);
        }

        await server.WaitForExitAsync();
        server.Dispose();
    }

    /// <summary>Designates the 300 customers with the most revenue, gives them owners, check-ins and CSATs; returns the top key and the latest sale day.</summary>
    private static async Task<(string TopKey, DateOnly Latest)> KeyAccountsAsync(string target)
    {
        var database = new KaminoDatabase(target);
        await using var db = database.CreateDbContext();
        var ws = await db.Workspaces.Where(w => w.Slug == Workspace).Select(w => w.Id).SingleAsync();
        var latest = await db.SaleLines.Where(s => s.WorkspaceId == ws).MaxAsync(s => s.Date);
        var top = await db.SaleLines.Where(s => s.WorkspaceId == ws).GroupBy(s => s.CustomerId)
            .Select(g => new { Id = g.Key, Cents = g.Sum(s => s.NetCents) })
            .OrderByDescending(g => g.Cents).ThenBy(g => g.Id).Take(KeyAccounts).Select(g => g.Id).ToListAsync();
        var users = await db.Users.Where(u => u.Email == "director@bench.test" || u.Email == "kam@bench.test").ToDictionaryAsync(u => u.Email!, u => u.Id);
        var clock = TimeProvider.System;
        var random = new Random(13);
        for (var i = 0; i < top.Count; i++)
        {
            var id = top[i];
            Must(await Designations.DesignateAsync(db, ws, id, null, "bench", null, clock));
            Must(await Accounts.AccountTeams.SetOwnerAsync(db, ws, id, i % 2 == 0 ? users["kam@bench.test"] : users["director@bench.test"], null, clock));
            for (var k = 0; k < 6; k++)
            {
                var day = latest.AddDays(-15 - 30 * k - random.Next(10));
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
                var checkin = new NewActivity(ActivityType.Call, "Monthly call", at, IsCheckin: true, Csat: random.Next(1, 6));
                var logged = await ActivityLog.LogAsync(db, ws, id, checkin, null, clock);
                if (!logged.Succeeded)
                {
                    throw new InvalidOperationException("check-in refused: " + string.Join("; ", logged.Problems.Select(x => x.Message)));
                }
            }
        }

        var topKey = await db.Customers.Where(c => c.WorkspaceId == ws && c.Id == top[0]).Select(c => c.Key).SingleAsync();
        Console.WriteLine($"{top.Count} key accounts with 6 check-ins each; latest sale {latest:yyyy-MM-dd} (the API is asked with today= that day)");
        return (topKey, latest);

        static void Must(ChangeResult r)
        {
            if (!r.Succeeded)
            {
                throw new InvalidOperationException(r.Problem);
            }
        }
    }

    private static async Task<string> CookieAsync(Uri baseUri)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUri };
        var html = await client.GetStringAsync("account/login");
        var form = FormRegex().Matches(html).Select(m => m.Value).Single(f => f.Contains("name=\"_handler\" value=\"login\"", StringComparison.Ordinal));
        var fields = HiddenRegex().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = "director@bench.test";
        fields["Input.Password"] = Password;
        using var response = await client.PostAsync("account/login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
        {
            throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
        }

        return cookies.GetCookieHeader(baseUri);
    }

    private static async Task<string> BearerAsync(Uri baseUri)
    {
        using var client = new HttpClient { BaseAddress = baseUri };
        using var response = await client.PostAsJsonAsync("api/auth/login", new { email = "director@bench.test", password = Password });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task WaitForAsync(Uri baseUri)
    {
        using var client = new HttpClient { BaseAddress = baseUri };
        for (var i = 0; i < 120; i++)
        {
            try
            {
                using var response = await client.GetAsync("account/login");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException("kamino serve did not answer within 60 s");
    }

    private static async Task WithStdinAsync(string program, string[] arguments, string input)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        await p.StandardInput.WriteLineAsync(input);
        p.StandardInput.Close();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed");
        }
    }

    [GeneratedRegex("<form[^>]*method=\"post\".*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormRegex();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenRegex();
}
