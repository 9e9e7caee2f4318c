using Kamino.Backup;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.Jobs;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Backup;

/// <summary>One backup as a Director sees it.</summary>
/// <param name="File">The copy's file name (no folder).</param>
/// <param name="Trigger"><c>daily</c>, <c>cli</c> or <c>api</c>.</param>
/// <param name="Result">"verified: …" or "failed: …".</param>
public sealed record BackupRunDto(DateTimeOffset FinishedAt, bool Succeeded, string File, string Trigger, long Bytes, long Rows, string? SchemaVersion, string Result)
{
    public static BackupRunDto? Of(BackupRun? r) => r is null ? null
        : new BackupRunDto(r.FinishedAt, r.Succeeded, r.File, r.Trigger, r.Bytes, r.Rows, r.SchemaVersion, r.Result);
}

/// <summary>The installation's backups (every workspace of it shares one database): the daily setting and the last runs.</summary>
/// <param name="Daily">Whether serve takes a daily backup.</param>
/// <param name="Off">Why not, when it does not.</param>
/// <param name="Keep">Daily copies kept.</param>
/// <param name="HourUtc">Hour (UTC) of the daily backup.</param>
/// <param name="Last">The last backup, whatever its result; null: none yet.</param>
/// <param name="LastSucceeded">The last verified backup.</param>
public sealed record BackupStatusDto(bool Daily, string? Off, int Keep, int HourUtc, BackupRunDto? Last, BackupRunDto? LastSucceeded);

/// <summary><c>GET|POST /api/workspaces/{workspace}/settings/backup</c>: a Director's view of the backups, and "back up now".</summary>
public static class BackupApi
{
    public static IEndpointRouteBuilder MapBackupApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/settings/backup").WithTags("Backup");
        // Every GET declares View (CsrfTests: no read needs more) and no View endpoint answers 403 (AccessControlTests):
        // the handler keeps the status to Directors by answering 404 to every other role, which tells them nothing.
        group.MapGet("/", GetAsync)
            .WithSummary("The daily backup setting and the last backup's time and result (Director; 404 for other roles)")
            .RequirePermission(Permission.View);
        group.MapPost("/", TakeAsync)
            .WithSummary("Take a backup now into the daily backup's folder, verified (Director); 409 when the daily backup is off")
            .RequirePermission(Permission.ManageSettings);
        return app;
    }

    public static async Task<BackupStatusDto> StatusAsync(KaminoDb db, BackupSettings settings, CancellationToken ct)
    {
        var (last, good) = await Backups.LastAsync(db, ct);
        return new BackupStatusDto(settings.Folder is not null, settings.Off, settings.Keep, settings.HourUtc, BackupRunDto.Of(last), BackupRunDto.Of(good));
    }

    private static async Task<Results<Ok<BackupStatusDto>, ProblemHttpResult>> GetAsync(CurrentMember m, KaminoDb db, BackupSettings settings, CancellationToken ct) =>
        m.Can(Permission.ManageSettings)
            ? TypedResults.Ok(await StatusAsync(db, settings, ct))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The backup status is a Director's.");

    private static async Task<Results<Ok<BackupRunDto>, ProblemHttpResult>> TakeAsync(KaminoDatabase database, BackupSettings settings, TimeProvider clock, CancellationToken ct)
    {
        if (settings.Folder is not { } folder)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No backup folder", detail: "The daily backup is off: " + settings.Off);
        }

        var outcome = await Backups.TakeAsync(database, Path.Combine(folder, Backups.DailyPrefix + clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + (database.Provider == DatabaseProvider.Sqlite ? "-now.db" : "-now.dump")),
            Backups.Api, JobLedger.ThisNode, clock, ct);
        return outcome.Ok
            ? TypedResults.Ok(BackupRunDto.Of(outcome.Run)!)
            : TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The backup failed", detail: outcome.Run.Result);
    }
}
