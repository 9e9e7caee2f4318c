using System.CommandLine;
using System.Globalization;

namespace Kamino.Host.Cli;

/// <summary>
/// Number options written with a dot in every language. System.CommandLine reads numbers in the current culture, so
/// a Spanish run (<see cref="CliLanguage"/>, or <c>LANG=es_ES</c>) would take <c>0.75</c> for 75.
/// </summary>
public static class CliNumbers
{
    /// <summary>An optional decimal option <paramref name="name"/>: <c>-0.5</c>, <c>12</c>, <c>0.75</c>; anything else is refused by name.</summary>
    public static Option<decimal?> Dotted(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => Parse(r, name),
    };

    /// <summary>As <see cref="Dotted(string, string)"/> for an option that always has a value (<paramref name="fallback"/> when absent).</summary>
    public static Option<decimal> Dotted(string name, string description, decimal fallback) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = r => Parse(r, name) ?? fallback,
    };

    private static decimal? Parse(System.CommandLine.Parsing.ArgumentResult r, string name)
    {
        var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        r.AddError(CliWords.Say("Cli_NotANumber", name, CliText.Visible(text)));
        return null;
    }
}
