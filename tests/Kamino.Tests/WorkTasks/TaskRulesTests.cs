
using Kamino.People;
using Kamino.WorkTasks;

namespace Kamino.Tests.WorkTasks;

public sealed class TaskRulesTests
{
    private static readonly DateOnly Due = new(2025, 3, 10);

    private static WorkTask Task(string assignee = "kam", string creator = "director", WorkTaskStatus status = WorkTaskStatus.Open, long? customer = null) => new()
    {
        WorkspaceId = 1,
        Id = 1,
        Title = "Call the buyer",
        AssigneeUserId = assignee,
        CreatedByUserId = creator,
        DueDate = Due,
        Status = status,
        CustomerId = customer,
    };

    private static TaskActor Actor(string id, Role role, params string[] supervised) => new(id, role, supervised.ToHashSet(StringComparer.Ordinal));

    [Theory]
    [InlineData("2025-03-09", false)]
    [InlineData("2025-03-10", false)]
    [InlineData("2025-03-11", true)]
    [InlineData("2026-01-01", true)]
    public void IsOverdue_OpenTask_FromTheDayAfterItsDueDate(string today, bool overdue) =>
        Assert.Equal(overdue, TaskRules.IsOverdue(Task(), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void IsOverdue_DoneTask_IsNever() =>
        Assert.False(TaskRules.IsOverdue(Task(status: WorkTaskStatus.Done), Due.AddDays(30)));

    [Fact]
    public void NeedsReminder_OnlyTheDayBefore_WhileOpen_AndOnce()
    {
        Assert.True(TaskRules.NeedsReminder(Task(), Due.AddDays(-1)));
        Assert.False(TaskRules.NeedsReminder(Task(), Due.AddDays(-2)));
        Assert.False(TaskRules.NeedsReminder(Task(), Due));
        Assert.False(TaskRules.NeedsReminder(Task(status: WorkTaskStatus.Done), Due.AddDays(-1)));
        var reminded = Task();
        reminded.ReminderSentAt = DateTimeOffset.UnixEpoch;
        Assert.False(TaskRules.NeedsReminder(reminded, Due.AddDays(-1)));
    }

    [Fact]
    public void BelongsInDigest_OpenAndDueTodayOrEarlier()
    {
        Assert.True(TaskRules.BelongsInDigest(Task(), Due));
        Assert.True(TaskRules.BelongsInDigest(Task(), Due.AddDays(3)));
        Assert.False(TaskRules.BelongsInDigest(Task(), Due.AddDays(-1)));
        Assert.False(TaskRules.BelongsInDigest(Task(status: WorkTaskStatus.Done), Due));
    }

    [Theory]
    [InlineData("", "title")]
    [InlineData("   ", "title")]
    [InlineData(null, "title")]
    public void Validate_BlankTitle_IsRefused(string? title, string field) =>
        Assert.Equal(field, Assert.Single(TaskRules.Validate(title, null)).Field);

    [Fact]
    public void Validate_TitleLength_200IsTheLimit()
    {
        Assert.Empty(TaskRules.Validate(new string('x', 200), ""));
        Assert.Equal("title", Assert.Single(TaskRules.Validate(new string('x', 201), "")).Field);
        Assert.Equal("description", Assert.Single(TaskRules.Validate("ok", new string('x', 4001))).Field);
    }

    [Theory]
    [InlineData(Role.Director, "director", true)]
    [InlineData(Role.LeadKam, "lead", true)]        // supervises the assignee
    [InlineData(Role.LeadKam, "lead2", false)]      // supervises someone else
    [InlineData(Role.Kam, "kam", true)]             // the assignee
    [InlineData(Role.Kam, "kam2", false)]
    [InlineData(Role.Collaborator, "collab", false)]
    [InlineData(Role.Viewer, "viewer", false)]
    public void CanReassign_TasksOfOthers_OnlyDirectorsAndTheirLeadKam(Role role, string user, bool allowed)
    {
        var actor = user == "lead" ? Actor(user, role, "kam") : Actor(user, role, "someone-else");
        Assert.Equal(allowed, TaskRules.CanReassign(actor, Task(assignee: "kam")));
        Assert.Equal(allowed, TaskRules.CanComplete(actor, Task(assignee: "kam")));
    }

    [Fact]
    public void CanComplete_Assignee_EvenACollaborator_ButNotAViewer()
    {
        Assert.True(TaskRules.CanComplete(Actor("collab", Role.Collaborator), Task(assignee: "collab")));
        Assert.False(TaskRules.CanReassign(Actor("collab", Role.Collaborator), Task(assignee: "collab")));
        Assert.False(TaskRules.CanComplete(Actor("viewer", Role.Viewer), Task(assignee: "viewer")));
    }

    [Fact]
    public void CanEdit_KamCreator_YesButMayNotCloseSomeoneElsesTask()
    {
        var kam = Actor("kam", Role.Kam);
        var task = Task(assignee: "collab", creator: "kam");
        Assert.True(TaskRules.CanEdit(kam, task));
        Assert.False(TaskRules.CanComplete(kam, task));
        Assert.True(TaskRules.CanComplete(Actor("lead", Role.LeadKam), Task(assignee: "collab", creator: "lead")));
    }

    [Fact]
    public void CanBeAssignedTo_EveryRoleButViewer()
    {
        Assert.All(new[] { Role.Director, Role.LeadKam, Role.Kam, Role.Collaborator }, r => Assert.True(TaskRules.CanBeAssignedTo(r)));
        Assert.False(TaskRules.CanBeAssignedTo(Role.Viewer));
    }

    [Fact]
    public void IsInTeam_ScopesByRole()
    {
        var owned = new HashSet<long> { 7 };
        var team = new HashSet<long> { 8 };
        var onOwned = Task(assignee: "x", customer: 7);
        var onTeam = Task(assignee: "x", customer: 8);
        var elsewhere = Task(assignee: "x", customer: 9);

        Assert.True(TaskRules.IsInTeam(Actor("d", Role.Director), elsewhere, owned, team));
        Assert.True(TaskRules.IsInTeam(Actor("l", Role.LeadKam, "x"), elsewhere, owned, team));
        Assert.True(TaskRules.IsInTeam(Actor("l", Role.LeadKam), onOwned, owned, team));
        Assert.False(TaskRules.IsInTeam(Actor("l", Role.LeadKam), elsewhere, owned, team));
        Assert.True(TaskRules.IsInTeam(Actor("k", Role.Kam), onOwned, owned, team));
        Assert.False(TaskRules.IsInTeam(Actor("k", Role.Kam), onTeam, owned, team));
        Assert.True(TaskRules.IsInTeam(Actor("c", Role.Collaborator), onTeam, owned, team));
        Assert.False(TaskRules.IsInTeam(Actor("c", Role.Collaborator), onOwned, owned, team));
        Assert.True(TaskRules.IsInTeam(Actor("x", Role.Viewer), elsewhere, owned, team));
    }

    [Fact]
    public void InListOrder_OverdueFirst_ThenByDueDate()
    {
        var today = new DateOnly(2025, 3, 10);
        WorkTask T(long id, int dueIn, WorkTaskStatus status = WorkTaskStatus.Open) => new()
        {
            Id = id, Title = "t", AssigneeUserId = "a", CreatedByUserId = "a", DueDate = today.AddDays(dueIn), Status = status,
        };

        var ordered = TaskRules.InListOrder([T(1, 5), T(2, -1), T(3, 0), T(4, -3), T(5, -10, WorkTaskStatus.Done)], today).Select(t => t.Id);

        Assert.Equal([4L, 2, 5, 3, 1], ordered);
    }
}
