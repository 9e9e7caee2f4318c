using System.CommandLine;
using System.Globalization;
using Kamino.Activities;
using Kamino.Exports;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Activities;

/// <summary>
/// <c>kamino activities add CUSTOMER --type T --summary TEXT [--at DATETIME] [--checkin --csat N [--nps N --contact ID]
/// [--next-checkin DATE]] [--member EMAIL…] [--with-contact ID…] [--next-step "TITLE;EMAIL;YYYY-MM-DD"…] [--user EMAIL]</c>
/// and <c>kamino activities list CUSTOMER</c>. The command line acts as the system unless <c>--user</c> names a member.
/// </summary>
public static class ActivitiesCommand
{
    private static readonly string[] AtFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK"];

    private static readonly Argument<string> Customer = new Argument<string>("CUSTOMER").Help("Help_Activities_Customer");
    private static readonly Option<ActivityType> Type = new Option<ActivityType>("--type", "-t") { Required = true }.Help("Help_Activities_Type").DefinedOnly();
    private static readonly Option<string> Summary = new Option<string>("--summary", "-s") { Required = true }.Help("Help_Activities_Summary");
    private static readonly Option<string?> At = new Option<string?>("--at").Help("Help_Activities_At");
    private static readonly Option<bool> Checkin = new Option<bool>("--checkin").Help("Help_Activities_Checkin");
    private static readonly Option<int?> Csat = new Option<int?>("--csat").Help("Help_Activities_Csat");
    private static readonly Option<int?> Nps = new Option<int?>("--nps").Help("Help_Activities_Nps");
    private static readonly Option<long?> NpsContact = new Option<long?>("--contact").Help("Help_Activities_NpsContact");
    private static readonly Option<string?> NextCheckin = new Option<string?>("--next-checkin").Help("Help_Activities_NextCheckin");
    private static readonly Option<string[]> Members = new Option<string[]>("--member") { AllowMultipleArgumentsPerToken = false }.Help("Help_Activities_Members");
    private static readonly Option<long[]> Contacts = new Option<long[]>("--with-contact") { AllowMultipleArgumentsPerToken = false }.Help("Help_Activities_Contacts");
    private static readonly Option<string[]> Steps = new Option<string[]>("--next-step")
    {
        AllowMultipleArgumentsPerToken = false,
    }.Help("Help_Activities_Steps");

    private static readonly Option<string?> User = new Option<string?>("--user", "-u").Help("Help_Activities_User");

    public static Command Create()
    {
        var add = new Command("add", Say("Help_Activities_Add"))
        {
            Customer, Type, Summary, At, Checkin, Csat, Nps, NpsContact, NextCheckin, Members, Contacts, Steps, User,
        };
        add.Validators.Add(r =>
        {
            if (r.GetValue(At) is { } at && ParseAt(at) is null)
            {
                r.AddError(Say("Activities_BadAt", at));
            }

            if (!CliFormat.TryDate(r.GetValue(NextCheckin), "--next-checkin", out _, out var error))
            {
                r.AddError(error!);
            }

            foreach (var raw in r.GetValue(Steps) ?? [])
            {
                if (ParseStep(raw) is null)
                {
                    r.AddError(Say("Activities_BadStep", raw));
                }
            }
        });
        add.SetAction(AddAsync);

        var format = CliFormat.CreateFormatOption(xlsx: true);
        var list = new Command("list", Say("Help_Activities_List")) { Customer, format };
        CliFormat.WithXlsx(list, format);
        list.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.CustomerAsync(parse.GetValue(Customer)!, ct) is not { } customer)
            {
                return ExitCodes.Failure;
            }

            var rows = await ActivityLog.ListAsync(ws.Db, ws.WorkspaceId, customer.Id, ct: ct);
            if (parse.GetValue(format) == OutputFormat.Xlsx)
            {
                await CliOutput.WriteXlsxAsync(parse, ExportLists.Activities(customer.Key, customer.Name, rows), ct);
                return ExitCodes.Ok;
            }

