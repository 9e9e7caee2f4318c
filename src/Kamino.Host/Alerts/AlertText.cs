using System.Globalization;
using Kamino.Alerts;

namespace Kamino.Host.Alerts;

/// <summary>An alert's reason worded in the page's language (<see cref="AlertWords"/>, which the digest email uses too).</summary>
public static class AlertText
{
    public static string Reason(Alert a) => AlertWords.Reason(a, CultureInfo.CurrentCulture);
}
