using System.Diagnostics;

namespace Kamino.Testing;

/// <summary>
/// Reads a PDF the way a person's tools do, with poppler's <c>pdftotext</c> and <c>pdfinfo</c> (Debian package
/// poppler-utils, installed by test.sh): its text in reading order and its page count.
/// </summary>
public static class PdfTools
{
    /// <summary>The text of every page (<c>pdftotext -layout</c>).</summary>
    public static async Task<string> TextAsync(byte[] pdf) => await RunAsync("pdftotext", pdf, "-layout", "{0}", "-");

    /// <summary>The number of pages (<c>pdfinfo</c>'s "Pages:" line).</summary>
    public static async Task<int> PagesAsync(byte[] pdf)
    {
        var info = await RunAsync("pdfinfo", pdf, "{0}");
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> RunAsync(string tool, byte[] pdf, params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kamino-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a == "{0}" ? path : a);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install poppler-utils)");
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
