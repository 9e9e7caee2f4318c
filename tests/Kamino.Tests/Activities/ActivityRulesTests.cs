using FsCheck.Xunit;
using Kamino.Activities;

namespace Kamino.Tests.Activities;

/// <summary>The rules of a new activity and check-in, without a database.</summary>
public sealed class ActivityRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.FromHours(2));

    private static NewActivity Checkin(int? csat = 4, int? nps = null, long? contact = null, DateOnly? next = null, ActivityType type = ActivityType.Call) =>
        new(type, "Called the owner", Now.AddHours(-1), IsCheckin: true, Csat: csat, Nps: nps, NpsContactId: contact, NextCheckinOn: next);

    private static string[] Fields(NewActivity input) => ActivityRules.Validate(input, Now).Select(p => p.Field).ToArray();

    [Fact]
    public void Validate_PlainNoteWithSummary_IsValid() =>
        Assert.Empty(Fields(new NewActivity(ActivityType.Note, "Prefers email to calls")));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_BlankSummary_IsAProblemOfSummary(string summary) =>
        Assert.Equal(["summary"], Fields(new NewActivity(ActivityType.Email, summary)));

    [Fact]
    public void Validate_Summary4000IsFine_4001IsNot()
    {
        Assert.Empty(Fields(new NewActivity(ActivityType.Note, new string('x', 4000))));
        Assert.Equal(["summary"], Fields(new NewActivity(ActivityType.Note, new string('x', 4001))));
    }

    [Fact]
    public void Validate_AtWithinTheTolerance_IsFine_BeyondItIsInTheFuture()
    {
        Assert.Empty(Fields(new NewActivity(ActivityType.Call, "ok", Now.AddMinutes(5))));
        Assert.Equal(["at"], Fields(new NewActivity(ActivityType.Call, "tomorrow", Now.AddDays(1))));
    }

    [Theory]
    [InlineData(ActivityType.Call, true)]
    [InlineData(ActivityType.Visit, true)]
    [InlineData(ActivityType.Email, false)]
    [InlineData(ActivityType.Meeting, false)]
    [InlineData(ActivityType.Note, false)]
    public void Validate_OnlyACallOrVisitIsACheckin(ActivityType type, bool valid) =>
        Assert.Equal(valid, Fields(Checkin(type: type)).Length == 0);

    [Theory]
    [InlineData(null, "csat")]
    [InlineData(0, "csat")]
    [InlineData(6, "csat")]
    [InlineData(1, null)]
    [InlineData(5, null)]
    public void Validate_CheckinCsat_IsRequiredFrom1To5(int? csat, string? problem) =>
        Assert.Equal(problem is null ? [] : [problem], Fields(Checkin(csat)));

    [Fact]
    public void Validate_Nps_NeedsTheContactWhoGaveIt_AndAContactNeedsAnNps()
    {
        Assert.Equal(["npsContactId"], Fields(Checkin(nps: 9)));
        Assert.Equal(["nps"], Fields(Checkin(contact: 3)));
        Assert.Empty(Fields(Checkin(nps: 0, contact: 3)));
        Assert.Equal(["nps"], Fields(Checkin(nps: 11, contact: 3)));
        Assert.Equal(["nps"], Fields(Checkin(nps: -1, contact: 3)));
    }

    [Fact]
    public void Validate_NextCheckin_MustBeAfterTheCheckinDay()
    {
        var day = DateOnly.FromDateTime(Now.AddHours(-1).DateTime);
        Assert.Equal(["nextCheckinOn"], Fields(Checkin(next: day)));
        Assert.Empty(Fields(Checkin(next: day.AddDays(1))));
    }

    [Fact]
    public void Validate_CheckinFieldsOnAnOrdinaryActivity_AreRefused() =>
        Assert.Equal(["isCheckin"], Fields(new NewActivity(ActivityType.Call, "call", Csat: 4)));

    [Fact]
    public void Validate_NextSteps_KeyedByRowAndField()
    {
        var input = new NewActivity(ActivityType.Visit, "visit", NextSteps:
        [
            new NextStep("Send the quote", "u1", new DateOnly(2026, 6, 20)),
            new NextStep("", "", new DateOnly(2026, 6, 20)),
            new NextStep(new string('t', 201), "u1", new DateOnly(2026, 6, 20)),
        ]);
        Assert.Equal(["nextSteps[1].title", "nextSteps[1].assignee", "nextSteps[2].title"], Fields(input));
    }

    [Fact]
    public void Validate_TooManyParticipantsOrSteps_AreRefused()
    {
        var many = Enumerable.Range(0, ActivityRules.MaxParticipants + 1).ToList();
        Assert.Contains("contactIds", Fields(new NewActivity(ActivityType.Meeting, "m", ContactIds: many.Select(i => (long)i).ToList())));
        Assert.Contains("memberUserIds", Fields(new NewActivity(ActivityType.Meeting, "m", MemberUserIds: many.Select(i => $"u{i}").ToList())));
        var steps = Enumerable.Range(0, ActivityRules.MaxNextSteps + 1).Select(i => new NextStep($"s{i}", "u", new DateOnly(2026, 7, 1))).ToList();
        Assert.Equal(["nextSteps"], Fields(new NewActivity(ActivityType.Meeting, "m", NextSteps: steps)));
    }

    [Property(MaxTest = 300)]
    public void Validate_AnyCheckin_IsValidExactlyWhenCsatAndNpsAreInRange(int csat, int nps, bool withNps)
    {
        var input = Checkin(csat, withNps ? nps : null, withNps ? 1 : null);
        var valid = csat is >= 1 and <= 5 && (!withNps || nps is >= 0 and <= 10);
        Assert.Equal(valid, ActivityRules.Validate(input, Now).Count == 0);
    }

    [Property(MaxTest = 300)]
    public void Validate_AnyMoment_IsRefusedExactlyWhenBeyondTheTolerance(int minutesFromNow)
    {
        var at = Now.AddMinutes(minutesFromNow % 100_000);
        var problems = Fields(new NewActivity(ActivityType.Note, "n", at));
        Assert.Equal(at > Now + ActivityRules.FutureTolerance, problems.Contains("at"));
    }

    [Property(MaxTest = 200)]
    public void Validate_EveryProblem_NamesAFieldOfTheRequest(string? summary, int csat, bool isCheckin, byte type) =>
        Assert.All(ActivityRules.Validate(new NewActivity((ActivityType)(type % 6), summary ?? "", Now, isCheckin, csat), Now),
            p => Assert.True(p.Field is "type" or "summary" or "at" or "isCheckin" or "csat" or "nps" or "npsContactId" or "nextCheckinOn", p.Field));
}
