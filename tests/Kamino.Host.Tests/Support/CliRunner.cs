using Kamino.Host.Cli;
using Spectre.Console.Testing;

namespace Kamino.Host.Tests.Support;

/// <summary>
/// Runs the <c>kamino</c> command line in-process and captures what it writes, on a console 400 columns wide so
/// that tables do not wrap. The run speaks English whatever the machine's locale (<see cref="RunInAsync"/> for Spanish).
/// </summary>
public static class CliRunner
{
    public static Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => RunAsync(400, args);

    /// <summary>As <see cref="RunAsync(string[])"/> on a console <paramref name="width"/> columns wide (80: a terminal or a pipe).</summary>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(int width, params string[] args)
    {
        CliLanguage.Override ??= "en";
        var console = new TestConsole();
        console.Profile.Width = width;
        var error = new StringWriter();
        var (previousOut, previousError) = (KaminoCli.Out, KaminoCli.Error);
        KaminoCli.Out = console;
        KaminoCli.Error = error;
        try
        {
            // As the kamino executable runs it (refusals and storage failures printed, parse errors exit 2).
            var exit = await KaminoCli.RunAsync(args);
            return (exit, console.Output, error.ToString());
        }
        finally
        {
            KaminoCli.Out = previousOut;
            KaminoCli.Error = previousError;
        }
    }

    /// <summary>As <see cref="RunAsync(string[])"/> with the run's language set as <c>KAMINO_LANGUAGE</c> or <c>LANG</c> would set it (<c>"es"</c>, <c>"en"</c>).</summary>
    public static async Task<(int Exit, string Out, string Error)> RunInAsync(string language, params string[] args)
    {
        CliLanguage.Override = language;
        return await RunAsync(400, args);
    }
}
