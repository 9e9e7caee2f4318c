using System.Globalization;
using Kamino.Health;
using Kamino.Host.Resources;
using Microsoft.Extensions.Localization;

namespace Kamino.Host.Health;

/// <summary>A health score's words in the page's language: bands, parts, and each reason from its kind and figures.</summary>
public static class HealthText
{
    public static string Band(IStringLocalizer<Ui> l, HealthBand band) => l["HealthBand_" + band];

    public static string Part(IStringLocalizer<Ui> l, HealthPartName part) => l["HealthPart_" + part];

    /// <summary>The reason worded as a sentence of the page (capital first, full stop) in <paramref name="culture"/>'s language.</summary>
    public static string Reason(HealthReason r, CultureInfo culture)
    {
        var said = r.Why.In(culture);
        return said.Length == 0 ? said : char.ToUpper(said[0], culture) + said[1..] + ".";
    }
}
