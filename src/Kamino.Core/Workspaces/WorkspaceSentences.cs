namespace Kamino.Workspaces;

/// <summary>Why a change to a workspace's settings was refused, in English and Spanish.</summary>
internal static class WorkspaceSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["workspace.not-found"] = new("no such workspace", "no existe ese espacio de trabajo", ""),
    };
}
