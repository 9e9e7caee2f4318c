using System.Globalization;
using System.Resources;

namespace Kamino.Host.Cli;

/// <summary>
/// The command line's own words: English in <c>Resources/Cli.resx</c> (the fallback), Spanish in
/// <c>Resources/Cli.es.resx</c>, in the language <see cref="CliLanguage"/> chose for this run. Files write
/// <c>using static Kamino.Host.Cli.CliWords;</c> and then <c>Say("Key", args)</c>. What Core says as a <see cref="Said"/>
/// (a field's problem, an order's refusal) is <c>Say(said)</c>.
/// </summary>
public static class CliWords
{
    private static readonly ResourceManager Texts = new("Kamino.Host.Resources.Cli", typeof(CliWords).Assembly);

    /// <summary>The text of <paramref name="key"/> in the run's language; a key missing from Cli.resx is a bug and throws.</summary>
    public static string Say(string key) =>
        Texts.GetString(key, CultureInfo.CurrentUICulture) ?? throw new KeyNotFoundException($"Resources/Cli.resx has no text '{key}'");

    /// <summary>The text of <paramref name="key"/> with its <c>{0}</c>, <c>{1}</c>… filled in, numbers and dates by the run's culture.</summary>
    public static string Say(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Say(key), args);

    /// <summary>
    /// What Core said, for this run: worded in Spanish, else the recorded English (ISO dates and invariant numbers, as the
    /// rest of the English command line writes them and as the API answers).
    /// </summary>
    public static string Say(Said said) => CliLanguage.IsSpanish ? said.In(CultureInfo.CurrentUICulture) : said.ToString();
}

/// <summary>
/// The language of one <c>kamino</c> run: <c>KAMINO_LANGUAGE</c>, else the POSIX locale (<c>LC_ALL</c>,
/// <c>LC_MESSAGES</c>, <c>LANG</c>, the first one set). Spanish (<c>es…</c>) gives Spanish words and, unless the
/// locale already is a Spanish one, Spanish numbers and dates; anything else gives English. Tests set
/// <see cref="Override"/>, which flows with the async context like <see cref="KaminoCli.Out"/>.
/// </summary>
public static class CliLanguage
{
    private static readonly AsyncLocal<string?> OverrideValue = new();

    /// <summary>A language for the runs in this async context (<c>"es"</c> or <c>"en"</c>), ahead of the environment.</summary>
    public static string? Override
    {
        get => OverrideValue.Value;
        set => OverrideValue.Value = value;
    }

    /// <summary>True when the run speaks Spanish.</summary>
    public static bool IsSpanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";

    /// <summary>The language the environment asks for: <c>es</c> or <c>en</c>.</summary>
    public static string FromEnvironment()
    {
        foreach (var name in (string[])["KAMINO_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"])
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                return value.StartsWith("es", StringComparison.OrdinalIgnoreCase) ? "es" : "en";
            }
        }

        return "en";
    }

    /// <summary>Sets the current async context's cultures for a run (the caller's are unchanged: the context is the run's own).</summary>
    public static void Apply()
    {
        if ((Override ?? FromEnvironment()) == "es")
        {
            var spanish = CultureInfo.GetCultureInfo("es-ES");
            CultureInfo.CurrentUICulture = spanish;
            if (CultureInfo.CurrentCulture.TwoLetterISOLanguageName != "es")
            {
                CultureInfo.CurrentCulture = spanish;
            }
        }
        else
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        }
    }
}
