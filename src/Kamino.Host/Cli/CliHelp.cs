using System.CommandLine;
using System.Runtime.CompilerServices;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Cli;

/// <summary>
/// The help texts of options and arguments, from <c>Resources/Cli.resx</c> (keys <c>Help_…</c>) in the run's language.
/// Most options and arguments live in static fields, made once per process and shared by every run (the tests run
/// many in one process, in both languages), so a text worded when the field was made may be in another run's
/// language: <see cref="Help{T}"/> remembers each symbol's key and <see cref="Word"/>, called by
/// <see cref="KaminoCli.Build"/> after <see cref="CliLanguage.Apply"/>, words the whole tree again. Commands are made
/// by each build and take <c>Say("Help_…")</c> directly. Runs in one process take turns (the tests do not run in
/// parallel); two runs at once in different languages could print each other's help texts.
/// </summary>
public static class CliHelp
{
    private static readonly ConditionalWeakTable<Symbol, Text> Texts = new();

    /// <summary>Gives <paramref name="symbol"/> the help text <paramref name="key"/> of Cli.resx, with its <c>{0}</c>… filled by <paramref name="args"/>.</summary>
    public static T Help<T>(this T symbol, string key, params object?[] args)
        where T : Symbol
    {
        var text = new Text(key, args);
        Texts.AddOrUpdate(symbol, text);
        symbol.Description = text.Worded();
        return symbol;
    }

    /// <summary>Words every option's and argument's help text of <paramref name="command"/> and its subcommands in the run's language.</summary>
    public static void Word(Command command)
    {
        foreach (var symbol in command.Options.Cast<Symbol>().Concat(command.Arguments))
        {
            if (Texts.TryGetValue(symbol, out var text))
            {
                symbol.Description = text.Worded();
            }
        }

        foreach (var subcommand in command.Subcommands)
        {
            Word(subcommand);
        }
    }

    private sealed record Text(string Key, object?[] Args)
    {
        public string Worded() => Args.Length == 0 ? Say(Key) : Say(Key, Args);
    }
}
