using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Web;

/// <summary>
/// What a load balancer or an orchestrator asks a node (issue 16 item 3), answered without sign-in and without
/// details (no version, no database name, no error text: an anonymous caller learns only yes or no):
/// <c>GET /healthz</c> — the process is alive and serving; <c>GET /readyz</c> — it can take traffic: the database
/// answers, every migration this build knows is applied, and the node is not shutting down.
/// </summary>
public static class Probes
{
    public const string LivePath = "/healthz";

    public const string ReadyPath = "/readyz";

    public static void MapProbes(this WebApplication app)
    {
        app.MapGet(LivePath, () => Results.Text("ok\n"))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet(ReadyPath, ReadyAsync)
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> ReadyAsync(KaminoDatabase database, IHostApplicationLifetime lifetime, ILoggerFactory logs, CancellationToken ct)
    {
        // A stopping node says so at once, so that the proxy sends new requests elsewhere while it drains.
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return NotReady();
        }

        try
        {
            await using var db = database.CreateDbContext();
            if (!await db.Database.CanConnectAsync(ct))
            {
                return NotReady();
            }

            var pending = await db.Database.GetPendingMigrationsAsync(ct);
            return pending.Any() ? NotReady() : Results.Text("ready\n");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reason goes to the log, not to the anonymous caller.
            logs.CreateLogger(typeof(Probes)).LogWarning(e, "Readiness check failed");
            return NotReady();
        }
    }

    private static IResult NotReady() => Results.Text("not ready\n", statusCode: StatusCodes.Status503ServiceUnavailable);
}
