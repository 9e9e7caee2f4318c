namespace Kamino.Plans;

/// <summary>What the plan rules say to a person about a plan's input (<see cref="PlanProblem.Why"/>); sizes and a required title are <see cref="FieldSentences"/>.</summary>
internal static class PlanProblemSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["plan.area"] = new("The area is one of: {0}.", "El área es una de estas: {0}.", "t"),
        ["plan.status"] = new("The status is one of: {0}.", "El estado es uno de estos: {0}.", "t"),
        ["plan.due-year"] = new("The due date {0} is outside {1}–{2}.", "La fecha límite {0} está fuera de {1}–{2}.", "dtt"),
        ["plan.order-all"] = new("The order must name each of the plan's {0} objectives once.", "El orden debe nombrar una vez cada uno de los {0} objetivos del plan.", "n"),
        ["plan.owner-not-member"] = new("The owner is not a member of this workspace.", "El responsable no es miembro de este espacio de trabajo.", ""),
    };
}
