using System.Globalization;
using Kamino.Data;
using Kamino.Host.Components;
using Kamino.Host.Web;
using Kamino.Import;
using Kamino.People;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace Kamino.Host.Import;

/// <summary>
/// The import page's interactive part: files chosen or dropped are streamed into a fresh temporary folder
/// (archives expanded as by the CLI), previewed with <see cref="ImportPreviews"/>, corrected per file (dialect,
/// encoding, column of each field: <c>--dialect</c>, <c>--encoding</c>, <c>--map</c>), then imported one by one
/// with <see cref="SalesImporter"/> while the rows read so far are shown. Every action checks again that the
/// signed-in user is a member who may import. The folder is deleted when the circuit ends the component.
/// </summary>
public sealed partial class ImportWizard
{
    private static readonly string[] Dialects = ["auto", "en", "es"];

    private readonly List<FileEntry> files = [];
    private readonly List<string> uploadProblems = [];
    private readonly List<ImportInputs> expanded = [];
    private UploadFolder? folder;
    private Stage stage = Stage.Choose;
    private bool ready;
    private bool busy;
    private bool dragging;
    private bool replace;
    private bool dryRun;
    private bool keepValid;
    private string? notice;
    private string? current;
    private int index;
    private ImportMeter? meter;
    private string? problemsLink;
    private string? rejectsLink;
    private readonly List<string> downloadTokens = [];

    private enum Stage
    {
        Choose,
        Importing,
        Done,
    }

    [Parameter, EditorRequired]
    public string Workspace { get; set; } = "";

    /// <summary>The page's culture, passed explicitly so the circuit formats exactly as the page does.</summary>
    [Parameter]
    public string Culture { get; set; } = "en";

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private KaminoDatabase Database { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ReadYourWrites ReadYourWrites { get; set; } = default!;

    [Inject]
    private IConfiguration Configuration { get; set; } = default!;

    /// <summary>One upload or import per workspace at a time, shared with the API (issue 10 item 6).</summary>
    [Inject]
    private ImportGate Gate { get; set; } = default!;

    [Inject]
    private ImportDownloads Downloads { get; set; } = default!;

    private CultureInfo CultureValue => CultureInfo.GetCultureInfo(Culture);

    private long MaxBytes => WebImports.MaxBytes(Configuration);

    private decimal MaxMegabytes => MaxBytes / 1_000_000m;

    /// <summary>One file to import with the user's corrections, its latest preview and, once imported, its result.</summary>
    private sealed class FileEntry(ImportInput input)
    {
        public ImportInput Input { get; } = input;

        public string Name => Input.DisplayName;

        public string Dialect { get; set; } = "auto";

        public string? Encoding { get; set; }

        public Dictionary<SaleField, string> Map { get; } = [];

        public ImportPreview? Preview { get; set; }

        public ImportResult? Result { get; set; }

        public ImportChoices Choices(bool replace, bool dryRun, bool keepValid = false) => new(Dialect, Encoding, new Dictionary<SaleField, string>(Map), replace, dryRun, KeepValid: keepValid);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // Tells the user (and the browser tests) that the circuit is up and the controls respond.
            ready = true;
            StateHasChanged();
        }
    }

    /// <summary>The signed-in member of this workspace if they may import; otherwise null, with the reason shown.</summary>
    private async Task<CurrentMember?> ImporterAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        CurrentMember? member = null;
        if (user is not null)
        {
            await using var db = Database.CreateDbContext();
            member = await CurrentMember.ResolveAsync(db, user, Workspace, CancellationToken.None);
        }

        if (member is null || !member.Can(Permission.Import))
        {
            notice = L["NotAllowed"];
            return null;
        }

        notice = null;
        return member;
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        dragging = false;
        if (await ImporterAsync() is not { } member)
        {
            return;
        }

        uploadProblems.Clear();
        using var held = Gate.TryEnter(member.WorkspaceId);
        if (held is null)
        {
            notice = L["ImportRunning"];
            return;
        }

