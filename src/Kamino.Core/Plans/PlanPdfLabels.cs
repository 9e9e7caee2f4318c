namespace Kamino.Plans;

/// <summary>The words of the printed plan in one language (<see cref="For"/> picks English or Spanish).</summary>
public sealed record PlanPdfLabels(
    string Title,
    string Owner,
    string Printed,
    string NoOwner,
    string Situation,
    string Strengths,
    string Weaknesses,
    string Opportunities,
    string Threats,
    string Objectives,
    string Objective,
    string Measure,
    string Target,
    string Due,
    string Status,
    string Progress,
    string NoObjectives,
    string MoreObjectives,
    IReadOnlyDictionary<PlanArea, string> Areas,
    IReadOnlyDictionary<ObjectiveStatus, string> Statuses)
{
    public static PlanPdfLabels English { get; } = new(
        "Account plan", "Owner", "Printed", "no owner", "Situation", "Strengths", "Weaknesses", "Opportunities", "Threats",
        "Objectives", "Objective", "Measure", "Target", "Due", "Status", "Progress", "No objectives yet.", "{0} more objective(s) not shown: see Kamino.",
        new Dictionary<PlanArea, string>
        {
            [PlanArea.Sales] = "Sales", [PlanArea.Marketing] = "Marketing", [PlanArea.Communication] = "Communication",
            [PlanArea.Advertising] = "Advertising", [PlanArea.Service] = "Service", [PlanArea.Direction] = "Direction",
        },
        new Dictionary<ObjectiveStatus, string>
        {
            [ObjectiveStatus.NotStarted] = "Not started", [ObjectiveStatus.OnTrack] = "On track", [ObjectiveStatus.AtRisk] = "At risk", [ObjectiveStatus.Done] = "Done",
        });

    public static PlanPdfLabels Spanish { get; } = new(
        "Plan de cuenta", "Responsable", "Impreso", "sin responsable", "Situación", "Fortalezas", "Debilidades", "Oportunidades", "Amenazas",
        "Objetivos", "Objetivo", "Medida", "Meta", "Fecha", "Estado", "Avance", "Aún no hay objetivos.", "{0} objetivo(s) más no caben: véalos en Kamino.",
        new Dictionary<PlanArea, string>
        {
            [PlanArea.Sales] = "Ventas", [PlanArea.Marketing] = "Marketing", [PlanArea.Communication] = "Comunicación",
            [PlanArea.Advertising] = "Publicidad", [PlanArea.Service] = "Servicio", [PlanArea.Direction] = "Dirección",
        },
        new Dictionary<ObjectiveStatus, string>
        {
            [ObjectiveStatus.NotStarted] = "Sin empezar", [ObjectiveStatus.OnTrack] = "En curso", [ObjectiveStatus.AtRisk] = "En riesgo", [ObjectiveStatus.Done] = "Hecho",
        });

    /// <summary>Spanish for a Spanish culture name (<c>es</c>, <c>es-ES</c>…), else English.</summary>
    public static PlanPdfLabels For(string? cultureName) => Language.IsSpanish(cultureName) ? Spanish : English;
}
