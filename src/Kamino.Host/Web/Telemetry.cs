using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Kamino.Host.Web;

/// <summary>
/// Metrics for operators: OpenTelemetry in Prometheus text format on <c>GET /metrics</c>, answered only to the
/// addresses of <see cref="AllowFromSetting"/> (default: this machine, 127.0.0.1/8 and ::1); anyone else gets the
/// ordinary "not found". Measured: ASP.NET Core's request duration by route (<c>http_server_request_duration_seconds</c>,
/// label <c>http_route</c>) and Kestrel's connections, Npgsql's connection pool (<c>db_client_connection_*</c>, PostgreSQL
/// only: SQLite has no pool worth watching), and Kamino's own <see cref="Meter"/>: web import rows and rows per second,
/// daily job runs by job and outcome.
/// </summary>
public static class Telemetry
{
    public const string AllowFromSetting = "Kamino:Metrics:AllowFrom";

    public const string Path = "/metrics";

    /// <summary>Kamino's own instruments.</summary>
    public static readonly Meter Meter = new("Kamino");

    private static readonly Counter<long> ImportRows = Meter.CreateCounter<long>("kamino.import.rows", "{row}", "Sale lines read by imports made through the web app, by outcome");

    private static readonly Histogram<double> ImportSpeed = Meter.CreateHistogram<double>("kamino.import.rows_per_second", "{row}/s", "Rows per second of each import made through the web app");

    private static readonly Counter<long> JobRuns = Meter.CreateCounter<long>("kamino.job.runs", "{run}", "Runs of the background jobs, by job and outcome (done, skipped: another node or run did it, failed)");

    private static readonly Counter<long> Reads = Meter.CreateCounter<long>("kamino.db.reads", "{request}", "Requests whose analysis reads went to the standby or the primary, by route (standby, standbyBehind, standbyFailed, standbyResting), with --read-db");

    public static IServiceCollection AddKaminoTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().ConfigureResource(r => r.AddService("kamino")).WithMetrics(m => m
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Npgsql", Meter.Name)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Answers <see cref="Path"/> to the allowed addresses; other callers fall through to "not found".</summary>
    public static IApplicationBuilder UseKaminoMetrics(this IApplicationBuilder app, IConfiguration configuration)
    {
        var allowed = AllowedNetworks(configuration);
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(http =>
            http.Request.Path == Path && http.Connection.RemoteIpAddress is { } remote && allowed.Any(n => n.Contains(Normal(remote))));
    }

    /// <summary>The networks of <see cref="AllowFromSetting"/> (an address alone is a network of one).</summary>
    public static IReadOnlyList<IPNetwork> AllowedNetworks(IConfiguration configuration)
    {
        var entries = TrustedProxies.Entries(configuration, AllowFromSetting);
        if (entries.Count == 0)
        {
            entries = ["127.0.0.0/8", "::1/128"];
        }

        return [.. entries.Select(e => TrustedProxies.Parse(e, AllowFromSetting) switch
        {
            (_, { } network) => network,
            (var address, _) => One(Normal(address!)),
        })];

        static IPNetwork One(IPAddress a) => new(a, a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }

    /// <summary>Records a finished web import: its rows and speed, with its outcome (imported, rejected, dry run).</summary>
    public static void Imported(int rows, TimeSpan elapsed, string outcome)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        ImportRows.Add(rows, tag);
        if (elapsed > TimeSpan.Zero && rows > 0)
        {
            ImportSpeed.Record(rows / elapsed.TotalSeconds, tag);
        }
    }

    /// <summary>Records one run of a background job.</summary>
    public static void JobRan(string job, string outcome) =>
        JobRuns.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Records where one request's analysis reads went (<see cref="ReadYourWrites"/>).</summary>
    public static void ReadRouted(Kamino.Data.ReadRoute route) =>
        Reads.Add(1, new KeyValuePair<string, object?>("route", System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(route.ToString())));

    /// <summary>Times <paramref name="import"/> and records it with <see cref="Imported"/>.</summary>
    public static async Task<Kamino.Import.ImportResult> MeasureImportAsync(Func<Task<Kamino.Import.ImportResult>> import)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await import();
        Imported(result.LinesRead, Stopwatch.GetElapsedTime(started), result.DryRun ? "dryRun" : result.Imported ? "imported" : "rejected");
        return result;
    }

    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
