using System.CommandLine;
using System.Globalization;
using Kamino.Exports;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Exports;

/// <summary>
/// <c>kamino export --all DIR|FILE.zip [--workspace X]</c>: every record of the workspace as CSV files with
/// <c>manifest.json</c> and <c>schema.json</c> (docs/export-all.md); <c>kamino import-export</c> reads it back.
/// </summary>
public static class ExportAllCommand
{
    private static readonly Option<string> All = new Option<string>("--all")
    {
        Required = true,
    }.Help("Help_ExportAll_All");

    public static Command Create()
    {
        var command = new Command("export", Say("Help_ExportAll_Export"))
        {
            All,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var target = Path.GetFullPath(parse.GetValue(All)!);
            ArchiveManifest manifest;
            if (target.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                var temp = target + ".part";
                await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    manifest = await WorkspaceArchive.WriteZipAsync(ws.Db, ws.WorkspaceId, file, CliContext.Clock, ct);
                }

                File.Move(temp, target, overwrite: true);
            }
            else
            {
                if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, ArchiveManifest.FileName)))
                {
                    await KaminoCli.Error.WriteLineAsync(Say("Exports_FolderNotEmpty", target));
                    return ExitCodes.Failure;
                }

                manifest = await WorkspaceArchive.WriteFolderAsync(ws.Db, ws.WorkspaceId, target, CliContext.Clock, ct);
            }

            await WorkspaceArchive.AuditAsync(ws.Db, ws.WorkspaceId, null, $" by {Environment.UserName} (kamino export --all)", manifest, CliContext.Clock, ct);
            var rows = manifest.Files.Sum(f => f.Rows);
            KaminoCli.Out.WriteLine(Say("Exports_Exported", ws.Slug, manifest.Files.Count.ToString(CultureInfo.InvariantCulture), rows.ToString(CultureInfo.InvariantCulture), target));
            return ExitCodes.Ok;
        });
        return command;
    }
}
