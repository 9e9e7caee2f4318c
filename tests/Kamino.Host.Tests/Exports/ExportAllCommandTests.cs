namespace Kamino.Host.Tests.Exports;

/// <summary>
/// <c>kamino export --all</c> and <c>kamino import-export</c> on the SQLite file of a <see cref="TeamServer"/> (acme): the
/// copy answers the same lists; a changed file and a non-empty workspace are refused with exit 3 and nothing stored.
/// </summary>
public sealed class ExportAllCommandTests(TeamServer fixture) : IClassFixture<TeamServer>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kamino-export-all-").FullName;

    [Fact]
    public async Task ExportThenImport_IntoANewWorkspace_TheCopyListsTheSameAccounts()
    {
        var dir = System.IO.Path.Combine(folder, "acme");
        var exported = await RunAsync("acme", "export", "--all", dir);
        Assert.Equal(0, exported.Exit);
        Assert.StartsWith("workspace 'acme' exported: ", exported.Out.Trim(), StringComparison.Ordinal);
        Assert.True(File.Exists(System.IO.Path.Combine(dir, "manifest.json")));
        Assert.Contains("every record exported by", (await RunAsync("acme", "audit", "--format", "json")).Out, StringComparison.Ordinal);

        var restored = await RunAsync("acme-copy", "import-export", dir);
        Assert.Equal((0, ""), (restored.Exit, restored.Error));
        Assert.Contains("workspace 'acme-copy' restored", restored.Out, StringComparison.Ordinal);
        Assert.Contains("0 accounts created", restored.Out, StringComparison.Ordinal);

        var original = await RunAsync("acme", "accounts", "list", "--all", "--format", "json");
        var copy = await RunAsync("acme-copy", "accounts", "list", "--all", "--format", "json");
        Assert.Equal(0, copy.Exit);
        Assert.Equal(original.Out.Replace("\"acme\"", "\"acme-copy\"", StringComparison.Ordinal), copy.Out);
        var members = await RunAsync("acme-copy", "members", "list", "--format", "json");
        Assert.Contains(TeamServer.Kam1, members.Out, StringComparison.Ordinal);

        var again = await RunAsync("acme-copy", "import-export", dir);
        Assert.Equal(3, again.Exit);
        Assert.Contains("is not empty", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportExport_ChangedZip_Exit3AndNoWorkspace()
    {
        var zip = System.IO.Path.Combine(folder, "acme.zip");
        Assert.Equal(0, (await RunAsync("acme", "export", "--all", zip)).Exit);
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = archive.GetEntry("customer.csv")!;
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(archive.CreateEntry("customer.csv").Open());
            writer.Write(text.Replace("C1", "C9", StringComparison.Ordinal));
        }

        var refused = await RunAsync("tampered", "import-export", zip);

        Assert.Equal(3, refused.Exit);
        Assert.Contains("customer.csv: SHA-256", refused.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await RunAsync("tampered", "accounts", "list")).Exit);
    }

    [Fact]
    public async Task ExportAll_FolderWithOtherFiles_Refused()
    {
        File.WriteAllText(System.IO.Path.Combine(folder, "notes.txt"), "mine");

        var refused = await RunAsync("acme", "export", "--all", folder);

        Assert.Equal(1, refused.Exit);
        Assert.Contains("holds other files", refused.Error, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task InSpanish_ExportImportAndThePortfolioReport_SayWhatTheyDid_AndRefuseInSpanish()
    {
        var dir = System.IO.Path.Combine(folder, "es");
        var exported = await Es("acme", "export", "--all", dir);
        Assert.Equal(0, exported.Exit);
        Assert.Matches(@"^espacio de trabajo 'acme' exportado: \d+ tablas, \d+ filas, en .+$", exported.Out.Trim());

        var restored = await Es("acme-es", "import-export", dir);
        Assert.Equal(0, restored.Exit);
        Assert.Matches(@"^espacio de trabajo 'acme-es' restaurado: \d+ filas en \d+ tablas; \d+ personas asociadas a cuentas existentes, 0 cuentas creadas sin contraseña \(pon una con: kamino users password CORREO\)$",
            restored.Out.Trim());
        var again = await Es("acme-es", "import-export", dir);
        Assert.Equal(3, again.Exit);
        Assert.EndsWith("no se ha importado nada", again.Error.Trim(), StringComparison.Ordinal);

        File.WriteAllText(System.IO.Path.Combine(folder, "notas.txt"), "mías");
        var busy = await Es("acme", "export", "--all", folder);
        Assert.Equal((1, $"{folder} contiene otros ficheros: indica una carpeta vacía o nueva (o una con una exportación anterior)"), (busy.Exit, busy.Error.Trim()));

        var pdf = System.IO.Path.Combine(folder, "cartera.pdf");
        var report = await Es("acme", "report", "portfolio", "--output", pdf, "--all");
        Assert.Equal(0, report.Exit);
        Assert.Matches(@"^informe de cartera de 'acme' \(\d+ cuentas clave\) guardado en .+cartera\.pdf$", report.Out.Trim());
    }

    private Task<(int Exit, string Out, string Error)> Es(string workspace, params string[] args) =>
        CliRunner.RunInAsync("es", [.. args, "-w", workspace, "--db", fixture.Server.Database.SqlitePath!]);

    private Task<(int Exit, string Out, string Error)> RunAsync(string workspace, params string[] args) =>
        CliRunner.RunAsync([.. args, "-w", workspace, "--db", fixture.Server.Database.SqlitePath!]);

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
