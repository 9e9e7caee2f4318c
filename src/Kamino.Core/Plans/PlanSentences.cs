namespace Kamino.Plans;

/// <summary>Why a change to an account plan was refused (<see cref="AccountPlans"/>), in English and Spanish; years and ids as text.</summary>
internal static class PlanSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["plan.objectives-full"] = new("the plan already has {0} objectives, the most one page holds",
            "el plan ya tiene {0} objetivos, lo máximo que cabe en una página", "n"),
        ["plan.no-plan"] = new("{0} has no plan for {1}", "{0} no tiene plan para {1}", "tt"),
        ["plan.no-plan-to-start-from"] = new("{0} has no plan for {1} to start {2} from", "{0} no tiene plan de {1} del que empezar el de {2}", "ttt"),
        ["plan.already-started"] = new("{0} already has a plan for {1}", "{0} ya tiene plan para {1}", "tt"),
        ["plan.not-a-plan-year"] = new("{0} is not a plan year ({1}–{2})", "{0} no es un año de plan ({1}–{2})", "ttt"),
        ["plan.no-objective"] = new("{0} has no objective #{1}", "{0} no tiene ningún objetivo n.º {1}", "tt"),
        ["plan.not-their-account"] = new("a {0} edits only the plans of accounts they (or, for a Lead KAM, their KAMs) own; {1} is not one of them",
            "el rol {0} solo edita los planes de las cuentas de las que es responsable (o, si es KAM responsable, de las de sus KAM); {1} no es una de ellas", "wt"),
        ["plan.read-only"] = new("a {0} reads account plans but may not change them", "el rol {0} puede leer los planes de cuenta, pero no cambiarlos", "w"),
        ["plan.no-task"] = new("no task #{0} in this workspace", "no existe la tarea n.º {0} en este espacio de trabajo", "t"),
        ["plan.task-of-another-account"] = new("task #{0} is not about {1}: only the account's own tasks are actions of its plan",
            "la tarea n.º {0} no es de {1}: solo las tareas de la propia cuenta son acciones de su plan", "tt"),
        ["plan.no-task-of-account"] = new("no task #{0} of this account", "esta cuenta no tiene la tarea n.º {0}", "t"),
        ["plan.task-not-linked"] = new("task #{0} is not linked to an objective", "la tarea n.º {0} no está vinculada a ningún objetivo", "t"),
    };
}
