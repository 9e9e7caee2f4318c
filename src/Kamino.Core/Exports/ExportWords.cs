using System.Globalization;

namespace Kamino.Exports;

/// <summary>
/// The column headers of a download in a language, worded once for the web, the API and the CLI's xlsx files: people
/// read spreadsheets. The lists name their columns by the API's field names (<see cref="ExportLists"/>); this says them.
/// </summary>
public static class ExportWords
{
    private static readonly Dictionary<string, (string En, string Es)> Headers = new(StringComparer.Ordinal)
    {
        ["rank"] = ("Rank", "Posición"),
        ["key"] = ("Key", "Clave"),
        ["name"] = ("Name", "Nombre"),
        ["revenue"] = ("Revenue", "Facturación"),
        ["currency"] = ("Currency", "Moneda"),
        ["share"] = ("Share of revenue", "Parte de la facturación"),
        ["class"] = ("Class", "Clase"),
        ["score"] = ("Score", "Puntuación"),
        ["revenueScore"] = ("Revenue score", "Puntuación por facturación"),
        ["intangibleScore"] = ("Intangible score", "Puntuación cualitativa"),
        ["suggested"] = ("Suggested", "Sugerida"),
        ["tier"] = ("Tier", "Nivel"),
        ["keyAccount"] = ("Key account", "Cuenta clave"),
        ["owner"] = ("Owner", "Responsable"),
        ["ownerEmail"] = ("Owner's email", "Correo del responsable"),
        ["health"] = ("Health", "Salud"),
        ["band"] = ("Health band", "Franja de salud"),
        ["checkin"] = ("Check-in", "Seguimiento"),
        ["nextCheckin"] = ("Next check-in", "Próximo seguimiento"),
        ["daysOverdue"] = ("Days overdue", "Días de retraso"),
        ["lastCheckin"] = ("Last check-in", "Último seguimiento"),
        ["id"] = ("Number", "Número"),
        ["title"] = ("Title", "Título"),
        ["status"] = ("Status", "Estado"),
        ["overdue"] = ("Overdue", "Atrasada"),
        ["dueDate"] = ("Due date", "Vencimiento"),
        ["assignee"] = ("Assignee", "Asignada a"),
        ["assigneeEmail"] = ("Assignee's email", "Correo de la persona asignada"),
        ["account"] = ("Account", "Cuenta"),
        ["accountName"] = ("Account name", "Nombre de la cuenta"),
        ["department"] = ("Department", "Departamento"),
        ["createdBy"] = ("Created by", "Creado por"),
        ["createdAt"] = ("Created at (UTC)", "Creada el (UTC)"),
        ["completedAt"] = ("Completed at (UTC)", "Completada el (UTC)"),
        ["description"] = ("Description", "Descripción"),
        ["customer"] = ("Customer", "Cliente"),
        ["customerName"] = ("Customer name", "Nombre del cliente"),
        ["at"] = ("When (UTC)", "Cuándo (UTC)"),
        ["type"] = ("Type", "Tipo"),
        ["isCheckin"] = ("Check-in", "Seguimiento"),
        ["csat"] = ("CSAT", "CSAT"),
        ["nps"] = ("NPS", "NPS"),
        ["nextCheckinOn"] = ("Next check-in", "Próximo seguimiento"),
        ["loggedBy"] = ("Logged by", "Registrada por"),
        ["members"] = ("Team members", "Personas del equipo"),
        ["contacts"] = ("Contacts", "Contactos"),
        ["summary"] = ("Summary", "Resumen"),
        ["number"] = ("Order", "Pedido"),
        ["priority"] = ("Priority", "Prioridad"),
        ["receivedAt"] = ("Received at (UTC)", "Recibido el (UTC)"),
        ["promisedAt"] = ("Promised by (UTC)", "Prometido para (UTC)"),
        ["startedAt"] = ("Started at (UTC)", "Empezado el (UTC)"),
        ["fulfilledAt"] = ("Fulfilled at (UTC)", "Servido el (UTC)"),
        ["cancelledAt"] = ("Cancelled at (UTC)", "Cancelado el (UTC)"),
        ["lines"] = ("Lines", "Líneas"),
        ["total"] = ("Total", "Total"),
        ["needsApproval"] = ("Needs approval", "Requiere aprobación"),
        ["approval"] = ("Approval", "Aprobación"),
        ["channel"] = ("Channel", "Canal"),
        ["handler"] = ("Handled by", "Gestionado por"),
        ["notes"] = ("Notes", "Notas"),
    };

    private static readonly Dictionary<string, string> SheetsEs = new(StringComparer.Ordinal)
    {
        ["customers"] = "clientes",
        ["key-accounts"] = "cuentas-clave",
        ["tasks"] = "tareas",
        ["activities"] = "actividades",
        ["orders"] = "pedidos",
    };

    /// <summary>Every field name that has a header (for tests).</summary>
    public static IReadOnlyCollection<string> Fields => Headers.Keys;

    /// <summary>The header of the field <paramref name="field"/> in <paramref name="c"/>'s language; the field name when it has none.</summary>
    public static string Header(string field, CultureInfo c) =>
        Headers.TryGetValue(field, out var h) ? (Language.IsSpanish(c) ? h.Es : h.En) : field;

    /// <summary><paramref name="table"/> with its sheet's name and headers in <paramref name="c"/>'s language (the cells as they are).</summary>
    public static ExportTable For(ExportTable table, CultureInfo c) => table with
    {
        Name = Language.IsSpanish(c) ? SheetsEs.GetValueOrDefault(table.Name, table.Name) : table.Name,
        Headers = table.Headers.Select(h => Header(h, c)).ToList(),
    };
}
