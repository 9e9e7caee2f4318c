namespace Kamino.Host.Tests.Cli;

/// <summary>System.CommandLine's own messages (an unknown option, a missing argument) follow the run's language too.</summary>
public sealed class CliParserWordsTests
{
    [Fact]
    public async Task AnUnknownOptionAndAMissingArgument_AreToldInSpanish_WhenTheRunSpeaksSpanish()
    {
        var spanish = await CliParseErrors.InAsync("es", "accounts", "list", "--bogus");
        var english = await CliParseErrors.InAsync("en", "accounts", "list", "--bogus");

        Assert.Contains("Comando o argumento no reconocido '--bogus'.", spanish);
        Assert.Contains("Unrecognized command or argument '--bogus'.", english);

        var missing = await CliParseErrors.InAsync("es", "backup");
        var missingInEnglish = await CliParseErrors.InAsync("en", "backup");
        Assert.Contains(missingInEnglish, m => m.StartsWith("Required argument missing", StringComparison.Ordinal));
        Assert.Equal(missingInEnglish.Count, missing.Count);
        Assert.DoesNotContain(missing, m => m.StartsWith("Required argument missing", StringComparison.Ordinal));
    }
}
