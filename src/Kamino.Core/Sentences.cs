using System.Globalization;
using Kamino.Accounts;
using Kamino.Activities;
using Kamino.Alerts;
using Kamino.Audit;
using Kamino.Contacts;
using Kamino.Currencies;
using Kamino.Customers;
using Kamino.Health;
using Kamino.Import;
using Kamino.Orders;
using Kamino.People;
using Kamino.Plans;
using Kamino.WorkTasks;
using Kamino.Workspaces;

namespace Kamino;

/// <summary>
/// A sentence in English and Spanish, <c>{0}</c>… its values; <see cref="Kinds"/> says how each value is said:
/// t text as recorded, p a person (email or user id, by name when known), d a date, m a moment (UTC), n a number,
/// a an amount of money, c a change (a ratio, said as a signed percentage), w a word (role, status, department, field…), l a comma-separated list of words, s a word worded by
/// its language pair (the English value, then the Spanish one right after it).
/// </summary>
public sealed record Sentence(string En, string Es, string Kinds);

/// <summary>
/// Every sentence Core says to people, worded in the reader's language from its key and recorded values (<see cref="Said"/>):
/// audit entries (<see cref="AuditWords"/>), refusals and problems. Each feature keeps its own table; this class words them
/// all the same way, dates and numbers as the language writes them, people by name when the reader knows them, and roles,
/// statuses, channels and fields in the language's words (one set, <see cref="Word(string, CultureInfo)"/>).
/// </summary>
public static class Sentences
{
    private static readonly Dictionary<string, Sentence> All = Merge(AuditWords.Table, FieldSentences.Table, HealthSentences.Table,
        PeopleSentences.Table, CustomerSentences.Table, AccountSentences.Table, PlanSentences.Table, ContactSentences.Table, AlertSentences.Table, WorkspaceSentences.Table,
        TaskSentences.Table, OrderSentences.Table, ActivitySentences.Table, PlanProblemSentences.Table, ContactProblemSentences.Table,
        CustomerProblemSentences.Table, WorkspaceProblemSentences.Table, HealthProblemSentences.Table, ImportSentences.Table, RatesSentences.Table);

    /// <summary>Roles, statuses, departments, channels, areas and field names in Spanish (English: the recorded word, spaced).</summary>
    private static readonly Dictionary<string, (string En, string Es)> Words = new(StringComparer.Ordinal)
    {
        ["Director"] = ("Director", "Dirección"),
        ["LeadKam"] = ("Lead KAM", "KAM responsable"),
        ["Kam"] = ("KAM", "KAM"),
        ["Collaborator"] = ("Collaborator", "Colaborador"),
        ["Viewer"] = ("Viewer", "Solo lectura"),
        ["Direction"] = ("Direction", "Dirección"),
        ["Sales"] = ("Sales", "Ventas"),
        ["Communication"] = ("Communication", "Comunicación"),
        ["Marketing"] = ("Marketing", "Marketing"),
        ["Advertising"] = ("Advertising", "Publicidad"),
        ["Operations"] = ("Operations", "Operaciones"),
        ["Other"] = ("Other", "Otro"),
        ["received"] = ("received", "recibido"),
        ["inProgress"] = ("inProgress", "en curso"),
        ["fulfilled"] = ("fulfilled", "servido"),
        ["cancelled"] = ("cancelled", "cancelado"),
        ["notNeeded"] = ("notNeeded", "no necesaria"),
        ["pending"] = ("pending", "pendiente"),
        ["approved"] = ("approved", "aprobado"),
        ["rejected"] = ("rejected", "rechazado"),
        ["phone"] = ("phone", "teléfono"),
        ["email"] = ("email", "correo"),
        ["visit"] = ("visit", "visita"),
        ["web"] = ("web", "web"),
        ["meeting"] = ("meeting", "reunión"),
        ["call"] = ("call", "llamada"),
        ["video"] = ("video", "videollamada"),
        ["note"] = ("note", "nota"),
        ["Any"] = ("any channel", "cualquier canal"),
        ["Call"] = ("call", "llamada"),
        ["Visit"] = ("visit", "visita"),
        ["Email"] = ("email", "correo"),
        ["Meeting"] = ("meeting", "reunión"),
        ["none"] = ("none", "nadie"),
        ["sales"] = ("sales", "ventas"),
        ["marketing"] = ("marketing", "marketing"),
        ["communication"] = ("communication", "comunicación"),
        ["advertising"] = ("advertising", "publicidad"),
        ["service"] = ("service", "servicio"),
        ["not-started"] = ("not-started", "sin empezar"),
        ["on-track"] = ("on-track", "en marcha"),
        ["at-risk"] = ("at-risk", "en riesgo"),
        ["done"] = ("done", "hecho"),
        ["strengths"] = ("strengths", "fortalezas"),
        ["weaknesses"] = ("weaknesses", "debilidades"),
        ["opportunities"] = ("opportunities", "oportunidades"),
        ["threats"] = ("threats", "amenazas"),
        ["title"] = ("title", "título"),
        ["owner"] = ("owner", "responsable"),
        ["measure"] = ("measure", "medida"),
        ["target"] = ("target", "meta"),
        ["due date"] = ("due date", "fecha límite"),
        ["name"] = ("name", "nombre"),
        ["role"] = ("role", "rol"),
        ["influence"] = ("influence", "influencia"),
        ["strength"] = ("strength", "relación"),
        ["notes"] = ("notes", "notas"),
        ["made primary"] = ("made primary", "hecho principal"),
        ["no longer primary"] = ("no longer primary", "ya no es principal"),
        ["known by"] = ("known by", "quién lo conoce"),

        // Fields of the validators' problems (FieldSentences and the feature tables).
        ["description"] = ("description", "descripción"),
        ["summary"] = ("summary", "resumen"),
        ["freshness"] = ("freshness", "contacto al día"),
        ["satisfaction"] = ("satisfaction", "satisfacción"),
        ["revenue trend"] = ("revenue trend", "tendencia de facturación"),
        ["overdue tasks"] = ("overdue tasks", "tareas vencidas"),

        // Fields of the import's sale rows (ImportSentences).
        ["quantity"] = ("quantity", "cantidad"),
        ["unit price"] = ("unit price", "precio unitario"),
        ["discount"] = ("discount", "descuento"),
        ["net amount"] = ("net amount", "importe neto"),
        ["customer tax id"] = ("customer tax id", "NIF del cliente"),
        ["customer id"] = ("customer id", "código de cliente"),
        ["customer name"] = ("customer name", "nombre del cliente"),
        ["document number"] = ("document number", "número de documento"),
        ["product code"] = ("product code", "código de producto"),
        ["product name"] = ("product name", "nombre del producto"),
    };

