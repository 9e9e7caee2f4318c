using System.CommandLine;
using System.Globalization;
using Kamino.Host.Cli;
using Kamino.Import;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Import;

/// <summary><c>kamino import FILE…</c>: imports sales files, each whole or not at all.</summary>
public static class ImportCommand
{
    private static readonly Argument<FileInfo[]> Files = new Argument<FileInfo[]>("FILE")
    {
        Arity = ArgumentArity.OneOrMore,
    }.Help("Help_Import_Files");

    private static readonly Option<bool> DryRun = new Option<bool>("--dry-run").Help("Help_Import_DryRun");

    private static readonly Option<bool> Replace = new Option<bool>("--replace").Help("Help_Import_Replace");

    private static readonly Option<bool> KeepValid = new Option<bool>("--keep-valid").Help("Help_Import_KeepValid");

    private static readonly Option<FileInfo?> Rejects = new Option<FileInfo?>("--rejects").Help("Help_Import_Rejects");

    private static readonly Option<FileInfo?> ProblemsFile = new Option<FileInfo?>("--problems").Help("Help_Import_ProblemsFile");

    private static readonly SalesFileOptions Read = new();

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var command = new Command("import", Say("Help_Import"))
        {
            Files,
            DryRun,
            Replace,
            KeepValid,
            Rejects,
            ProblemsFile,
        };
        Read.AddTo(command);
        command.Options.Add(format);
        command.SetAction(async (parse, ct) =>
        {
            if (!Read.TryRead(parse, out var csv, out var mapError))
            {
                await KaminoCli.Error.WriteLineAsync(mapError);
                return ExitCodes.Usage;
            }

            var keepValid = parse.GetValue(KeepValid);
            if (parse.GetValue(Rejects) is not null && !keepValid)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Import_RejectsNeedKeepValid"));
                return ExitCodes.Usage;
            }

            var database = await CliContext.CreatedDatabaseAsync(parse, ct);
            var importer = new SalesImporter(database, TimeProvider.System);
            var workspace = parse.GetValue(KaminoCli.Workspace)!;
            var results = new List<ImportResult>();
            var exit = ExitCodes.Ok;
            using var inputs = ImportInputs.Expand(parse.GetValue(Files)!.Select(f => f.FullName));
            using var allProblems = parse.GetValue(ProblemsFile) is { } problemsPath ? ImportProblemsCsv.Create(problemsPath.FullName, CultureInfo.CurrentUICulture) : null;
            var rejectsPath = keepValid ? (parse.GetValue(Rejects)?.FullName ?? Path.GetFullPath("rejects.csv")) : null;
            using var rejects = rejectsPath is null ? null : ImportProblemsCsv.Create(rejectsPath, CultureInfo.CurrentUICulture);
            foreach (var problem in inputs.Problems)
            {
                allProblems?.Write(problem);
                await KaminoCli.Error.WriteLineAsync(Say("Import_InputRejected", problem.In(CultureInfo.CurrentUICulture)));
                exit = ExitCodes.Rejected;
            }

            foreach (var file in inputs.Files)
            {
                rejects?.Mark();
                var request = new ImportRequest(workspace, file.Path, file.DisplayName, csv, parse.GetValue(DryRun), parse.GetValue(Replace), parse.GetValue(Read.Sheet), ImportActor.CommandLine(),
                    keepValid, allProblems is null ? null : allProblems.Write, rejects is null ? null : rejects.Write, rejectsPath);
                var result = await RunWithProgressAsync(importer, request, ct);
                results.Add(result);
                if (!result.Imported && !result.DryRun)
                {
                    rejects?.DropSinceMark();
                }

                if (result.DialectAmbiguous)
                {
                    // The user is asked: nothing of this file was written, and the files after it wait for the answer.
                    foreach (var p in result.Problems)
                    {
                        await KaminoCli.Error.WriteLineAsync(p.In(CultureInfo.CurrentUICulture));
                    }

                    exit = ExitCodes.Usage;
                    break;
                }

                foreach (var line in WarningLines(result))
                {
                    await KaminoCli.Error.WriteLineAsync(line);
                }

                if (!result.Imported && !result.DryRun)
                {
                    exit = ExitCodes.Rejected;
                    foreach (var line in ProblemLines(result))
                    {
                        await KaminoCli.Error.WriteLineAsync(line);
                    }

                    await KaminoCli.Error.WriteLineAsync(Say(result.ProblemCount == 1 ? "Import_FileRejectedOne" : "Import_FileRejected", result.File, result.ProblemCount));
                }
            }

            if (rejects is not null && rejects.Rows > 0)
            {
                await KaminoCli.Error.WriteLineAsync(Say(rejects.Rows == 1 ? "Import_RejectsWrittenOne" : "Import_RejectsWritten", rejects.Rows, rejectsPath));
            }

            rejects?.Dispose();
            if (rejects is { Rows: 0 })
            {
                File.Delete(rejectsPath!);
            }

            Print(parse.GetValue(format), results);
            return exit;
        });
        return command;
    }

    private static async Task<ImportResult> RunWithProgressAsync(SalesImporter importer, ImportRequest request, CancellationToken ct)
    {
        var console = KaminoCli.Out;
        if (!console.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            return await importer.ImportAsync(request, (IProgress<int>?)null, ct);
        }

        ImportResult? result = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(request.DisplayName ?? request.Path)).IsIndeterminate();
                var started = TimeProvider.System.GetTimestamp();
                var progress = new Progress<int>(rows =>
                {
                    var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
                    task.Description = Markup.Escape(Say("Import_Progress", request.DisplayName, rows, seconds > 0 ? rows / seconds : 0));
                });
                result = await importer.ImportAsync(request, progress, ct);
                task.StopTask();
            });
        return result!;
    }

    private static void Print(OutputFormat format, List<ImportResult> results) => CliOutput.Print(
        format,
        results,
        w =>
        {
            w.WriteLine("file,imported,dryRun,importId,linesRead,linesAdded,linesSkipped,linesReplaced,customersAdded,problems,format,dialect,delimiter,encoding,linesRejected,warnings");
            foreach (var r in results)
            {
                w.WriteLine(string.Join(',', CliFormat.CsvField(r.File), r.Imported ? "true" : "false", r.DryRun ? "true" : "false",
                    CliFormat.CsvNumber(r.ImportId), CliFormat.CsvNumber(r.LinesRead), CliFormat.CsvNumber(r.LinesAdded),
                    CliFormat.CsvNumber(r.LinesSkipped), CliFormat.CsvNumber(r.LinesReplaced), CliFormat.CsvNumber(r.CustomersAdded), CliFormat.CsvNumber(r.ProblemCount), CliFormat.CsvField(r.Format),
                    CliFormat.CsvField(r.Dialect), CliFormat.CsvField(r.Delimiter), CliFormat.CsvField(r.Encoding), CliFormat.CsvNumber(r.LinesRejected), CliFormat.CsvNumber(r.WarningCount)));
            }
        },
        console =>
        {
            foreach (var r in results)
            {
                if (r.DryRun)
                {
                    console.MarkupLineInterpolated($"[yellow]{r.File}[/] ({ReadAs(r)}): {Say("Import_DryRunSummary", r.LinesRead, r.LinesAdded, r.LinesReplaced, r.LinesSkipped, r.CustomersAdded)}{Warned(r)}");
                }
                else if (r.Imported)
                {
                    console.MarkupLineInterpolated($"[green]{r.File}[/] ({ReadAs(r)}): {Say("Import_Summary", r.ImportId, r.LinesRead, r.LinesAdded, r.LinesReplaced, r.LinesSkipped, r.CustomersAdded)}{Partial(r)}{Warned(r)}");
                }
            }
        });

    private static string Warned(ImportResult r) => r.WarningCount == 0 ? "" : Say(r.WarningCount == 1 ? "Import_WarnedOne" : "Import_Warned", r.WarningCount);

    private static string Partial(ImportResult r) => r.LinesRejected == 0 ? "" : Say("Import_Partial", r.LinesRejected);

    private static string ReadAs(ImportResult r) => r.Format switch
    {
        null or "csv" => Say("Import_ReadAsCsv", r.Dialect, r.Delimiter, r.Encoding),
        "xlsx" => Say("Import_ReadAsXlsx", r.Dialect),
        _ => r.Format,
    };

    /// <summary>
    /// A rejected file's problems for the terminal, grouped by kind: a heading <c>file: N kind:</c>, each example as
    /// Core words it in the run's language (<c>file:line: reason</c>), then how many more there are.
    /// </summary>
    private static IEnumerable<string> ProblemLines(ImportResult result)
    {
        foreach (var g in result.ProblemGroups ?? [])
        {
            yield return Say("Import_ProblemGroup", result.File, g.Count, Kind(g.Kind, g.Count));
            foreach (var p in g.Examples)
            {
                yield return p.In(CultureInfo.CurrentUICulture);
            }

            if (g.Count > g.Examples.Count)
            {
                yield return Say("Import_ProblemGroupMore", result.File, g.Count - g.Examples.Count, Kind(g.Kind, 2));
            }
        }
    }

    /// <summary>
    /// A file's warnings for the terminal: a line <c>file: N warnings (imported anyway):</c>, then each as <c>file:line: reason</c>,
    /// then how many more there are. Nothing when the file has none.
    /// </summary>
    private static IEnumerable<string> WarningLines(ImportResult result)
    {
        if (result.WarningCount == 0)
        {
            yield break;
        }

        var besides = result.Imported || result.DryRun ? "Import_WarningsNotStopping" : "Import_WarningsBesidesProblems";
        yield return Say(result.WarningCount == 1 ? besides + "One" : besides, result.File, result.WarningCount);
        foreach (var w in result.Warnings)
        {
            yield return w.In(CultureInfo.CurrentUICulture);
        }

        if (result.WarningCount > result.Warnings.Count)
        {
            yield return Say("Import_WarningsMore", result.File, result.WarningCount - result.Warnings.Count);
        }
    }

    /// <summary>A kind of problem in the run's language, singular for one.</summary>
    private static string Kind(ImportProblemKind kind, int count) => Say($"Import_Kind_{kind}{(count == 1 ? "_One" : "")}");
}
