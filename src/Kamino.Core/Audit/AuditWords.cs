using System.Globalization;
using System.Text.Json;

namespace Kamino.Audit;

/// <summary>
/// An audit entry's sentence worded in a language from its key and recorded values (<see cref="AuditText"/>): the
/// account page, the API and <c>kamino audit</c> all say it this way, dates and numbers as the language writes them,
/// people by name when the reader knows them, roles, statuses and fields in the language's words.
/// </summary>
public static class AuditWords
{
    /// <summary>The audit sentences (<see cref="Sentence"/> says how each value is said).</summary>
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["calendar.created"] = new("calendar feed created", "enlace del calendario creado", ""),
        ["calendar.replaced"] = new("calendar feed address replaced (the old one stopped working)", "dirección del calendario sustituida (la anterior dejó de funcionar)", ""),
        ["calendar.revoked"] = new("calendar feed revoked", "enlace del calendario revocado", ""),
        ["alert.restored"] = new("alert {0} shown again", "aviso {0} visible de nuevo", "t"),
        ["alert.acknowledged"] = new("alert {0} acknowledged ({1})", "aviso {0} leído ({1})", "ts"),
        ["alert.snoozed"] = new("alert {0} snoozed until {1} ({2})", "aviso {0} pospuesto hasta el {1} ({2})", "tds"),
        ["rates.imported"] = new("exchange rates imported ({0}, per 1 {1}): {2} added, {3} changed, {4} unchanged; {5}",
            "tipos de cambio importados ({0}, por 1 {1}): {2} nuevos, {3} cambiados, {4} sin cambios; {5}", "ttnnnt"),
        ["plan.started"] = new("plan {0} of {1} started", "plan {0} de {1} empezado", "tt"),
        ["plan.started-from"] = new("plan {0} of {1} started from {2}: {3} objective(s) carried over",
            "plan {0} de {1} empezado a partir de {2}: {3} objetivo(s) traspasado(s)", "tttn"),
        ["plan.situation"] = new("plan {0} of {1}: {2} edited", "plan {0} de {1}: editado: {2}", "ttl"),
        ["plan.objective-added"] = new("plan {0} of {1}: objective #{2} added ({3}: {4})", "plan {0} de {1}: objetivo n.º {2} añadido ({3}: {4})", "tttwt"),
        ["plan.objective"] = new("plan {0} of {1}: objective #{2}", "plan {0} de {1}: objetivo n.º {2}", "ttt"),
        ["plan.objective-fields"] = new("{0} edited", "editado: {0}", "l"),
        ["plan.objective-area"] = new("area {0} → {1}", "área {0} → {1}", "ww"),
        ["plan.objective-status"] = new("status {0} → {1}", "estado {0} → {1}", "ww"),
        ["plan.objective-removed"] = new("plan {0} of {1}: objective #{2} removed ({3}); {4} task(s) unlinked",
            "plan {0} de {1}: objetivo n.º {2} eliminado ({3}); {4} tarea(s) desvinculada(s)", "ttttn"),
        ["plan.task-linked"] = new("plan {0} of {1}: task #{2} linked to objective #{3}", "plan {0} de {1}: tarea n.º {2} vinculada al objetivo n.º {3}", "tttt"),
        ["plan.task-unlinked"] = new("plan {0} of {1}: task #{2} unlinked from objective #{3}", "plan {0} de {1}: tarea n.º {2} desvinculada del objetivo n.º {3}", "tttt"),
        ["plan.objectives-reordered"] = new("plan {0} of {1}: objectives reordered", "plan {0} de {1}: objetivos reordenados", "tt"),
        ["contact.added"] = new("contact #{0} of {1} added", "contacto n.º {0} de {1} añadido", "tt"),
        ["contact.added-primary"] = new("contact #{0} of {1} added as primary", "contacto n.º {0} de {1} añadido como principal", "tt"),
        ["contact.edited"] = new("contact #{0} of {1} edited: {2}", "contacto n.º {0} de {1} editado: {2}", "ttl"),
        ["contact.removed"] = new("contact #{0} of {1} removed", "contacto n.º {0} de {1} eliminado", "tt"),
        ["tier.policy"] = new("tier {0}: check-in every {1} days ({2}), discounts {3}–{4} %, priority {5}, {6} h",
            "nivel {0}: seguimiento cada {1} días ({2}), descuentos {3}–{4} %, prioridad {5}, {6} h", "tnwnnnn"),
        ["tier.policy-no-checkin"] = new("tier {0}: no check-in cadence, discounts {1}–{2} %, priority {3}, {4} h",
            "nivel {0}: sin cadencia de seguimiento, descuentos {1}–{2} %, prioridad {3}, {4} h", "tnnnn"),
        ["rating.rated"] = new("{0} rated {1}", "{0} valorada: {1}", "tt"),
        ["rating.rated-note"] = new("{0} rated {1}: {2}", "{0} valorada: {1}: {2}", "ttt"),
        ["referral.cleared"] = new("{0} no longer recorded as referred", "{0} ya no consta como recomendada", "t"),
        ["referral.set"] = new("{0} referred by {1}", "{0} recomendada por {1}", "tt"),
        ["criterion.set"] = new("criterion {0} \"{1}\" weight {2}", "criterio {0} «{1}» peso {2}", "ttn"),
        ["designation.key"] = new("{0} designated a key account ({1}): {2}", "{0} designada cuenta clave ({1}): {2}", "ttt"),
        ["designation.key-from"] = new("{0} designated a key account ({1} → {2}): {3}", "{0} designada cuenta clave ({1} → {2}): {3}", "tttt"),
        ["designation.tier"] = new("{0} designated {1}: {2}", "{0} designada {1}: {2}", "ttt"),
        ["designation.tier-from"] = new("{0} designated {1} (was {2}): {3}", "{0} designada {1} (antes {2}): {3}", "tttt"),
        ["designation.removed"] = new("{0} no longer a key account: {1}", "{0} deja de ser cuenta clave: {1}", "tt"),
        ["member.added"] = new("{0} joined as {1}", "{0} se unió como {1}", "pw"),
        ["member.role"] = new("{0}: role {1} → {2}", "{0}: rol {1} → {2}", "pww"),
        ["member.supervisor"] = new("{0}: supervisor {1} → {2}", "{0}: supervisor {1} → {2}", "ppp"),
        ["member.supervisor-lost"] = new("{0}: supervisor {1} → none ({1} is no longer a Lead KAM here)",
            "{0}: supervisor {1} → nadie ({1} ya no es KAM responsable aquí)", "pp"),
        ["member.removed"] = new("{0} ({1}) removed", "{0} ({1}) eliminado del espacio", "pw"),
        ["member.invited"] = new("{0} invited as {1}", "{0} invitado como {1}", "pw"),
        ["member.invitation-accepted"] = new("{0} accepted the invitation as {1}", "{0} aceptó la invitación como {1}", "pw"),
        ["team.owner"] = new("{0}: owner {1} → {2}", "{0}: responsable {1} → {2}", "tpp"),
        ["team.member-added"] = new("{0}: {1} joined the team ({2})", "{0}: {1} se unió al equipo ({2})", "tpw"),
        ["team.department"] = new("{0}: {1} department {2} → {3}", "{0}: {1} departamento {2} → {3}", "tpww"),
        ["team.member-removed"] = new("{0}: {1} left the team ({2})", "{0}: {1} dejó el equipo ({2})", "tpw"),
        ["team.member-left-workspace"] = new("{0} left the team ({1}): removed from the workspace", "{0} dejó el equipo ({1}): eliminado del espacio", "pw"),
        ["task.created"] = new("Created \"{0}\" for {1}, due {2}, department {3}", "Creada «{0}» para {1}, vence el {2}, departamento {3}", "tpdw"),
        ["task.done"] = new("Done: \"{0}\"", "Hecha: «{0}»", "t"),
        ["task.reopened"] = new("Reopened \"{0}\"", "Reabierta «{0}»", "t"),
        ["task.reassigned"] = new("Reassigned \"{0}\": {1} → {2}", "Reasignada «{0}»: {1} → {2}", "tpp"),
        ["task.title"] = new("title: \"{0}\" → \"{1}\"", "título: «{0}» → «{1}»", "tt"),
        ["task.description"] = new("description changed", "descripción cambiada", ""),
        ["task.due"] = new("due: {0} → {1}", "vence: {0} → {1}", "dd"),
        ["task.department"] = new("department: {0} → {1}", "departamento: {0} → {1}", "ww"),
        ["task.account"] = new("account: {0} → {1}", "cuenta: {0} → {1}", "tt"),
        ["order.created"] = new("Order {0} for {1} received {2} by {3}: {4} line(s), total {5} {6}; {7}: discounts {8}–{9} %; → received",
            "Pedido {0} de {1} recibido el {2} por {3}: {4} línea(s), total {5} {6}; {7}: descuentos {8}–{9} %; → recibido", "ttmwnattnn"),
        ["order.pending"] = new("a discount is outside the range: waits for approval", "un descuento está fuera del rango: espera aprobación", ""),
        ["order.status"] = new("Order {0} for {1}: {2} → {3} at {4}", "Pedido {0} de {1}: {2} → {3} el {4}", "ttwwm"),
        ["order.cancelled"] = new("Order {0} for {1}: {2} → {3} at {4}: {5}", "Pedido {0} de {1}: {2} → {3} el {4}: {5}", "ttwwmt"),
        ["order.discount"] = new("Order {0} for {1}: discount {2} → {3}", "Pedido {0} de {1}: descuento {2} → {3}", "ttww"),
        ["order.discount-status"] = new("{0} → {1}", "{0} → {1}", "ww"),
        ["order.reason"] = new(": {0}", ": {0}", "t"),
        ["activity.logged"] = new("Logged a {0} on {1} at {2}", "Registrada una actividad ({0}) en {1} el {2}", "wtm"),
        ["activity.checkin"] = new("Logged a check-in ({0}) on {1} at {2}", "Registrado un seguimiento ({0}) en {1} el {2}", "wtm"),
        ["activity.csat"] = new("CSAT {0}", "CSAT {0}", "n"),
        ["activity.nps"] = new("NPS {0} (contact {1})", "NPS {0} (contacto {1})", "nt"),
        ["activity.next-checkin"] = new("next check-in {0}", "próximo seguimiento {0}", "d"),
        ["activity.people"] = new("{0} team member(s), {1} contact(s), {2} next step(s)", "{0} persona(s) del equipo, {1} contacto(s), {2} próximo(s) paso(s)", "nnn"),
        ["import.undone"] = new("undid import #{0} ({1}): {2} lines and {3} customers removed, {4} customers it created kept (other lines or references)",
            "importación n.º {0} deshecha ({1}): {2} líneas y {3} clientes eliminados, {4} clientes que creó conservados (otras líneas o referencias)", "ttnnn"),
        ["import.imported"] = new("imported {0} (#{1}, {2}): {3} lines added, {4} already imported, {5} replaced, {6} new customers",
            "importado {0} (n.º {1}, {2}): {3} líneas añadidas, {4} ya importadas, {5} sustituidas, {6} clientes nuevos", "tttnnnn"),
        ["import.rejected"] = new(", {0} rows rejected (partial import)", ", {0} filas rechazadas (importación parcial)", "n"),
        ["import.os-user"] = new("from the command line by OS user {0}", "desde la línea de órdenes por el usuario del sistema {0}", "t"),
        ["workspace.exported"] = new("every record exported: {0} rows in {1} files", "todos los registros exportados: {0} filas en {1} archivos", "nn"),
        ["workspace.exported-by"] = new("every record exported by {0}: {1} rows in {2} files", "todos los registros exportados por {0}: {1} filas en {2} archivos", "tnn"),
        ["workspace.health-weights"] = new("health weights: freshness {0}, satisfaction {1}, revenue trend {2}, overdue tasks {3}",
            "pesos de la salud: actualidad {0}, satisfacción {1}, tendencia de la facturación {2}, tareas atrasadas {3}", "nnnn"),
        ["workspace.time-zone"] = new("time zone {0} → {1}", "zona horaria {0} → {1}", "tt"),
        ["workspace.name"] = new("name '{0}' → '{1}'", "nombre «{0}» → «{1}»", "tt"),
        ["workspace.currency"] = new("currency {0} → {1}", "moneda {0} → {1}", "tt"),
        ["workspace.currency-rates"] = new("currency {0} → {1} (its {2} exchange rates, per 1 {0}, removed)",
            "moneda {0} → {1} (sus {2} tipos de cambio, por 1 {0}, eliminados)", "ttn"),
        ["workspace.tax-ids"] = new("own tax ids [{0}] → [{1}]", "NIF propios [{0}] → [{1}]", "tt"),
        ["workspace.created"] = new("workspace '{0}' created in {1}", "espacio «{0}» creado en {1}", "tt"),
        ["workspace.settings"] = new("key-account settings: alpha {0}, suggest at {1}, t_A {2}, t_B {3}, {4} key accounts per KAM",
            "ajustes de cuentas clave: alfa {0}, sugerir desde {1}, t_A {2}, t_B {3}, {4} cuentas clave por KAM", "nnnnn"),
        ["workspace.tiers"] = new(", tiers {0}", ", niveles {0}", "t"),
    };

    /// <summary>The keys of every sentence (for tests and docs).</summary>
    public static IReadOnlyCollection<string> Keys => Table.Keys;

    /// <summary>How the sentence <paramref name="key"/> says each value (see <see cref="Sentence"/>); null for an unknown key.</summary>
    public static string? KindsOf(string key) => Table.ContainsKey(key) ? Sentences.KindsOf(key) : null;

    /// <summary>How many values the sentence <paramref name="key"/> takes as recorded; -1 for an unknown key.</summary>
    public static int Arity(string key) => Table.ContainsKey(key) ? Sentences.Arity(key) : -1;

    /// <summary>Whether <paramref name="entry"/> can be worded (it has a known key); old rows are read as recorded.</summary>
    public static bool IsWorded(AuditEntry entry) => Parse(entry) is not null;

    /// <summary>
    /// The entry's sentence in <paramref name="c"/>'s language; <paramref name="person"/> names a recorded email or user
    /// id (null: as recorded). An entry without a key (written before keys) gives its recorded English <see cref="AuditEntry.Summary"/>.
    /// </summary>
    public static string Summary(AuditEntry entry, CultureInfo c, Func<string, string?>? person = null) =>
        Parse(entry) is { } text ? Word(text, c, person) : entry.Summary;

    /// <summary>The text in <paramref name="c"/>'s language, clauses separated by semicolons.</summary>
    public static string Word(AuditText text, CultureInfo c, Func<string, string?>? person = null)
    {
        var said = new System.Text.StringBuilder();
        foreach (var (key, args) in text.Clauses)
        {
            var clause = Sentences.Say(key, args, c, person);

            // A clause that goes on the one before (": reason", ", 3 rows rejected") takes no semicolon.
            said.Append(said.Length == 0 || clause.StartsWith(':') || clause.StartsWith(',') ? "" : "; ").Append(clause);
        }

        return said.ToString();
    }

    /// <summary>The columns an entry is stored with: the clause keys joined by <c>;</c> and every value in one JSON array.</summary>
    public static (string Key, string Args) Store(AuditText text) =>
        (string.Join(";", text.Clauses.Select(c => c.Key)), JsonSerializer.Serialize(text.Clauses.SelectMany(c => c.Args).ToArray()));

    private static AuditText? Parse(AuditEntry entry)
    {
        if (string.IsNullOrEmpty(entry.SummaryKey) || entry.SummaryArgs is null)
        {
            return null;
        }

        string[] args;
        try
        {
            args = JsonSerializer.Deserialize<string[]>(entry.SummaryArgs) ?? [];
        }
        catch (JsonException)
        {
            return null;
        }

        AuditText? text = null;
        var at = 0;
        foreach (var key in entry.SummaryKey.Split(';'))
        {
            var n = Arity(key);
            if (n < 0 || at + n > args.Length)
            {
                return null;
            }

            var values = args[at..(at + n)];
            text = text is null ? AuditText.Of(key, values) : text.And(key, values);
            at += n;
        }

        return at == args.Length ? text : null;
    }
}
