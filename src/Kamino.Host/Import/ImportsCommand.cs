using System.CommandLine;
using System.Globalization;
using Kamino.Host.Cli;
using Kamino.Import;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Kamino.Host.Import;

/// <summary><c>kamino imports list</c> and <c>kamino imports undo ID</c>: the import history of a workspace.</summary>
public static class ImportsCommand
{
    private static readonly Argument<long> Id = new("ID") { Description = "Import number, as listed by 'kamino imports list'" };

    public static Command Create() => new("imports", "The imports of a workspace: list them, undo one")
    {
        CreateList(),
        CreateUndo(),
    };

    private static Command CreateList()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("list", "Every import of the workspace, oldest first; undone ones show when they were undone") { format };
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
                new CliColumn<ImportRecord>("When (UTC)", "importedAt", r => Utc(r.ImportedAt)),
                new CliColumn<ImportRecord>("File", "fileName", r => r.FileName),
                new CliColumn<ImportRecord>("Format", "format", r => r.Format),
                new CliColumn<ImportRecord>("Dialect", "dialect", r => r.Dialect),
                new CliColumn<ImportRecord>("Delimiter", "delimiter", r => r.Delimiter),
                new CliColumn<ImportRecord>("Encoding", "encoding", r => r.Encoding),
                new CliColumn<ImportRecord>("Added", "linesAdded", r => r.LinesAdded.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ImportRecord>("Already imported", "linesSkipped", r => r.LinesSkipped.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ImportRecord>("New customers", "customersAdded", r => r.CustomersAdded.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ImportRecord>("Rejected (partial)", "linesRejected", r => r.LinesRejected.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ImportRecord>("Rejects file", "rejectsFile", r => r.RejectsFile),
                new CliColumn<ImportRecord>("Undone (UTC)", "undoneAt", r => r.UndoneAt is { } u ? Utc(u) : null),
                new CliColumn<ImportRecord>("SHA-256", "sha256", r => r.Sha256));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateUndo()
    {
        var command = new Command("undo", "Remove the lines an import added, and the customers it created that have nothing else") { Id };
        command.SetAction(async (parse, ct) =>
        {
            var database = await CliContext.ExistingDatabaseAsync(parse, ct);
            var workspace = parse.GetValue(KaminoCli.Workspace)!;
            var id = parse.GetValue(Id);
            var result = await ImportHistory.UndoAsync(database, workspace, id, null, TimeProvider.System, ct);
            switch (result.Outcome)
            {
                case UndoOutcome.Undone:
                    KaminoCli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"import #{id} ({result.FileName}) undone: {result.LinesRemoved} lines and {result.CustomersRemoved} customers removed, {result.CustomersKept} customers kept (other lines, tasks, teams or designations)"));
                    return ExitCodes.Ok;
                case UndoOutcome.WorkspaceNotFound:
                    await KaminoCli.Error.WriteLineAsync($"workspace '{workspace}' does not exist");
                    return ExitCodes.Failure;
                case UndoOutcome.ImportNotFound:
                    await KaminoCli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"no import #{id} in workspace '{workspace}' (see kamino imports list)"));
                    return ExitCodes.Failure;
                case UndoOutcome.AlreadyUndone:
                    await KaminoCli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"import #{id} ({result.FileName}) was already undone"));
                    return ExitCodes.Failure;
                default:
                    throw new InvalidOperationException(result.Outcome.ToString());
            }
        });
        return command;
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
