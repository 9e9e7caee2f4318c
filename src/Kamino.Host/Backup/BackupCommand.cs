using System.CommandLine;
using System.Globalization;
using Kamino.Backup;
using Kamino.Data;
using Kamino.Host.Cli;
using Kamino.Jobs;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Backup;

/// <summary>
/// <c>kamino backup FILE</c>: a consistent copy of the database while serve and imports go on writing, checked before
/// it is kept (SQLite: online backup API, integrity check, rows per table equal to the database's in the copy's
/// snapshot, schema version; PostgreSQL: pg_dump from an exported snapshot, every data block read back and counted).
/// </summary>
public static class BackupCommand
{
    private static readonly Argument<FileInfo> File = new Argument<FileInfo>("FILE").Help("Help_Backup_File");

    public static Command Create()
    {
        var command = new Command("backup", Say("Help_Backup")) { File };
        command.SetAction(async (parse, ct) =>
        {
            var database = CliContext.DatabaseOf(parse);
            if (!database.Exists)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Backup_NoDatabase", database.SqlitePath));
                return ExitCodes.Failure;
            }

            if (database.Provider == DatabaseProvider.Postgres && PostgresCopies.ToolsFolder() is null)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Cli_Error", PostgresCopies.NoTools));
                return ExitCodes.Failure;
            }

            var file = parse.GetValue(File)!.FullName;
            var outcome = await Backups.TakeAsync(database, file, Backups.CommandLine, JobLedger.ThisNode, CliContext.Clock, ct);
            if (!outcome.Ok)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Backup_Failed", database.Describe(), file, outcome.Check.Problem));
                return ExitCodes.Failure;
            }

            var w = KaminoCli.Out.Profile.Out.Writer;
            PrintTables(w, outcome.Check);
            w.WriteLine(Say("Backup_Done", database.Describe(), outcome.File, outcome.Run.Bytes, Say(database.Provider == DatabaseProvider.Sqlite ? "Backup_IntegrityOk" : "Backup_BlocksReadBack"),
                outcome.Check.Tables.Count, outcome.Check.Rows, outcome.Check.SchemaVersion));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Rows per table, one line each.</summary>
    internal static void PrintTables(TextWriter w, CopyCheck check)
    {
        foreach (var t in check.Tables)
        {
            w.WriteLine(string.Create(CultureInfo.CurrentCulture, $"  {t.Table,-32} {t.Rows,12:N0}"));
        }
    }
}
