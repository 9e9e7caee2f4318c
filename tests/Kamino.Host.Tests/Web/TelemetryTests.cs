using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Kamino.Host.Web;
using Kamino.Workspaces;
using Microsoft.Extensions.Configuration;

namespace Kamino.Host.Tests.Web;

/// <summary>
/// Observability (issue 16 item 5): <c>/metrics</c> in Prometheus format only for the configured addresses, with the
/// request durations by route, web import rows and the PostgreSQL pool; JSON log lines that carry the request's id.
/// </summary>
public sealed partial class TelemetryTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Metrics_FromThisMachine_GiveRequestDurationsByRouteAndImportRows(bool postgres)
    {
        await using var server = await KaminoTestServer.StartAsync(postgres, SeedAsync);
        await server.AddUserAsync("director@acme.test", Role.Director, "acme");
        using var director = await server.BearerClientAsync("director@acme.test");
        using var anonymous = new HttpClient { BaseAddress = server.Address };
        var rowsBefore = ImportRows(await anonymous.GetStringAsync("metrics"));

        using (var tasks = await director.GetAsync("api/workspaces/acme/tasks/mine"))
        {
            Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);
        }

        using (var form = new MultipartFormDataContent())
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes("invoice_number,invoice_date,customer_id,customer_name,line_total\nT-1,2026-01-10,C1,Uno SL,100.00\nT-2,2026-01-11,C2,Dos SL,50.00\nT-3,2026-01-12,C1,Uno SL,25.00\n"));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(part, "files", "telemetry.csv");
            using var imported = await director.PostAsync("api/workspaces/acme/imports", form);
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        using var response = await anonymous.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Matches(@"http_server_request_duration_seconds_bucket\{[^}]*http_route=""/api/workspaces/\{workspace\}/tasks/mine""", text);
        Assert.Matches(@"http_server_request_duration_seconds_count\{[^}]*http_route=""/api/workspaces/\{workspace\}/imports/?""", text);
        // Other tests of this process may import at the same time (the meter is the process's): at least this one's rows.
        Assert.True(ImportRows(text) - rowsBefore >= 3, $"import rows went from {rowsBefore} to {ImportRows(text)}");
        Assert.Contains("kamino_import_rows_per_second_bucket", text, StringComparison.Ordinal);
        if (postgres)
        {
            // Npgsql's pool: connections in use and idle.
            Assert.Contains("db_client_connection", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_FromAnAddressNotAllowed_AreNotFoundAndShowNothing()
    {
        await using var server = await KaminoTestServer.StartAsync(SeedAsync, "--" + Telemetry.AllowFromSetting, "10.20.30.0/24, 192.0.2.7");
        using var anonymous = new HttpClient { BaseAddress = server.Address };

        using var response = await anonymous.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("http_server_request_duration", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.20.30.40", "10.20.30.0/24", true)]
    [InlineData("10.20.31.40", "10.20.30.0/24", false)]
    [InlineData("192.0.2.7", "192.0.2.7", true)]
    [InlineData("192.0.2.8", "192.0.2.7", false)]
    [InlineData("127.0.0.1", "", true)]
    [InlineData("::1", "", true)]
    [InlineData("10.0.0.1", "", false)]
    public void AllowedNetworks_MatchTheSettingOrThisMachineByDefault(string remote, string setting, bool allowed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [Telemetry.AllowFromSetting] = setting }).Build();

        var networks = Telemetry.AllowedNetworks(configuration);

        Assert.Equal(allowed, networks.Any(n => n.Contains(IPAddress.Parse(remote))));
    }

    [Fact]
    public void AllowedNetworks_WithAWrongEntry_StopTheStartNamingIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [Telemetry.AllowFromSetting] = "10.0.0.0/8, intranet" }).Build();

        var e = Assert.Throws<InvalidOperationException>(() => Telemetry.AllowedNetworks(configuration));

        Assert.Contains("'intranet'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WritesJsonLogLinesCarryingTheRequestIdItAnswers()
    {
        var directory = Directory.CreateTempSubdirectory("kamino-logs-");
        try
        {
            var path = Path.Combine(directory.FullName, "kamino.db");
            await new KaminoDatabase(path).MigrateAsync();
            using var serve = KaminoProcess.Start("serve", "--db", path, "--urls", "http://127.0.0.1:0");
            var address = await ListeningAddressAsync(serve);
            using var client = new HttpClient { BaseAddress = address };

            // A failed sign-in is written to the security log, inside the request.
            using var login = await client.PostAsJsonAsync("api/auth/login", new { email = "nobody@acme.test", password = "not the password at all" });
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
            var requestId = Assert.Single(login.Headers.GetValues(RequestLog.RequestIdHeader));

            var lines = await LinesAsync(serve, l => l.Contains(requestId, StringComparison.Ordinal));
            Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
            var security = lines.Select(l => JsonDocument.Parse(l).RootElement)
                .Where(l => l.GetProperty("Category").GetString() == "Kamino.Security")
                .Where(l => l.GetProperty("Scopes").EnumerateArray().Any(s => s.TryGetProperty("RequestId", out var id) && id.GetString() == requestId))
                .ToList();
            Assert.NotEmpty(security);
            Assert.Contains("nobody@acme.test", security[0].GetProperty("Message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        db.Workspaces.Add(new Workspace { Slug = "acme", Name = "Acme", Currency = "EUR", CreatedAt = TimeProvider.System.GetUtcNow() });
        await db.SaveChangesAsync();
    }

    /// <summary>The sum of <c>kamino_import_rows_total</c> over its outcomes (0 before any import).</summary>
    private static long ImportRows(string metrics) =>
        ImportRowsRegex().Matches(metrics).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    /// <summary>The address Kestrel chose, from the JSON start-up line "Now listening on: …".</summary>
    private static async Task<Uri> ListeningAddressAsync(KaminoProcess serve)
    {
        static bool Listening(string l) => l.Contains("Now listening on", StringComparison.Ordinal);
        var line = (await LinesAsync(serve, Listening)).First(Listening);
        using var json = JsonDocument.Parse(line);
        return new Uri(json.RootElement.GetProperty("State").GetProperty("address").GetString()! + "/");
    }

    /// <summary>Every stdout line so far, once one matches <paramref name="wanted"/> (at most 60 s).</summary>
    private static async Task<List<string>> LinesAsync(KaminoProcess serve, Func<string, bool> wanted)
    {
        for (var i = 0; i < 600; i++)
        {
            var lines = serve.StandardOutputSoFar.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (lines.Any(wanted))
            {
                return lines;
            }

            Assert.False(serve.HasExited, "kamino serve stopped:\n" + serve.StandardOutputSoFar);
            await Task.Delay(100);
        }

        throw new TimeoutException("no such log line within 60 s:\n" + serve.StandardOutputSoFar);
    }

    [GeneratedRegex(@"^kamino_import_rows_total\{[^}]*\} (\d+)", RegexOptions.Multiline)]
    private static partial Regex ImportRowsRegex();
}
