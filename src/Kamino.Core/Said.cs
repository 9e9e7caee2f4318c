using System.Globalization;

namespace Kamino;

/// <summary>
/// Something Core says to a person, kept as data so each reader gets it in their language: a sentence key of
/// <see cref="Sentences"/> and its values as recorded (keys, emails, ISO dates, invariant numbers, words by name), or
/// several such sentences said one after the other. <see cref="ToString"/> is the recorded English (what the API answers);
/// <see cref="In"/> words it for a page or a CLI run.
/// </summary>
public sealed class Said
{
    private Said(string key, string[] args, IReadOnlyList<Said>? parts)
    {
        Key = key;
        Args = args;
        Parts = parts;
    }

    /// <summary>The sentence's key in <see cref="Sentences"/> (empty for a text said as given and for several sentences together).</summary>
    public string Key { get; }

    /// <summary>The sentence's values as recorded.</summary>
    public IReadOnlyList<string> Args { get; }

    /// <summary>The sentences said together, or null for one sentence.</summary>
    public IReadOnlyList<Said>? Parts { get; }

    /// <summary>
    /// The sentence <paramref name="key"/> with its values; an unknown key or a wrong number of values is a programming
    /// error and throws, so a test that reaches the line finds it.
    /// </summary>
    public static Said Of(string key, params object?[] args)
    {
        var arity = Sentences.Arity(key);
        if (arity < 0)
        {
            throw new ArgumentException($"No sentence has the key '{key}'", nameof(key));
        }

        if (arity != args.Length)
        {
            throw new ArgumentException($"The sentence '{key}' takes {arity} value(s), not {args.Length}", nameof(args));
        }

        return new Said(key, [.. args.Select(Recorded)], null);
    }

    /// <summary>A text not worded by a sentence: said as given, the same in every language.</summary>
    public static Said Text(string text) => new("", [text], null);

    /// <summary>Several sentences said one after the other, separated by a space.</summary>
    public static Said Together(IEnumerable<Said> parts) => new("", [], [.. parts]);

    /// <summary>The text in <paramref name="c"/>'s language; <paramref name="person"/> names a recorded email or user id (null: as recorded).</summary>
    public string In(CultureInfo c, Func<string, string?>? person = null) =>
        Parts is not null ? string.Join(" ", Parts.Select(p => p.In(c, person)))
        : Key.Length == 0 ? Args[0]
        : Sentences.Say(Key, Args, c, person);

    /// <summary>The recorded English: ISO dates, invariant numbers, words and people as recorded.</summary>
    public override string ToString() => In(CultureInfo.InvariantCulture);

    /// <summary>A value as recorded: invariant numbers, ISO dates and moments (UTC), enums by name, text as is.</summary>
    public static string Recorded(object? value) => value switch
    {
        null => "",
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
