using System.CommandLine;
using System.Globalization;
using Kamino.Host.Cli;
using Kamino.Plans;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Plans;

/// <summary>
/// <c>kamino plan show|set|next-year|objective …</c>: a key account's plan for a year (docs/plans.md). Changes act as
/// <c>--user EMAIL</c> (checked like the web: the owner KAM, their Lead KAM or a Director), or as the system without it.
/// </summary>
public static class PlanCommand
{
    internal static readonly Argument<string> Customer = new Argument<string>("CUSTOMER").Help("Help_Plan_Customer");
    internal static readonly Option<int?> YearOption = new Option<int?>("--year").Help("Help_Plan_Year");
    internal static readonly Option<string?> Today = new Option<string?>("--today").Help("Help_Plan_Today");
    internal static readonly Option<string?> User = new Option<string?>("--user", "-u").Help("Help_Plan_User");
    private static readonly Option<FileInfo?> Pdf = new Option<FileInfo?>("--pdf").Help("Help_Plan_Pdf");
    private static readonly Option<string?> Strengths = Text("--strengths", "Help_Plan_Strengths");
    private static readonly Option<string?> Weaknesses = Text("--weaknesses", "Help_Plan_Weaknesses");
    private static readonly Option<string?> Opportunities = Text("--opportunities", "Help_Plan_Opportunities");
    private static readonly Option<string?> Threats = Text("--threats", "Help_Plan_Threats");

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var show = new Command("show", Say("Help_Plan_Show"))
        {
            Customer, YearOption, Today, format, Pdf,
        };
        show.SetAction(async (parse, ct) =>
        {
            var (open, exit) = await OpenAsync(parse, ct);
            if (open is null)
            {
                return exit;
            }

            await using var ws = open.Context;
            var plan = (await AccountPlans.GetAsync(ws.Db, ws.WorkspaceId, open.CustomerId, open.Year, ct))!;
            if (parse.GetValue(Pdf) is { } file)
            {
                await File.WriteAllBytesAsync(file.FullName, PlanPdf.Render(plan, open.Today, PlanPdfLabels.For(CultureInfo.CurrentUICulture.Name)), ct);
                KaminoCli.Out.WriteLine(Say("Plans_PdfWritten", Year(plan.Year), plan.CustomerKey, file.FullName));
                return ExitCodes.Ok;
            }

            CliOutput.Print(parse.GetValue(format), plan, w => CliOutput.WriteCsv(w, plan.Objectives, Columns), console => Table(console, plan));
            return ExitCodes.Ok;
        });

        var set = new Command("set", Say("Help_Plan_Set"))
        {
            Customer, YearOption, Today, User, Strengths, Weaknesses, Opportunities, Threats,
        };
        set.SetAction(async (parse, ct) =>
        {
            var (open, exit) = await OpenAsync(parse, ct);
            if (open is null)
            {
                return exit;
            }

            await using var ws = open.Context;
            var current = (await AccountPlans.GetAsync(ws.Db, ws.WorkspaceId, open.CustomerId, open.Year, ct))!;
            var fields = new SituationFields(parse.GetValue(Strengths) ?? current.Strengths, parse.GetValue(Weaknesses) ?? current.Weaknesses,
                parse.GetValue(Opportunities) ?? current.Opportunities, parse.GetValue(Threats) ?? current.Threats);
            var result = await AccountPlans.SetSituationAsync(ws.Db, ws.WorkspaceId, open.CustomerId, open.Year, fields, open.UserId, CliContext.Clock, ct);
            return await ReportAsync(result, Say("Plans_SituationSaved", Year(open.Year), current.CustomerKey));
        });

        var next = new Command("next-year", Say("Help_Plan_NextYear"))
        {
            Customer, YearOption, Today, User,
        };
        next.SetAction(async (parse, ct) =>
        {
            var (open, exit) = await OpenAsync(parse, ct);
            if (open is null)
            {
                return exit;
            }

            await using var ws = open.Context;
            var result = await AccountPlans.StartNextYearAsync(ws.Db, ws.WorkspaceId, open.CustomerId, open.Year, open.UserId, CliContext.Clock, ct);
            return await ReportAsync(result, Say("Plans_NextYearStarted", Year(open.Year + 1), Year(open.Year), (result.Plan?.Objectives.Count ?? 0).ToString(CultureInfo.InvariantCulture)));
        });

