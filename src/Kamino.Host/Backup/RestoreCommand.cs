using System.CommandLine;
using Kamino.Backup;
using Kamino.Data;
using Kamino.Host.Cli;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Backup;

/// <summary>
/// <c>kamino restore FILE [--db TARGET]</c>: checks the copy (integrity, schema version this build knows, rows), refuses
/// while a serve uses the target, replaces the target atomically and keeps the replaced database aside
/// (<see cref="SqliteRestore"/>, <see cref="PostgresCopies.RestoreAsync"/>).
/// </summary>
public static class RestoreCommand
{
    private static readonly Argument<FileInfo> File = new Argument<FileInfo>("FILE").Help("Help_Restore_File");

    public static Command Create()
    {
        var command = new Command("restore", Say("Help_Restore")) { File };
        command.SetAction(async (parse, ct) =>
        {
            var target = CliContext.DatabaseOf(parse);
            if (target.Provider == DatabaseProvider.Postgres && PostgresCopies.ToolsFolder() is null)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Cli_Error", PostgresCopies.NoTools));
                return ExitCodes.Failure;
            }

            var copy = parse.GetValue(File)!.FullName;
            var result = target.Provider switch
            {
                DatabaseProvider.Sqlite => await SqliteRestore.RestoreAsync(copy, target, CliContext.Clock, ct),
                DatabaseProvider.Postgres => await PostgresCopies.RestoreAsync(copy, target, CliContext.Clock, ct),
            };
            if (!result.Ok)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Backup_NotRestored", copy, target.Describe(), result.Problem));
                return result.Copy.Ok ? ExitCodes.Failure : ExitCodes.Rejected;
            }

            var w = KaminoCli.Out.Profile.Out.Writer;
            BackupCommand.PrintTables(w, result.Copy);
            var migrated = result.Migrated.Count > 0 ? Say("Backup_ThenMigrated", string.Join(", ", result.Migrated)) : ".";
            w.WriteLine(Say("Backup_Restored", copy, target.Describe(), result.Copy.Tables.Count, result.Copy.Rows, result.Copy.SchemaVersion) + migrated);
            if (result.KeptAside is { } aside)
            {
                w.WriteLine(Say("Backup_KeptAside", aside));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
