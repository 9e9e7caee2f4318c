using System.Globalization;

namespace Kamino.Host.Plans;

/// <summary>The addresses of a key account's plan: on the account page, the print view and the PDF.</summary>
public static class PlanLinks
{
    public static string Account(string slug, string key, int year) =>
        $"/w/{Uri.EscapeDataString(slug)}/accounts/{Uri.EscapeDataString(key)}?{AccountPlanSection.YearParameter}={Year(year)}#plan-title";

    public static string Print(string slug, string key, int year) => $"/w/{Uri.EscapeDataString(slug)}/accounts/{Uri.EscapeDataString(key)}/plan/print?year={Year(year)}";

    public static string Pdf(string slug, string key, int year) =>
        $"/api/workspaces/{Uri.EscapeDataString(slug)}/customers/{Uri.EscapeDataString(key)}/plan/{Year(year)}/pdf";

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);
}
