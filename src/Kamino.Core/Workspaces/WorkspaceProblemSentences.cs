namespace Kamino.Workspaces;

/// <summary>
/// What the workspace validators say to a person: the profile (<see cref="WorkspaceProblem.Why"/>), and the key-account
/// settings (<see cref="SettingsProblem.Why"/>). The refusals written at their call site are <c>WorkspaceSentences</c>.
/// </summary>
internal static class WorkspaceProblemSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["workspace.slug-invalid"] = new("'{0}' is not a workspace slug: 1 to 63 lowercase letters (a-z), digits and hyphens, starting with a letter or digit",
            "«{0}» no es un identificador de espacio de trabajo: de 1 a 63 minúsculas (a-z), cifras y guiones, empezando por una letra o una cifra", "t"),
        ["workspace.slug-taken"] = new("workspace '{0}' already exists", "el espacio de trabajo «{0}» ya existe", "t"),
        ["workspace.does-not-exist"] = new("the workspace does not exist", "el espacio de trabajo no existe", ""),
        ["workspace.name-length"] = new("the name is 1 to {0} characters, without control characters", "el nombre tiene de 1 a {0} caracteres, sin caracteres de control", "n"),
        ["workspace.currency-code"] = new("'{0}' is not a currency code: three capital letters (ISO 4217, e.g. EUR)",
            "«{0}» no es un código de moneda: tres letras mayúsculas (ISO 4217, p. ej. EUR)", "t"),
        ["workspace.currency-has-sales"] = new("the workspace already holds {0} sale lines in {1}; the currency can change only while it has none",
            "el espacio de trabajo ya tiene {0} líneas de venta en {1}; la moneda solo puede cambiar mientras no tenga ninguna", "nt"),
        ["workspace.tax-id"] = new("'{0}' is not a tax id (letters and digits, at most 40)", "«{0}» no es un NIF (letras y cifras, como máximo 40)", "t"),
        ["workspace.tax-ids-count"] = new("at most {0} tax ids", "como máximo {0} NIF", "n"),
        ["settings.alpha"] = new("alpha is between 0 and 1", "alfa está entre 0 y 1", ""),
        ["settings.suggest"] = new("the suggestion threshold is between 0 and 1", "el umbral de sugerencia está entre 0 y 1", ""),
        ["settings.capacity"] = new("the key accounts one KAM can serve are 1 to {0}", "las cuentas clave que puede atender un KAM van de 1 a {0}", "n"),
        ["settings.shares"] = new("the ABC thresholds are shares above 0 and up to 1", "los umbrales ABC son proporciones mayores que 0 y hasta 1", ""),
        ["settings.threshold-order"] = new("t_B ({0}) is below t_A ({1})", "t_B ({0}) es menor que t_A ({1})", "nn"),
    };
}
