namespace Kamino.People;

/// <summary>Why a change to a workspace's people was refused (<see cref="Members"/>, <see cref="Invitations"/>), in English and Spanish.</summary>
internal static class PeopleSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["member.not-member"] = new("not a member of this workspace", "no es miembro de este espacio de trabajo", ""),
        ["member.no-user"] = new("no user {0}", "no existe el usuario {0}", "t"),
        ["member.already-member"] = new("{0} is already a member", "{0} ya es miembro", "p"),
        ["member.not-an-email"] = new("'{0}' is not an email address", "«{0}» no es una dirección de correo", "t"),
        ["member.last-director"] = new("{0} is the last Director; make someone else Director first",
            "{0} es la única persona con el rol Dirección; da antes ese rol a otra persona", "p"),
        ["member.last-director-stays"] = new("{0} is the last Director and cannot be removed",
            "{0} es la única persona con el rol Dirección y no se puede eliminar", "p"),
        ["member.owner-of-role"] = new("{0} owns {1} account(s) and a {2} cannot own one; set another owner first",
            "{0} es responsable de {1} cuenta(s) y el rol {2} no puede serlo; asigna antes otro responsable", "pnw"),
        ["member.owner-of-accounts"] = new("{0} owns {1} account(s); set another owner first",
            "{0} es responsable de {1} cuenta(s); asigna antes otro responsable", "pn"),
        ["member.has-tasks"] = new("{0} has {1} task(s); reassign them first", "{0} tiene {1} tarea(s); reasígnalas antes", "pn"),
        ["member.owner-of-objectives"] = new("{0} owns {1} account-plan objective(s); give them another owner first",
            "{0} es responsable de {1} objetivo(s) de planes de cuenta; dales antes otro responsable", "pn"),
        ["member.supervised-not-kam"] = new("{0} is {1}: only a KAM has a supervisor", "{0} tiene el rol {1}: solo un KAM tiene supervisor", "pw"),
        ["member.supervisor-not-member"] = new("the supervisor is not a member of this workspace", "el supervisor no es miembro de este espacio de trabajo", ""),
        ["member.supervisor-not-lead"] = new("{0} is {1}: a supervisor must be a Lead KAM", "{0} tiene el rol {1}: un supervisor debe ser KAM responsable", "pw"),
        ["member.only-director-manages"] = new("only a Director manages members", "solo Dirección gestiona los miembros", ""),
    };
}
