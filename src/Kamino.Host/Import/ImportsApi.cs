using System.Globalization;
using Kamino.Data;
using Kamino.Host.Web;
using Kamino.Import;
using Kamino.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Import;

/// <summary>
/// Imports over HTTP: <c>/api/workspaces/{workspace}/imports</c>. Uploads (multipart/form-data, .zip archives
/// too) go into a fresh temporary folder that is deleted after the request, and through the engine of
/// <c>kamino import</c>: each file whole or not at all.
/// </summary>
public static class ImportsApi
{
    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var max = WebImports.MaxBytes(app.ServiceProvider.GetRequiredService<IConfiguration>());
        var group = app.MapWorkspaceApi("/imports").WithTags("Imports").RequireExpensiveLimit();
        group.MapGet("/", ListAsync).WithSummary("The import history, oldest first (as kamino imports list --format json)").RequirePermission(Permission.View);
        group.MapPost("/", ImportAsync)
            .WithSummary("Import sales files (CSV, .xlsx, UBL/Facturae/CII XML, .zip): per file the result of kamino import --format json; 422 when a file is rejected")
            .WithDescription("Form fields: files (one or more), dialect (auto|en|es), encoding, map (FIELD=COLUMN, repeatable), replace, dryRun, sheet, keepValid. "
                + "Query problems=csv: answer 200 text/csv with every problem of every file (file,line,kind,reason,row; with keepValid the skipped rows too) instead of the JSON; the header Kamino-Rejected-Files counts the files rejected.")
            .WithUploadLimit(max)
            .RequirePermission(Permission.Import);
        group.MapPost("/preview", PreviewAsync)
            .WithSummary("How each file would be read (format, encoding, delimiter, dialect, column mapping) and its first rows; nothing is stored")
            .WithUploadLimit(max)
            .RequirePermission(Permission.Import);
        // View, as every GET (CsrfTests): only a member who imported has a token, and it answers only to them.
        group.MapGet("/downloads/{token}", Download)
            .WithSummary("A file the import page offered after an import (all problems, rejected rows) to the user who made it: text/csv")
            .RequirePermission(Permission.View);
        group.MapDelete("/{id:long}", UndoAsync).WithSummary("Undo an import (as kamino imports undo ID)").RequirePermission(Permission.Import);
        return app;
    }

    // Writes need a bearer token (ApiAuthentication), which a cross-site form cannot send: no antiforgery token.
    // The form is read by the handler rather than bound: bound form parameters make routing answer 415 to
    // other content types before authentication, and 401/404/403 must come first.
    private static RouteHandlerBuilder WithUploadLimit(this RouteHandlerBuilder builder, long max) => builder
        .DisableAntiforgery()
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var text = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String };
            operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new Microsoft.OpenApi.OpenApiSchema
                        {
                            Type = Microsoft.OpenApi.JsonSchemaType.Object,
                            Properties = new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>
                            {
                                ["files"] = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.Array, Items = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" } },
                                ["dialect"] = text,
                                ["encoding"] = text,
                                ["map"] = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.Array, Items = text },
                                ["replace"] = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.Boolean },
                                ["dryRun"] = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.Boolean },
                                ["sheet"] = text,
                                ["keepValid"] = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.Boolean },
                            },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        })
        .WithMetadata(new RequestSizeLimitAttribute(max))
        .WithFormOptions(multipartBodyLengthLimit: max)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    internal static async Task<Ok<List<ImportDto>>> ListAsync(CurrentMember member, KaminoDb db, CancellationToken ct) =>
        TypedResults.Ok(await ImportHistory.For(db, member.WorkspaceId).Select(ImportDto.FromRecord).ToListAsync(ct));

    internal static Results<PhysicalFileHttpResult, ProblemHttpResult> Download(string token, CurrentMember member, ImportDownloads downloads) =>
        downloads.Find(token, member.WorkspaceId, member.UserId) is { } d
            ? TypedResults.PhysicalFile(d.Path, "text/csv; charset=utf-8", d.FileName)
            : ChangeResults.NotFound("No such download: it is offered only to who imported, until they leave the import page.");

    internal static async Task<Results<Ok<UndoResult>, ProblemHttpResult>> UndoAsync(long id, CurrentMember member, KaminoDatabase database, TimeProvider clock, CancellationToken ct)
    {
        var result = await ImportHistory.UndoAsync(database, member.Slug, id, member.UserId, clock, ct);
        return result.Outcome switch
        {
            UndoOutcome.Undone => TypedResults.Ok(result),
            UndoOutcome.AlreadyUndone => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already undone", detail: $"Import #{id} ({result.FileName}) was already undone."),
            UndoOutcome.ImportNotFound or UndoOutcome.WorkspaceNotFound => ChangeResults.NotFound($"No import #{id} in this workspace."),
        };
    }

    /// <summary>
    /// Imports every uploaded file (archives expanded). 200 with one result per file when none was rejected
    /// (a dry run included); otherwise 422 problem details listing every problem as <c>file:line: reason</c>, with
    /// the results of all files (those not rejected were imported). A file whose dialect cannot be told stops
    /// the request there, as <c>kamino import</c> does: the files after it wait for a <c>dialect</c>.
    /// </summary>
    internal static async Task<Results<Ok<List<ImportResult>>, FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request, CurrentMember member, KaminoDatabase database, TimeProvider clock, IConfiguration configuration, ImportGate gate, CancellationToken ct)
    {
        var asCsv = request.Query["problems"].ToString();
        if (asCsv.Length > 0 && asCsv != "csv")
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["problems"] = ["csv, or leave it out for JSON."] });
        }

        using var held = gate.TryEnter(member.WorkspaceId);
        var (form, refused) = held is null ? (null, Busy()) : await FormAsync(request, configuration, ct);
        if (refused is not null)
        {
            return refused;
        }

        var files = form!.Files;
        var (choices, invalid) = Choices(files, form["dialect"], form["encoding"], [.. form["map"].Select(v => v ?? "")], Flag(form["replace"]), Flag(form["dryRun"]), form["sheet"], Flag(form["keepValid"]));
        if (choices is null)
        {
            return TypedResults.ValidationProblem(invalid!);
        }

        using var all = asCsv.Length > 0 ? ImportProblemsCsv.CreateTemporary() : null;
        using var folder = UploadFolder.Create();
        var (inputs, tooLarge) = await SaveAsync(files, folder, configuration, ct);
        using (inputs)
        {
            var results = new List<ImportResult>();
            var problems = tooLarge.Select(name => $"{name}: larger than the upload limit; rejected, nothing imported").ToList();
            problems.AddRange(inputs.Problems.Select(p => $"{p}: rejected, nothing imported"));
            foreach (var p in tooLarge.Select(name => new ImportProblem(name, 0, Said.Of("import.upload-too-large"), ImportProblemKind.File)).Concat(inputs.Problems))
            {
                all?.Write(p);
            }

            var stopped = false;
            foreach (var file in inputs.Files)
            {
                var result = await WebImports.ImportAsync(database, clock, member.Slug, member.UserId, file, choices, null, ct, all);
                results.Add(result);
                if (!result.Imported && !result.DryRun)
                {
                    problems.AddRange(WebImports.ProblemLines(result, headings: false));
                }

                if (result.DialectAmbiguous)
                {
                    stopped = inputs.Files[^1] != file;
                    break;
                }
            }

            var rejected = results.Count(r => !r.Imported && !r.DryRun) + tooLarge.Count + inputs.Problems.Count;
            if (all is not null)
            {
                request.HttpContext.Response.Headers["Kamino-Rejected-Files"] = rejected.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Stream(all.Detach(), "text/csv; charset=utf-8", "import-problems.csv");
            }

            if (problems.Count == 0)
            {
                return TypedResults.Ok(results);
            }

            var detail = $"{rejected} file(s) rejected: nothing of them was stored." + (stopped ? " The files after the one whose dialect could not be told were not imported: send them again with dialect=en or dialect=es." : "");
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Import rejected", detail: detail,
                extensions: new Dictionary<string, object?> { ["problems"] = problems, ["results"] = results });
        }
    }

    /// <summary>How each uploaded file (archives expanded) would be read, and its first rows; nothing is stored.</summary>
    internal static async Task<Results<Ok<List<ImportPreview>>, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        HttpRequest request, CurrentMember member, IConfiguration configuration, ImportGate gate, CancellationToken ct)
    {
        using var held = gate.TryEnter(member.WorkspaceId);
        var (form, refused) = held is null ? (null, Busy()) : await FormAsync(request, configuration, ct);
        if (refused is not null)
        {
            return refused;
        }

        var files = form!.Files;
        var (choices, invalid) = Choices(files, form["dialect"], form["encoding"], [.. form["map"].Select(v => v ?? "")], null, null, form["sheet"], null);
        if (choices is null)
        {
            return TypedResults.ValidationProblem(invalid!);
        }

        using var folder = UploadFolder.Create();
        var (inputs, tooLarge) = await SaveAsync(files, folder, configuration, ct);
        using (inputs)
        {
            var previews = tooLarge.Select(p => Unreadable(new ImportProblem(p, 0, Said.Of("import.upload-too-large"), ImportProblemKind.File))).ToList();
            previews.AddRange(inputs.Problems.Select(Unreadable));
            previews.AddRange(inputs.Files.Select(f => ImportPreviews.Read(f.Path, f.DisplayName, choices.Csv, choices.Sheet)));
            return TypedResults.Ok(previews);
        }
    }

    private static ProblemHttpResult Busy() => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Import running",
        detail: "Another import or preview into this workspace is running: send this one again when it has finished.");

    /// <summary>
    /// The posted form; an empty one when the request is not a form (then "files" is reported missing); a problem
    /// when it is over the size limit or holds more files than a request may (413) or is not a readable form (400).
    /// </summary>
    private static async Task<(IFormCollection? Form, ProblemHttpResult? Refused)> FormAsync(HttpRequest request, IConfiguration configuration, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return (FormCollection.Empty, null);
        }

        try
        {
            var form = await request.ReadFormAsync(ct);
            var maxFiles = WebImports.MaxFilesPerRequest(configuration);
            return form.Files.Count > maxFiles
                ? (null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload refused",
                    detail: string.Create(CultureInfo.InvariantCulture, $"{form.Files.Count} files sent: a request takes at most {maxFiles} (archives count as one file each).")))
                : (form, null);
        }
        catch (BadHttpRequestException e)
        {
            return (null, TypedResults.Problem(statusCode: e.StatusCode, title: "Upload refused", detail: e.Message));
        }
        catch (InvalidDataException e)
        {
            var tooLarge = e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase);
            return (null, TypedResults.Problem(statusCode: tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, title: "Upload refused", detail: e.Message));
        }
        catch (IOException e) when (!ct.IsCancellationRequested)
        {
            // A body cut short (the multipart boundary never closes) is the client's fault, not the server's: 400.
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Upload refused", detail: "The upload ended before the form was complete: " + e.Message));
        }
    }

    private static bool? Flag(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant() is "true" or "on" or "1" or "yes";

    private static ImportPreview Unreadable(ImportProblem problem) => new(problem.File, "zip", null, null, null, false, [], [], [], [problem], false);

    /// <summary>The form's options, or the validation problems of the fields that are wrong.</summary>
    internal static (ImportChoices? Choices, Dictionary<string, string[]>? Invalid) Choices(
        IFormFileCollection files, string? dialect, string? encoding, string[]? map, bool? replace, bool? dryRun, string? sheet, bool? keepValid)
    {
        var invalid = new Dictionary<string, string[]>();
        if (files.Count == 0)
        {
            invalid["files"] = ["Send one or more files (multipart/form-data)."];
        }

        dialect = string.IsNullOrWhiteSpace(dialect) ? "auto" : dialect.Trim().ToLowerInvariant();
        if (dialect is not ("auto" or "en" or "es"))
        {
            invalid["dialect"] = ["auto, en or es."];
        }

        string? canonical = null;
        if (!string.IsNullOrWhiteSpace(encoding) && (canonical = CsvEncodings.Canonical(encoding)) is null)
        {
            invalid["encoding"] = [$"One of {string.Join(", ", CsvEncodings.Names)}."];
        }

        if (!SalesFileOptions.TryParseMap(map ?? [], out var fields, out var mapError))
        {
            invalid["map"] = [mapError!.Replace("--map ", "", StringComparison.Ordinal)];
        }

        return invalid.Count > 0
            ? (null, invalid)
            : (new ImportChoices(dialect, canonical, fields, replace ?? false, dryRun ?? false, string.IsNullOrWhiteSpace(sheet) ? null : sheet, keepValid ?? false), null);
    }

    private static async Task<(ImportInputs Inputs, List<string> TooLarge)> SaveAsync(IFormFileCollection files, UploadFolder folder, IConfiguration configuration, CancellationToken ct)
    {
        var max = WebImports.MaxBytes(configuration);
        var saved = new List<string>();
        var tooLarge = new List<string>();
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            if (await folder.SaveAsync(stream, file.FileName, max, ct) is { } path)
            {
                saved.Add(path);
            }
            else
            {
                tooLarge.Add(WebImports.SafeFileName(file.FileName));
            }
        }

        return (ImportInputs.Expand(saved, WebImports.Budget(configuration)), tooLarge);
    }
}
