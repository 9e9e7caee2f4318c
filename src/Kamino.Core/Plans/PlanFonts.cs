using PdfSharp.Fonts;

namespace Kamino.Plans;

/// <summary>
/// The fonts of the printed plan: PDFsharp has no fonts of its own on Linux, so this resolver reads an installed
/// TrueType sans-serif family (DejaVu Sans, else Liberation Sans) from the usual font folders. Every request maps to
/// it, regular or bold. When neither is installed, creating the PDF fails with a message naming the fonts and packages.
/// </summary>
internal sealed class PlanFonts : IFontResolver
{
    /// <summary>The family name the renderer asks for.</summary>
    public const string Family = "Kamino Sans";

    private static readonly (string Regular, string Bold)[] Candidates =
    [
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ];

    private static readonly string[] Folders =
    [
        "/usr/share/fonts", "/usr/local/share/fonts",
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fonts"),
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.Fonts)),
    ];

    private static readonly Lazy<(byte[] Regular, byte[] Bold)> Faces = new(Load);

    private static readonly Lock Gate = new();

    private static bool installed;

    /// <summary>Makes this the resolver of PDFsharp (once per process), and loads the fonts (or fails saying which are missing).</summary>
    public static void Install()
    {
        _ = Faces.Value;
        lock (Gate)
        {
            if (!installed)
            {
                GlobalFontSettings.FontResolver = new PlanFonts();
                installed = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(isBold ? "bold" : "regular");

    public byte[]? GetFont(string faceName) => faceName == "bold" ? Faces.Value.Bold : Faces.Value.Regular;

    private static (byte[], byte[]) Load()
    {
        foreach (var (regular, bold) in Candidates)
        {
            if (Find(regular) is { } r && Find(bold) is { } b)
            {
                return (File.ReadAllBytes(r), File.ReadAllBytes(b));
            }
        }

        throw new InvalidOperationException(
            "The plan's PDF needs the TrueType font DejaVu Sans (DejaVuSans.ttf and DejaVuSans-Bold.ttf; Debian package fonts-dejavu-core) "
            + "or Liberation Sans (LiberationSans-Regular.ttf and LiberationSans-Bold.ttf; fonts-liberation) in /usr/share/fonts; neither was found.");
    }

    private static string? Find(string file) =>
        Folders.Where(f => f.Length > 0 && Directory.Exists(f))
            .Select(f => Directory.EnumerateFiles(f, file, SearchOption.AllDirectories).FirstOrDefault())
            .FirstOrDefault(p => p is not null);
}
