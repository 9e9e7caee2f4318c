using System.CommandLine;
using System.Globalization;
using Kamino.Host.Cli;
using Kamino.Import;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Import;

/// <summary><c>kamino imports list</c> and <c>kamino imports undo ID</c>: the import history of a workspace.</summary>
public static class ImportsCommand
{
    private static readonly Argument<long> Id = new Argument<long>("ID").Help("Help_Imports_Id");

    public static Command Create() => new("imports", Say("Help_Imports"))
    {
        CreateList(),
        CreateUndo(),
    };

    private static Command CreateList()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("list", Say("Help_Imports_List")) { format };
        command.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null)
            {
                return ExitCodes.Failure;
            }

            var imports = await ImportHistory.For(ws.Db, ws.WorkspaceId).ToListAsync(ct);
            CliOutput.Print(parse.GetValue(format), imports,
                new CliColumn<ImportRecord>("#", "id", r => r.Id.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ImportRecord>(Say("Import_WhenUtc"), "importedAt", r => Utc(r.ImportedAt)),
                new CliColumn<ImportRecord>(Say("Import_File"), "fileName", r => r.FileName),
                new CliColumn<ImportRecord>(Say("Import_Format"), "format", r => r.Format),
                new CliColumn<ImportRecord>(Say("Import_Dialect"), "dialect", r => r.Dialect),
                new CliColumn<ImportRecord>(Say("Import_Delimiter"), "delimiter", r => r.Delimiter),
                new CliColumn<ImportRecord>(Say("Import_Encoding"), "encoding", r => r.Encoding),
                new CliColumn<ImportRecord>(Say("Import_Added"), "linesAdded", r => r.LinesAdded.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ImportRecord>(Say("Import_AlreadyImported"), "linesSkipped", r => r.LinesSkipped.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ImportRecord>(Say("Import_NewCustomers"), "customersAdded", r => r.CustomersAdded.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ImportRecord>(Say("Import_RejectedPartial"), "linesRejected", r => r.LinesRejected.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ImportRecord>(Say("Import_RejectsFile"), "rejectsFile", r => r.RejectsFile),
                new CliColumn<ImportRecord>(Say("Import_UndoneUtc"), "undoneAt", r => r.UndoneAt is { } u ? Utc(u) : null),
                new CliColumn<ImportRecord>("SHA-256", "sha256", r => r.Sha256));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateUndo()
    {
        var command = new Command("undo", Say("Help_Imports_Undo")) { Id };
        command.SetAction(async (parse, ct) =>
        {
            var database = await CliContext.ExistingDatabaseAsync(parse, ct);
            var workspace = parse.GetValue(KaminoCli.Workspace)!;
            var id = parse.GetValue(Id);
            var result = await ImportHistory.UndoAsync(database, workspace, id, null, TimeProvider.System, ct);
            switch (result.Outcome)
            {
                case UndoOutcome.Undone:
                    KaminoCli.Out.WriteLine(Say("Import_Undone", Number(id), result.FileName, result.LinesRemoved, result.CustomersRemoved, result.CustomersKept));
                    return ExitCodes.Ok;
                case UndoOutcome.WorkspaceNotFound:
                    await KaminoCli.Error.WriteLineAsync(Say("Cli_NoWorkspace", workspace));
                    return ExitCodes.Failure;
                case UndoOutcome.ImportNotFound:
                    await KaminoCli.Error.WriteLineAsync(Say("Import_NoImport", Number(id), workspace));
                    return ExitCodes.Failure;
                case UndoOutcome.AlreadyUndone:
                    await KaminoCli.Error.WriteLineAsync(Say("Import_AlreadyUndone", Number(id), result.FileName));
                    return ExitCodes.Failure;
                default:
                    throw new InvalidOperationException(result.Outcome.ToString());
            }
        });
        return command;
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Utc(DateTimeOffset at)
 => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
