using System.CommandLine;

namespace Kamino.Host.People;

/// <summary><c>kamino members list|role|supervisor|remove</c>: the people of a workspace (users are added with <c>kamino users add</c>).</summary>
public static class MembersCommand
{
    public static Command Create() => new("members", "Members of --workspace: roles, supervisors, removal")
    {
        MembersListCommand.Create(),
        MembersRoleCommand.Create(),
        MembersSupervisorCommand.Create(),
        MembersRemoveCommand.Create(),
    };
}
