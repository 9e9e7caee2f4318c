using System.Globalization;
using Kamino.Activities;
using Kamino.Health;

namespace Kamino.Exports;

/// <summary>The words and number formats of the portfolio report in one language (<see cref="For"/> picks English or Spanish).</summary>
public sealed record PortfolioPdfLabels(
    CultureInfo Culture,
    string Title,
    string Period,
    string NoSales,
    string Printed,
    string Summary,
    string TotalRevenue,
    string Customers,
    string ParetoLine,
    string Chart,
    string ChartNote,
    string Share,
    string Cumulative,
    string Abc,
    string Class,
    string Revenue,
    string RevenueShare,
    string Concentration,
    string Top1,
    string Top5,
    string Top10,
    string Hhi,
    string Effective,
    string KeyAccounts,
    string NoKeyAccounts,
    string Customer,
    string Tier,
    string Owner,
    string NoOwner,
    string Health,
    string NextCheckin,
    string NoCadence,
    string Page,
    IReadOnlyDictionary<HealthBand, string> Bands,
    IReadOnlyDictionary<CheckinStatus, string> Checkins)
{
    public static PortfolioPdfLabels English { get; } = new(
        CultureInfo.GetCultureInfo("en-GB"), "Portfolio report", "Period", "no sales", "Printed", "Summary", "Total revenue", "Customers",
        "{0} customers ({1}) make {2} of the revenue (Pareto set at {3}).", "Pareto chart", "The first {0} of {1} customers by revenue: bars their share, line the cumulative share.",
        "Share", "Cumulative", "ABC classes", "Class", "Revenue", "Share of revenue", "Concentration", "Top customer", "Top 5", "Top 10",
        "Herfindahl index (HHI)", "Effective number of customers", "Key accounts", "No key accounts yet.", "Customer", "Tier", "Owner", "no owner",
        "Health", "Next check-in", "no cadence", "Page {0} of {1}",
        new Dictionary<HealthBand, string> { [HealthBand.Red] = "red", [HealthBand.Amber] = "amber", [HealthBand.Green] = "green" },
        new Dictionary<CheckinStatus, string>
        {
            [CheckinStatus.UpToDate] = "up to date", [CheckinStatus.DueSoon] = "due soon", [CheckinStatus.Overdue] = "overdue", [CheckinStatus.NeverContacted] = "never contacted",
        });

    public static PortfolioPdfLabels Spanish { get; } = new(
        CultureInfo.GetCultureInfo("es-ES"), "Informe de cartera", "Periodo", "sin ventas", "Impreso", "Resumen", "Facturación total", "Clientes",
        "{0} clientes ({1}) hacen el {2} de la facturación (conjunto de Pareto al {3}).", "Gráfico de Pareto",
        "Los primeros {0} de {1} clientes por facturación: barras su cuota, línea la cuota acumulada.",
        "Cuota", "Acumulada", "Clases ABC", "Clase", "Facturación", "Cuota de facturación", "Concentración", "Primer cliente", "Primeros 5", "Primeros 10",
        "Índice de Herfindahl (HHI)", "Número efectivo de clientes", "Cuentas clave", "Aún no hay cuentas clave.", "Cliente", "Nivel", "Responsable", "sin responsable",
        "Salud", "Próximo contacto", "sin cadencia", "Página {0} de {1}",
        new Dictionary<HealthBand, string> { [HealthBand.Red] = "rojo", [HealthBand.Amber] = "ámbar", [HealthBand.Green] = "verde" },
        new Dictionary<CheckinStatus, string>
        {
            [CheckinStatus.UpToDate] = "al día", [CheckinStatus.DueSoon] = "pronto", [CheckinStatus.Overdue] = "atrasado", [CheckinStatus.NeverContacted] = "sin contacto",
        });

    /// <summary>Spanish for a Spanish culture name (<c>es</c>, <c>es-ES</c>…), else English.</summary>
    public static PortfolioPdfLabels For(string? cultureName) =>
        cultureName is not null && (cultureName == "es" || cultureName.StartsWith("es-", StringComparison.OrdinalIgnoreCase)) ? Spanish : English;
}
