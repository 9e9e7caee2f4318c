using System.CommandLine;
using System.Globalization;
using Kamino.Exports;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Exports;

/// <summary>
/// <c>kamino import-export DIR|FILE.zip [--workspace NEW]</c>: restores a <c>kamino export --all</c> into a new or empty
/// workspace, all or nothing (docs/export-all.md).
/// </summary>
public static class ImportExportCommand
{
    private static readonly Argument<string> Source = new Argument<string>("DIR").Help("Help_ImportExport_Source");

    public static Command Create()
    {
        var command = new Command("import-export", Say("Help_ImportExport"))
        {
            Source,
        };
        command.SetAction(async (parse, ct) =>
        {
            var database = await CliContext.CreatedDatabaseAsync(parse, ct);
            await using var db = database.CreateDbContext();
            var slug = parse.GetResult(KaminoCli.Workspace) is { Implicit: false } ? parse.GetValue(KaminoCli.Workspace) : null;
            var result = await WorkspaceArchiveImport.FromPathAsync(db, parse.GetValue(Source)!, slug, ct);
            if (!result.Imported)
            {
                foreach (var problem in result.Problems)
                {
                    await KaminoCli.Error.WriteLineAsync(problem);
                }

                await KaminoCli.Error.WriteLineAsync(Say("Exports_NothingImported"));
                return ExitCodes.Rejected;
            }

            var inv = CultureInfo.InvariantCulture;
            KaminoCli.Out.WriteLine(Say("Exports_Restored", result.Workspace, result.Files.Sum(f => f.Rows).ToString(inv), result.Files.Count.ToString(inv),
                result.UsersMatched.ToString(inv), result.UsersCreated.ToString(inv)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
