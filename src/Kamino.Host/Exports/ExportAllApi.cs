using System.Globalization;
using Kamino.Data;
using Kamino.Exports;
using Kamino.Host.Web;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kamino.Host.Exports;

/// <summary>
/// <c>GET /api/workspaces/{workspace}/export/all.zip</c>: the whole workspace as <c>kamino export --all</c> writes it, in one
/// zip (docs/export-all.md). A Director's only: it holds every record, members' emails included.
/// </summary>
public static class ExportAllApi
{
    public static IEndpointRouteBuilder MapExportAllApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceApi("/export").WithTags("Exports");
        group.MapGet("/all.zip", AllAsync)
            .RequireExpensiveLimit()
            .WithSummary("Download every record of the workspace: CSV files, manifest.json and schema.json in one zip (Director only)")
            .WithDescription("The format of `kamino export --all` (docs/export-all.md): one CSV per table, the manifest with each file's rows and SHA-256, "
                + "a JSON Schema of the columns. No passwords, tokens or other secrets. `kamino import-export FILE.zip` restores it into an empty workspace.")
            // A GET declares only View (CsrfTests: no safe method needs more); the handler keeps the download to Directors
            // by answering 404 to every other role, like the backup status.
            .RequirePermission(Permission.View);
        return app;
    }

    /// <summary>The address of the download.</summary>
    public static string Link(string slug) => $"/api/workspaces/{Uri.EscapeDataString(slug)}/export/all.zip";

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> AllAsync(CurrentMember m, KaminoDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!m.Can(Permission.ManageSettings))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The whole-workspace export is a Director's.");
        }

        // Written to a temporary file first: a zip is written synchronously, and the response starts only once it is whole.
        var temp = new FileStream(Path.Combine(Path.GetTempPath(), $"kamino-export-{Guid.NewGuid():N}.zip"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            var manifest = await WorkspaceArchive.WriteZipAsync(db, m.WorkspaceId, temp, clock, ct);
            temp.Position = 0;
            await WorkspaceArchive.AuditAsync(db, m.WorkspaceId, m.UserId, "", manifest, clock, ct);
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"{m.Slug}-all-{m.Today(clock):yyyy-MM-dd}.zip");
        return TypedResults.Stream(temp, "application/zip", name);
    }
}
