using Kamino.Host.Cli;

namespace Kamino.Host.Tests.Cli;

/// <summary>
/// The messages a command line's parse gives (its validators' <c>AddError</c> texts), in a language: System.CommandLine
/// prints them on the process's own error stream, which <see cref="CliRunner"/> does not capture.
/// </summary>
public static class CliParseErrors
{
    /// <summary>The parse errors of <paramref name="args"/> in <paramref name="language"/> (<c>"es"</c>, <c>"en"</c>).</summary>
    public static async Task<IReadOnlyList<string>> InAsync(string language, params string[] args)
    {
        // An async method of its own: the language and cultures it sets stay in this call's context.
        await Task.Yield();
        CliLanguage.Override = language;
        CliLanguage.Apply();
        return [.. KaminoCli.Build().Parse(args).Errors.Select(e => e.Message)];
    }
}