        busy = true;
        try
        {
            folder ??= UploadFolder.Create();
            var saved = new List<string>();
            if (e.FileCount > WebImports.MaxFiles)
            {
                uploadProblems.Add(L["TooManyFiles", WebImports.MaxFiles]);
            }

            foreach (var file in e.GetMultipleFiles(WebImports.MaxFiles))
            {
                if (file.Size > MaxBytes)
                {
                    uploadProblems.Add(L["FileTooLarge", file.Name, Formats.Number(MaxMegabytes, 0, CultureValue)]);
                    continue;
                }

                await using var stream = file.OpenReadStream(MaxBytes);
                if (await folder.SaveAsync(stream, file.Name, MaxBytes, CancellationToken.None) is { } path)
                {
                    saved.Add(path);
                }
            }

            var inputs = ImportInputs.Expand(saved, WebImports.Budget(Configuration));
            expanded.Add(inputs);
            uploadProblems.AddRange(inputs.Problems.Select(p => p.In(CultureValue)));
            foreach (var input in inputs.Files)
            {
                var entry = new FileEntry(input);
                files.Add(entry);
                await PreviewAsync(entry);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private static async Task PreviewAsync(FileEntry entry)
    {
        var choices = entry.Choices(false, false);
        // Reading is synchronous file work: off the circuit's thread, so other events are not held up.
        entry.Preview = await Task.Run(() => ImportPreviews.Read(entry.Input.Path, entry.Name, choices.Csv));
    }

    private async Task SetDialectAsync(FileEntry entry, string? dialect)
    {
        if (await ImporterAsync() is null)
        {
            return;
        }

        entry.Dialect = Dialects.Contains(dialect) ? dialect! : "auto";
        await PreviewAsync(entry);
    }

    private async Task SetEncodingAsync(FileEntry entry, string? encoding)
    {
        if (await ImporterAsync() is null)
        {
            return;
        }

        entry.Encoding = CsvEncodings.Canonical(encoding);
        await PreviewAsync(entry);
    }

    private async Task SetMapAsync(FileEntry entry, SaleField field, string? column)
    {
        if (await ImporterAsync() is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(column) || entry.Preview?.Columns.Contains(column) != true)
        {
            entry.Map.Remove(field);
        }
        else
        {
            entry.Map[field] = column;
        }

        await PreviewAsync(entry);
    }

    private void Remove(FileEntry entry) => files.Remove(entry);

    private async Task ImportAsync()
    {
        if (files.Count == 0 || await ImporterAsync() is not { } member)
        {
            return;
        }

        using var held = Gate.TryEnter(member.WorkspaceId);
        if (held is null)
        {
            notice = L["ImportRunning"];
            return;
        }

        busy = true;
        stage = Stage.Importing;
        index = 0;
        ForgetDownloads();
        folder ??= UploadFolder.Create();
        var problemsPath = Path.Combine(folder.Path, "problems.csv");
        var rejectsPath = Path.Combine(folder.Path, "rejects.csv");
        var m = meter = new ImportMeter(files.Sum(f => new FileInfo(f.Input.Path).Length), Clock);
        var problems = ImportProblemsCsv.Create(problemsPath, CultureValue);
        var rejects = ImportProblemsCsv.Create(rejectsPath, CultureValue);
        try
        {
            foreach (var entry in files)
            {
                index++;
                current = entry.Name;
                entry.Result = null;
                StateHasChanged();
                var progress = new LiveProgress(p => InvokeAsync(() =>
                {
                    if (m.Report(p))
                    {
                        StateHasChanged();
                    }
                }));
                var choices = entry.Choices(replace, dryRun, keepValid);
                rejects.Mark();
                entry.Result = await Task.Run(() => WebImports.ImportAsync(Database, Clock, member.Slug, member.UserId, entry.Input, choices, progress, CancellationToken.None, problems, rejects));
                if (!entry.Result.Imported && !entry.Result.DryRun)
                {
                    rejects.DropSinceMark();
                }

                m.FileDone(new FileInfo(entry.Input.Path).Length, entry.Result.LinesRead);
            }
        }
        finally
        {
            problems.Dispose();
            rejects.Dispose();
            problemsLink = Offer(problems, problemsPath, member, "problems.csv");
            rejectsLink = Offer(rejects, rejectsPath, member, "rejects.csv");
            // A circuit sets no cookie: this node keeps the user's fence, so the next page shows the import.
            await ReadYourWrites.AfterWriteAsync(member.UserId);
            busy = false;
            current = null;
            stage = Stage.Done;
        }
    }

    /// <summary>The link to download <paramref name="csv"/>, when it holds any row.</summary>
    private string? Offer(ImportProblemsCsv csv, string path, CurrentMember member, string name)
    {
        if (csv.Rows == 0)
        {
            return null;
        }

        var token = Downloads.Add(new ImportDownloads.Download(path, member.WorkspaceId, member.UserId, name));
        downloadTokens.Add(token);
        return ImportDownloads.Link(Workspace, token);
    }

    private void ForgetDownloads()
    {
        foreach (var token in downloadTokens)
        {
            Downloads.Remove(token);
        }

        downloadTokens.Clear();
        problemsLink = null;
        rejectsLink = null;
    }

    /// <summary>Rows read, rows per second and, once known, the time left.</summary>
    private string Speed()
    {
        if (meter is null)
        {
            return "";
        }

        var speed = L["ImportProblems_Speed", Formats.Number(meter.Rows, 0, CultureValue), Formats.Number((decimal)meter.RowsPerSecond, 0, CultureValue)].Value;
        return meter.Left is { } left
            ? speed + " · " + L["ImportProblems_TimeLeft", left.ToString(left.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture)]
            : speed;
    }

    private void Restart()
    {
        files.Clear();
        uploadProblems.Clear();
        ForgetDownloads();
        DeleteUploads();
        stage = Stage.Choose;
    }

    private string ReadAs(ImportPreview p) => p.Format switch
    {
        "csv" => L["ReadAsCsv", p.Encoding ?? "?", p.Delimiter ?? "?", p.Dialect ?? "?"],
        "xlsx" => L["ReadAsXlsx", p.Dialect ?? "?"],
        _ => L["ReadAsEInvoice", p.Format],
    };

    private string DialectName(string dialect, ImportPreview p) => dialect switch
    {
        "en" => L["DialectEn"],
        "es" => L["DialectEs"],
        _ => p.Dialect is null ? L["DialectAuto"] : L["DialectAutoFound", p.Dialect],
    };

    private static string Outcome(ImportResult r) => r.DryRun ? "dry-run" : r.Imported ? "imported" : "rejected";

    private string OutcomeText(ImportResult r)
    {
        string text = r.DryRun ? L["OutcomeDryRun"] : r.Imported ? L["OutcomeImported", r.ImportId ?? 0] : L["OutcomeRejected", r.ProblemCount];
        return r.LinesRejected > 0 && (r.Imported || r.DryRun) ? text + "; " + L["ImportProblems_Partial", Formats.Number(r.LinesRejected, 0, CultureValue)] : text;
    }

    private void DeleteUploads()
    {
        foreach (var inputs in expanded)
        {
            inputs.Dispose();
        }

        expanded.Clear();
        folder?.Dispose();
        folder = null;
    }

    public void Dispose()
    {
        ForgetDownloads();
        DeleteUploads();
    }

    /// <summary>How far the file is, reported by the importer from its own thread.</summary>
    private sealed class LiveProgress(Func<ImportProgress, Task> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => _ = report(value);
    }
}