            CliOutput.Print(parse.GetValue(format), rows,
                new CliColumn<ActivityDto>("#", "id", a => Number(a.Id)),
                new CliColumn<ActivityDto>(Say("Activities_When"), "at", a => a.At.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)),
                new CliColumn<ActivityDto>(Say("Activities_Type"), "type", a => a.Type.ToString().ToLowerInvariant()),
                new CliColumn<ActivityDto>(Say("Activities_Checkin"), "isCheckin", a => Say(a.IsCheckin ? "Activities_Yes" : "Activities_No"), a => a.IsCheckin ? "yes" : "no"),
                new CliColumn<ActivityDto>("CSAT", "csat", a => a.Csat?.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ActivityDto>("NPS", "nps", a => a.Nps?.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ActivityDto>(Say("Activities_NextCheckin"), "nextCheckinOn", a => a.NextCheckinOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new CliColumn<ActivityDto>(Say("Activities_By"), "loggedBy", a => a.LoggedBy ?? Say("Activities_System"), a => a.LoggedBy ?? "system"),
                new CliColumn<ActivityDto>(Say("Activities_Team"), "members", a => string.Join("; ", a.Members.Select(p => p.Name))),
                new CliColumn<ActivityDto>(Say("Activities_Contacts"), "contacts", a => string.Join("; ", a.Contacts.Select(p => p.Name))),
                new CliColumn<ActivityDto>(Say("Activities_Summary"), "summary", a => a.Summary));
            return ExitCodes.Ok;
        });

        return new Command("activities", Say("Help_Activities")) { add, list };
    }

    private static async Task<int> AddAsync(ParseResult parse, CancellationToken ct)
    {
        await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
        if (ws is null || await ws.CustomerAsync(parse.GetValue(Customer)!, ct) is not { } customer)
        {
            return ExitCodes.Failure;
        }

        if (await ws.OptionalMemberAsync(parse.GetValue(User), ct) is not (true, var userId))
        {
            return ExitCodes.Failure;
        }

        if (await ws.MembersAsync(parse.GetValue(Members) ?? [], ct) is not { } members)
        {
            return ExitCodes.Failure;
        }

        var steps = new List<NextStep>();
        foreach (var (title, assigneeEmail, due) in (parse.GetValue(Steps) ?? []).Select(raw => ParseStep(raw)!.Value))
        {
            if (await ws.MemberAsync(assigneeEmail, ct) is not { } assignee)
            {
                return ExitCodes.Failure;
            }

            steps.Add(new NextStep(title, assignee, due));
        }

        CliFormat.TryDate(parse.GetValue(NextCheckin), "--next-checkin", out var nextCheckin, out _);
        var input = new NewActivity(parse.GetValue(Type), parse.GetValue(Summary)!, parse.GetValue(At) is { } at ? ParseAt(at) : null, parse.GetValue(Checkin),
            parse.GetValue(Csat), parse.GetValue(Nps), parse.GetValue(NpsContact), nextCheckin, members, parse.GetValue(Contacts), steps);
        var result = await ActivityLog.LogAsync(ws.Db, ws.WorkspaceId, customer.Id, input, userId, CliContext.Clock, ct);
        if (!result.Succeeded)
        {
            foreach (var p in result.Problems)
            {
                await KaminoCli.Error.WriteLineAsync($"{OptionOf(p.Field)}: {Say(p.Why)}");
            }

            return result.Outcome == ChangeOutcome.Invalid ? ExitCodes.Rejected : ExitCodes.Failure;
        }

        var activity = result.Activity!;
        var what = Say(activity.IsCheckin ? "Activities_Logged_Checkin" : "Activities_Logged_" + activity.Type, Number(activity.Id), customer.Key);
        KaminoCli.Out.WriteLine(what + (activity.TaskIds.Count > 0 ? Say("Activities_LoggedTasks", string.Join(", ", activity.TaskIds.Select(Number))) : ""));
        return ExitCodes.Ok;
    }

    /// <summary>The moment <paramref name="raw"/> names (no offset: the local time zone), or null.</summary>
    internal static DateTimeOffset? ParseAt(string raw) =>
        DateTimeOffset.TryParseExact(raw.Trim(), AtFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var at) ? at : null;

    /// <summary>"TITLE;EMAIL;YYYY-MM-DD" (the title may itself hold semicolons), or null.</summary>
    internal static (string Title, string Email, DateOnly Due)? ParseStep(string raw)
    {
        var parts = raw.Split(';');
        if (parts.Length < 3)
        {
            return null;
        }

        var title = string.Join(';', parts[..^2]).Trim();
        var email = parts[^2].Trim();
        return title.Length > 0 && email.Length > 0 && DateOnly.TryParseExact(parts[^1].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due)
            ? (title, email, due)
            : null;
    }

    // Problems are keyed as the API spells its fields; the command line names its options.
    private static string OptionOf(string field) => field switch
    {
        "isCheckin" => "--checkin",
        "csat" => "--csat",
        "nps" => "--nps",
        "npsContactId" => "--contact",
        "nextCheckinOn" => "--next-checkin",
        "memberUserIds" => "--member",
        "contactIds" => "--with-contact",
        "customer" => "CUSTOMER",
        _ when field.StartsWith("nextSteps", StringComparison.Ordinal) => "--next-step" + field["nextSteps".Length..],
        _ => "--" + field,
    };

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