        return new Command("plan", Say("Help_Plan")) { show, set, next, PlanObjectiveCommand.Create() };
    }

    /// <summary>
    /// The objectives table's columns (table and CSV), built per run: headers, areas and statuses in the run's language
    /// in the table; the CSV keeps the names the options take.
    /// </summary>
    internal static CliColumn<ObjectiveDto>[] Columns =>
    [
        new("Id", "id", o => o.Id.ToString(CultureInfo.InvariantCulture)),
        new(Say("Plans_Area"), "area", o => Say("Plans_Area_" + o.Area), o => PlanRules.AreaName(o.Area)),
        new(Say("Plans_Objective"), "title", o => o.Title),
        new(Say("Plans_Owner"), "owner", o => o.OwnerEmail),
        new(Say("Plans_Measure"), "measure", o => o.Measure),
        new(Say("Plans_Target"), "target", o => o.Target),
        new(Say("Plans_Due"), "dueOn", o => o.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new(Say("Plans_Status"), "status", o => StatusText(o.Status), o => PlanRules.StatusName(o.Status)),
        new(Say("Plans_Progress"), "progress", o => Progress(o, Say("Plans_NoActions")), o => Progress(o, "no actions")),
    ];

    /// <summary>An objective's status as the run's language words it (English: the name the command takes).</summary>
    internal static string StatusText(ObjectiveStatus status) => Say("Plans_Status_" + status);

    private static string Progress(ObjectiveDto o, string none) => o.ProgressPercent is { } p
        ? $"{o.ActionsDone.ToString(CultureInfo.InvariantCulture)}/{o.Actions.ToString(CultureInfo.InvariantCulture)} ({p.ToString(CultureInfo.InvariantCulture)}%)"
        : none;

    /// <summary>
    /// The database, the customer, the plan year and the acting member of a plan command; null with the exit code after
    /// saying what was wrong.
    /// </summary>
    internal static async Task<(Opened? Open, int Exit)> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        if (!CliFormat.TryDate(parse.GetValue(Today), "--today", out var today, out var error))
        {
            await KaminoCli.Error.WriteLineAsync(error);
            return (null, ExitCodes.Usage);
        }

        if (parse.GetValue(YearOption) is { } given && !PlanRules.IsPlanYear(given))
        {
            await KaminoCli.Error.WriteLineAsync(Say("Plans_BadYear", Year(given), Year(PlanRules.MinYear), Year(PlanRules.MaxYear)));
            return (null, ExitCodes.Usage);
        }

        var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
        if (ws is null)
        {
            return (null, ExitCodes.Failure);
        }

        var day = today ?? ws.Today;
        var year = parse.GetValue(YearOption) ?? day.Year;

        string? userId = null;
        if (await ws.CustomerAsync(parse.GetValue(Customer)!, ct) is not { } customer
            || (parse.GetValue(User) is { } email && (userId = await ws.MemberAsync(email, ct)) is null))
        {
            await ws.DisposeAsync();
            return (null, ExitCodes.Failure);
        }

        return (new Opened(ws, customer.Id, year, day, userId), ExitCodes.Ok);
    }

    internal static async Task<int> ReportAsync(PlanResult result, string done)
    {
        if (result.Change.Succeeded)
        {
            KaminoCli.Out.WriteLine(done);
            return ExitCodes.Ok;
        }

        if (result.Problems.Count == 0)
        {
            return await CliContext.ReportAsync(result.Change, "");
        }

        foreach (var p in result.Problems)
        {
            await KaminoCli.Error.WriteLineAsync($"--{OptionName(p.Field)}: {Say(p.Why)}");
        }

        return ExitCodes.Rejected;
    }

    internal static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static string OptionName(string field) => field switch
    {
        "ownerUserId" => "owner",
        "dueOn" => "due",
        _ => field,
    };

    private static void Table(IAnsiConsole console, PlanDto plan)
    {
        var w = console.Profile.Out.Writer;
        w.WriteLine(Say("Plans_Title", Year(plan.Year), plan.CustomerName, plan.CustomerKey, plan.AccountOwnerEmail ?? Say("Plans_NoOwner"))
            + (plan.Id is null ? Say("Plans_NotStarted") : ""));
        w.WriteLine(Say("Plans_Strengths", plan.Strengths));
        w.WriteLine(Say("Plans_Weaknesses", plan.Weaknesses));
        w.WriteLine(Say("Plans_Opportunities", plan.Opportunities));
        w.WriteLine(Say("Plans_Threats", plan.Threats));
        if (plan.Objectives.Count == 0)
        {
            w.WriteLine(Say("Plans_NoObjectives"));
            return;
        }

        CliOutput.WriteTable(console, plan.Objectives, Columns);
    }

    private static Option<string?> Text(string name, string key) =>
        new Option<string?>(name).Help(key, AccountPlan.MaxSituationLength);

    /// <summary>What <see cref="OpenAsync"/> opened; the command disposes <see cref="Context"/>.</summary>
    internal sealed record Opened(CliContext Context, long CustomerId, int Year, DateOnly Today, string? UserId);
}
