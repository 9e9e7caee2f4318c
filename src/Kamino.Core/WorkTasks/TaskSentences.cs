namespace Kamino.WorkTasks;

/// <summary>What the task rules say to a person about a task's input (<see cref="TaskProblem.Why"/>).</summary>
internal static class TaskSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["task.assignee-not-member"] = new("The assignee is not a member of this workspace.", "La persona asignada no es miembro de este espacio de trabajo.", ""),
        ["task.assignee-viewer"] = new("A Viewer is read-only and cannot be assigned tasks.", "Un usuario de solo lectura no puede tener tareas asignadas.", ""),
    };
}
