using System.CommandLine;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.People;

/// <summary><c>kamino members list|role|supervisor|remove</c>: the people of a workspace (users are added with <c>kamino users add</c>).</summary>
public static class MembersCommand
{
    public static Command Create() => new("members", Say("Help_Members"))
    {
        MembersListCommand.Create(),
        MembersRoleCommand.Create(),
        MembersSupervisorCommand.Create(),
        MembersRemoveCommand.Create(),
    };
}
