
using Kamino.WorkTasks;

namespace Kamino.Tests.WorkTasks;

/// <summary>Which tasks get a reminder and which users a digest: pure, no database, no SMTP.</summary>
public sealed class TaskNotifierSelectionTests
{
    private static readonly DateOnly Today = new(2025, 3, 10);

    private static WorkTask T(int ws, long id, string user, int dueIn, WorkTaskStatus status = WorkTaskStatus.Open, bool reminded = false) => new()
    {
        WorkspaceId = ws,
        Id = id,
        Title = "t" + id,
        AssigneeUserId = user,
        CreatedByUserId = "d",
        DueDate = Today.AddDays(dueIn),
        Status = status,
        ReminderSentAt = reminded ? DateTimeOffset.UnixEpoch : null,
    };

    [Fact]
    public void SelectReminders_OpenUnremindedTasksDueTomorrow()
    {
        var tasks = new[]
        {
            T(1, 1, "a", 1), T(1, 2, "a", 1, WorkTaskStatus.Done), T(1, 3, "a", 1, reminded: true),
            T(1, 4, "a", 0), T(1, 5, "a", 2), T(2, 1, "b", 1),
        };

        var due = TaskNotifier.SelectReminders(tasks, Today);

        Assert.Equal([(1, 1L), (2, 1L)], due.Select(t => (t.WorkspaceId, t.Id)));
    }

    [Fact]
    public void SelectDigests_GroupsByWorkspaceAndUser_OverdueFirst_SkipsUsersWithNothingDue()
    {
        var tasks = new[]
        {
            T(1, 1, "a", 0), T(1, 2, "a", -3), T(1, 3, "a", 1), T(1, 4, "b", 5), T(1, 5, "c", -1, WorkTaskStatus.Done),
            T(2, 1, "a", -1),
        };

        var digests = TaskNotifier.SelectDigests(tasks, Today);

        Assert.Equal([(1, "a"), (2, "a")], digests.Select(d => (d.WorkspaceId, d.UserId)));
        Assert.Equal([2L, 1], digests[0].Tasks.Select(t => t.Id));
        Assert.Equal([1L], digests[1].Tasks.Select(t => t.Id));
    }
}
