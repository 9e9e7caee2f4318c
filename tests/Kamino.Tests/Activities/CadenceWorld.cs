using Kamino.Activities;
using Kamino.People;
using Kamino.WorkTasks;

namespace Kamino.Tests.Activities;

/// <summary>
/// Two workspaces of key accounts with owners and check-ins, judged on <see cref="Today"/> with the default tiers
/// (top tier every 30 days). In <c>a</c>: K1 checked in 40 days ago (overdue 10), K2 never contacted, both owned by
/// the KAM (supervised by the Lead KAM); K3 checked in 5 days ago with "call me back" in 3 days (due soon), owned by
/// another KAM; K4 checked in yesterday (up to date), owned by the Lead KAM; N1 is not a key account. In <c>b</c>:
/// B1, never contacted, owned by the same KAM.
/// </summary>
public sealed class CadenceWorld
{
    public static readonly DateOnly Today = new(2026, 3, 10);

    public int A { get; private set; }

    public int B { get; private set; }

    public Dictionary<string, string> Users { get; } = [];

    public Dictionary<string, long> Customers { get; } = [];

    public static async Task<CadenceWorld> SeedAsync(KaminoDb db)
    {
        var w = new CadenceWorld();
        w.A = await TeamData.WorkspaceAsync(db, "a");
        w.B = await TeamData.WorkspaceAsync(db, "b");
        w.Users["director"] = await TeamData.MemberAsync(db, w.A, "dora@a.test", Role.Director);
        w.Users["lead"] = await TeamData.MemberAsync(db, w.A, "lena@a.test", Role.LeadKam);
        w.Users["kam"] = await TeamData.MemberAsync(db, w.A, "karl@a.test", Role.Kam, w.Users["lead"]);
        w.Users["other"] = await TeamData.MemberAsync(db, w.A, "kora@a.test", Role.Kam);
        await TeamData.MemberAsync(db, w.B, "karl@a.test", Role.Kam);
        foreach (var key in new[] { "K1", "K2", "K3", "K4" })
        {
            w.Customers[key] = await TeamData.CustomerAsync(db, w.A, key);
        }

        w.Customers["N1"] = await TeamData.CustomerAsync(db, w.A, "N1", isKeyAccount: false);
        w.Customers["B1"] = await TeamData.CustomerAsync(db, w.B, "B1");
        await TeamData.TeamRowAsync(db, w.A, w.Customers["K1"], w.Users["kam"], Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, w.A, w.Customers["K2"], w.Users["kam"], Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, w.A, w.Customers["K3"], w.Users["other"], Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, w.A, w.Customers["K4"], w.Users["lead"], Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, w.A, w.Customers["N1"], w.Users["kam"], Department.Sales, isOwner: true);
        await TeamData.TeamRowAsync(db, w.B, w.Customers["B1"], w.Users["kam"], Department.Sales, isOwner: true);

        await w.CheckinAsync(db, w.A, "K1", -60);
        await w.CheckinAsync(db, w.A, "K1", -40);
        await w.CheckinAsync(db, w.A, "K3", -5, next: Today.AddDays(3));
        await w.CheckinAsync(db, w.A, "K4", -1);
        await w.CheckinAsync(db, w.A, "N1", -90);
        db.Activities.Add(new Activity
        {
            // A call that is not a check-in does not count.
            WorkspaceId = w.A, Id = await db.NextIdAsync(db.Activities, w.A), CustomerId = w.Customers["K2"], Type = ActivityType.Call, At = At(-2), Summary = "Quick call", CreatedAt = At(-2),
        });
        await db.SaveChangesAsync();
        return w;
    }

    public static DateTimeOffset At(int days) => new(Today.AddDays(days).ToDateTime(new TimeOnly(10, 30)), TimeSpan.Zero);

    /// <summary>Logs a check-in (a call, CSAT 4) <paramref name="days"/> from <see cref="Today"/>.</summary>
    public async Task CheckinAsync(KaminoDb db, int workspaceId, string key, int days, DateOnly? next = null)
    {
        db.Activities.Add(new Activity
        {
            WorkspaceId = workspaceId,
            Id = await db.NextIdAsync(db.Activities, workspaceId),
            CustomerId = Customers[key],
            Type = ActivityType.Call,
            At = At(days),
            Summary = "Monthly call",
            IsCheckin = true,
            Csat = 4,
            NextCheckinOn = next,
            CreatedAt = At(days),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>An open task assigned to <paramref name="user"/>, due <paramref name="dueIn"/> days from <see cref="Today"/>.</summary>
    public async Task TaskAsync(KaminoDb db, int workspaceId, string user, string title, int dueIn, WorkTaskStatus status = WorkTaskStatus.Open)
    {
        db.Tasks.Add(new WorkTask
        {
            WorkspaceId = workspaceId,
            Id = await db.NextIdAsync(db.Tasks, workspaceId),
            Title = title,
            AssigneeUserId = Users[user],
            DueDate = Today.AddDays(dueIn),
            Status = status,
            CreatedByUserId = Users["director"],
            CreatedAt = At(-3),
        });
        await db.SaveChangesAsync();
    }
}