    /// <summary>The keys of every sentence (for tests and docs).</summary>
    public static IReadOnlyCollection<string> Keys => All.Keys;

    /// <summary>How the sentence <paramref name="key"/> says each value (see <see cref="Sentence"/>); null for an unknown key.</summary>
    public static string? KindsOf(string key) => All.TryGetValue(key, out var s) ? s.Kinds : null;

    /// <summary>How many values the sentence <paramref name="key"/> takes as recorded; -1 for an unknown key.</summary>
    public static int Arity(string key) => All.TryGetValue(key, out var s) ? s.Kinds.Length + s.Kinds.Count(k => k == 's') : -1;

    /// <summary>A role, status, department, channel, area or field name in <paramref name="c"/>'s language (unknown words as given).</summary>
    public static string Word(string word, CultureInfo c) => Word(word, Language.IsSpanish(c));

    /// <summary>
    /// The sentence <paramref name="key"/> with its recorded <paramref name="args"/> in <paramref name="c"/>'s language; the
    /// invariant culture gives the recorded English (ISO dates, invariant numbers, words and people as recorded).
    /// <paramref name="person"/> names a recorded email or user id (null: as recorded).
    /// </summary>
    public static string Say(string key, IReadOnlyList<string> args, CultureInfo c, Func<string, string?>? person = null)
    {
        if (!All.TryGetValue(key, out var s))
        {
            return string.Join(" ", args);
        }

        var es = Language.IsSpanish(c);
        var recorded = c.Equals(CultureInfo.InvariantCulture);
        var values = new List<object>();
        var at = 0;
        foreach (var kind in s.Kinds)
        {
            var v = at < args.Count ? args[at] : "";
            values.Add(kind switch
            {
                _ when recorded => Recorded(kind, v),
                'p' => v.Length == 0 || v == "none" ? Word("none", es) : person?.Invoke(v) ?? v,
                'd' => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("d", c) : v,
                'm' => DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
                    ? t.ToString("g", c) + " UTC" : v,
                'n' => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n.ToString("#,0.####", c) : v,
                'a' => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var m) ? m.ToString("#,0.00", c) : v,
                'c' => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var r) ? Change(r, c) : v,
                'w' => Word(v, es),
                'l' => string.Join(", ", v.Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(w => Word(w, es))),
                's' => es && at + 1 < args.Count ? args[at + 1] : v,
                _ => v,
            });
            at += kind == 's' ? 2 : 1;
        }

        return string.Format(c, es ? s.Es : s.En, values.ToArray());
    }

    /// <summary>
    /// A value as the recorded English <see cref="AuditEntry.Summary"/> says it (the invariant culture): ISO dates and
    /// moments, invariant numbers, words and people as recorded.
    /// </summary>
    private static string Recorded(char kind, string v) => kind switch
    {
        'p' when v.Length == 0 => "none",
        'm' when DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) =>
            t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "Z",
        'a' when decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) => a.ToString("0.00", CultureInfo.InvariantCulture),
        'c' when decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var r) => (r * 100m).ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + "%",
        _ => v,
    };

    /// <summary>A ratio as a signed percentage with the culture's percent pattern (<c>+12.5%</c>, <c>-40 %</c>).</summary>
    private static string Change(decimal ratio, CultureInfo c)
    {
        var number = Math.Abs(ratio * 100m).ToString("0.#", c);
        var sign = number == "0" ? "" : ratio < 0 ? c.NumberFormat.NegativeSign : c.NumberFormat.PositiveSign;
        var percent = c.NumberFormat.PercentSymbol;
        return sign + c.NumberFormat.PercentPositivePattern switch
        {
            0 => number + " " + percent,
            2 => percent + number,
            3 => percent + " " + number,
            _ => number + percent,
        };
    }

    private static string Word(string word, bool es) =>
        Words.TryGetValue(word, out var w) ? (es ? w.Es : w.En) : word;

    private static Dictionary<string, Sentence> Merge(params Dictionary<string, Sentence>[] tables)
    {
        var all = new Dictionary<string, Sentence>(StringComparer.Ordinal);
        foreach (var (key, sentence) in tables.SelectMany(t => t))
        {
            if (!all.TryAdd(key, sentence))
            {
                throw new InvalidOperationException($"Two sentences have the key '{key}'");
            }
        }

        return all;
    }
}
