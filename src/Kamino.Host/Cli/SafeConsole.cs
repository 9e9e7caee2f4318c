using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kamino.Host.Cli;

/// <summary>
/// Terminal output never carries a control character from the data (issue 10 item 12): a customer named
/// <c>ESC]0;…BEL</c> or <c>ESC[2J</c> would retitle or clear the user's terminal. <see cref="Visible"/> writes each control
/// character (C0, DEL, C1) as <c>\xNN</c>; <see cref="SafeConsole"/> applies it to everything a command renders
/// (tables, markup, progress), so no call site has to remember it. Spectre's own styling is not text and passes.
/// </summary>
public static class CliText
{
    /// <summary>The text with every control character but the line break written as <c>\xNN</c> (or <c>\uNNNN</c> past FF).</summary>
    public static string Visible(string text)
    {
        var i = text.AsSpan().IndexOfAnyInRange('\u0000', '\u001F');
        if (i < 0 && text.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsControl(c) && c != '\n')
            {
                sb.Append(c <= '\u00FF' ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}") : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

/// <summary>An <see cref="IAnsiConsole"/> that shows the control characters of what it renders with <see cref="CliText.Visible"/>.</summary>
public sealed class SafeConsole(IAnsiConsole inner) : IAnsiConsole
{
    public IAnsiConsole Inner => inner;

    public Profile Profile => inner.Profile;

    public IAnsiConsoleCursor Cursor => inner.Cursor;

    public IAnsiConsoleInput Input => inner.Input;

    public IExclusivityMode ExclusivityMode => inner.ExclusivityMode;

    public RenderPipeline Pipeline => inner.Pipeline;

    public void Clear(bool home) => inner.Clear(home);

    public void Write(IRenderable renderable) => inner.Write(new Visible(renderable));

    public void WriteAnsi(Action<AnsiWriter> action) => inner.WriteAnsi(action);

    private sealed class Visible(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
            inner.Render(options, maxWidth).Select(s => s.IsControlCode || s.IsLineBreak || s.IsWhiteSpace ? s : new Segment(CliText.Visible(s.Text), s.Style));
    }
}

/// <summary>A <see cref="TextWriter"/> (the error stream) that shows control characters with <see cref="CliText.Visible"/>.</summary>
public sealed class VisibleWriter(TextWriter inner) : TextWriter
{
    public TextWriter Inner => inner;

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        if (char.IsControl(value) && value is not '\n' and not '\r')
        {
            inner.Write(CliText.Visible(value.ToString()));
        }
        else
        {
            inner.Write(value);
        }
    }

    public override void Write(string? value) => inner.Write(value is null ? null : CliText.Visible(value.ReplaceLineEndings("\n")));

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override Task WriteAsync(string? value) => inner.WriteAsync(value is null ? null : CliText.Visible(value.ReplaceLineEndings("\n")));

    public override async Task WriteLineAsync(string? value)
    {
        await WriteAsync(value);
        await inner.WriteLineAsync();
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();
}
