using System.CommandLine;
using System.Globalization;
using Kamino.Contacts;
using Kamino.Host.Cli;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Contacts;

/// <summary>
/// <c>kamino contacts list|add|edit|remove CUSTOMER</c>: the people at a customer. The command line acts as the
/// system (whoever holds the database may keep every customer's contacts).
/// </summary>
public static class ContactsCommand
{
    private static readonly Argument<string> Customer = new Argument<string>("CUSTOMER").Help("Help_Contacts_Customer");
    private static readonly Argument<long> Id = new Argument<long>("ID").Help("Help_Contacts_Id");
    private static readonly Option<string> Name = new Option<string>("--name") { Required = true }.Help("Help_Contacts_Name");
    private static readonly Option<string?> NewName = new Option<string?>("--name").Help("Help_Contacts_NewName");
    private static readonly Option<string?> Title = new Option<string?>("--title").Help("Help_Contacts_Title");
    private static readonly Option<string?> Email = new Option<string?>("--email").Help("Help_Contacts_Email");
    private static readonly Option<string?> Phone = new Option<string?>("--phone").Help("Help_Contacts_Phone");
    private static readonly Option<string?> RoleOption = CreateRoleOption();
    private static readonly Option<string?> Influence = CreateScaleOption("--influence", "Help_Contacts_Influence");
    private static readonly Option<string?> Strength = CreateScaleOption("--strength", "Help_Contacts_Strength");
    private static readonly Option<bool> Primary = new Option<bool>("--primary").Help("Help_Contacts_Primary");
    private static readonly Option<bool?> PrimaryEdit = new Option<bool?>("--primary") { Arity = ArgumentArity.ZeroOrOne }.Help("Help_Contacts_PrimaryEdit");
    private static readonly Option<string?> Notes = new Option<string?>("--notes").Help("Help_Contacts_Notes");
    private static readonly Option<string[]> KnownBy = new Option<string[]>("--known-by") { AllowMultipleArgumentsPerToken = true }.Help("Help_Contacts_KnownBy");

    public static Command Create()
    {
        var format = CliFormat.CreateFormatOption();
        var list = new Command("list", Say("Help_Contacts_List")) { Customer, format };
        list.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.CustomerAsync(parse.GetValue(Customer)!, ct) is not { } customer)
            {
                return ExitCodes.Failure;
            }

            CliOutput.Print(parse.GetValue(format), await CustomerContacts.ListAsync(ws.Db, ws.WorkspaceId, customer.Id, ct),
                new CliColumn<ContactDto>(Say("Contacts_Id"), "id", c => c.Id.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ContactDto>(Say("Contacts_Name"), "name", c => c.Name),
                new CliColumn<ContactDto>(Say("Contacts_Title"), "title", c => c.Title),
                new CliColumn<ContactDto>(Say("Contacts_Email"), "email", c => c.Email),
                new CliColumn<ContactDto>(Say("Contacts_Phone"), "phone", c => c.Phone),
                new CliColumn<ContactDto>(Say("Contacts_Role"), "role", c => c.Role is { } r ? ContactRules.RoleName(r) : null),
                new CliColumn<ContactDto>(Say("Contacts_Influence"), "influence", c => c.Influence?.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ContactDto>(Say("Contacts_Strength"), "strength", c => c.Strength?.ToString(CultureInfo.InvariantCulture)),
                new CliColumn<ContactDto>(Say("Contacts_Primary"), "isPrimary", c => Say(c.IsPrimary ? "Contacts_Yes" : "Contacts_No"), c => c.IsPrimary ? "true" : "false"),
                new CliColumn<ContactDto>(Say("Contacts_Knownby"), "knownBy", c => string.Join(';', c.KnownBy.Select(k => k.Email))),
                new CliColumn<ContactDto>(Say("Contacts_Notes"), "notes", c => c.Notes));
            return ExitCodes.Ok;
        });

        var add = new Command("add", Say("Help_Contacts_Add")) { Customer, Name, Title, Email, Phone, RoleOption, Influence, Strength, Primary, Notes, KnownBy };
        add.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.CustomerAsync(parse.GetValue(Customer)!, ct) is not { } customer || await KnownByAsync(ws, parse, ct) is not { } knownBy)
            {
                return ExitCodes.Failure;
            }

            var fields = new ContactFields(parse.GetValue(Name), parse.GetValue(Title), parse.GetValue(Email), parse.GetValue(Phone), Role(parse.GetValue(RoleOption)),
                Scale(parse.GetValue(Influence)), Scale(parse.GetValue(Strength)), parse.GetValue(Notes), parse.GetValue(Primary), knownBy);
            var result = await CustomerContacts.AddAsync(ws.Db, ws.WorkspaceId, customer.Id, fields, null, CliContext.Clock, ct);
            return await ReportAsync(result, c => Say("Contacts_Added", c.Id.ToString(CultureInfo.InvariantCulture), customer.Key));
        });

        var edit = new Command("edit", Say("Help_Contacts_Edit"))
        {
            Customer, Id, NewName, Title, Email, Phone, RoleOption, Influence, Strength, PrimaryEdit, Notes, KnownBy,
        };
        edit.SetAction(EditAsync);

        var remove = new Command("remove", Say("Help_Contacts_Remove")) { Customer, Id };
        remove.SetAction(async (parse, ct) =>
        {
            await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
            if (ws is null || await ws.CustomerAsync(parse.GetValue(Customer)!, ct) is not { } customer)
            {
                return ExitCodes.Failure;
            }

            var id = parse.GetValue(Id);
            var result = await CustomerContacts.RemoveAsync(ws.Db, ws.WorkspaceId, customer.Id, id, null, CliContext.Clock, ct);
            return await CliContext.ReportAsync(result, Say("Contacts_Removed", id.ToString(CultureInfo.InvariantCulture), customer.Key));
        });

        return new Command("contacts", Say("Help_Contacts")) { list, add, edit, remove };
    }

    private static async Task<int> EditAsync(ParseResult parse, CancellationToken ct)
    {
        await using var ws = await CliContext.OpenWorkspaceAsync(parse, ct);
        if (ws is null || await ws.CustomerAsync(parse.GetValue(Customer)!, ct) is not { } customer)
        {
            return ExitCodes.Failure;
        }

        var id = parse.GetValue(Id);
        var current = await CustomerContacts.FindAsync(ws.Db, ws.WorkspaceId, customer.Id, id, ct);
        if (current is null)
        {
            await KaminoCli.Error.WriteLineAsync(Say("Contacts_NoContact", customer.Key, id.ToString(CultureInfo.InvariantCulture)));
            return ExitCodes.Failure;
        }

        IReadOnlyList<string>? knownBy = current.KnownBy.Select(k => k.UserId).ToList();
        if (parse.GetResult(KnownBy) is not null && (knownBy = await KnownByAsync(ws, parse, ct)) is null)
        {
            return ExitCodes.Failure;
        }

        // An option not given keeps the current value; given empty, it clears the field.
        var fields = new ContactFields(
            parse.GetValue(NewName) ?? current.Name,
            parse.GetValue(Title) ?? current.Title,
            parse.GetValue(Email) ?? current.Email,
            parse.GetValue(Phone) ?? current.Phone,
            parse.GetValue(RoleOption) is { } role ? Role(role) : current.Role,
            parse.GetValue(Influence) is { } influence ? Scale(influence) : current.Influence,
            parse.GetValue(Strength) is { } strength ? Scale(strength) : current.Strength,
            parse.GetValue(Notes) ?? current.Notes,
            parse.GetResult(PrimaryEdit) is null ? current.IsPrimary : parse.GetValue(PrimaryEdit) ?? true,
            knownBy);
        var result = await CustomerContacts.EditAsync(ws.Db, ws.WorkspaceId, customer.Id, id, fields, null, CliContext.Clock, ct);
        return await ReportAsync(result, c => Say("Contacts_Changed", c.Id.ToString(CultureInfo.InvariantCulture), customer.Key));
    }

    /// <summary>The user ids of the <c>--known-by</c> emails (empty ones skipped), or null after saying which is no member.</summary>
    private static async Task<IReadOnlyList<string>?> KnownByAsync(CliContext ws, ParseResult parse, CancellationToken ct) =>
        await ws.MembersAsync((parse.GetValue(KnownBy) ?? []).Where(e => !string.IsNullOrWhiteSpace(e)), ct);

    private static async Task<int> ReportAsync(ContactResult result, Func<ContactDto, string> done)
    {
        if (result.Change.Succeeded)
        {
            KaminoCli.Out.WriteLine(done(result.Contact!));
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

        return ExitCodes.Failure;
    }

    private static string OptionName(string field) => field == "knownByUserIds" ? "known-by" : field;

    /// <summary>A role as validated by the option (empty: none).</summary>
    private static ContactRole? Role(string? text) => ContactRules.TryParseRole(text, out var role) ? role : null;

    /// <summary>A 1–5 value as validated by its option (empty or <c>none</c>: none).</summary>
    private static int? Scale(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static Option<string?> CreateRoleOption()
    {
        var option = new Option<string?>("--role").Help("Help_Contacts_Role", ContactRules.RoleNames);
        option.Validators.Add(r =>
        {
            var text = r.GetValueOrDefault<string?>();
            if (!string.IsNullOrEmpty(text) && !ContactRules.TryParseRole(text, out _))
            {
                r.AddError(Say("Contacts_BadRole", CliText.Visible(text), ContactRules.RoleNames));
            }
        });
        return option;
    }

    private static Option<string?> CreateScaleOption(string name, string key)
    {
        var option = new Option<string?>(name).Help(key, ContactRules.ScaleMin, ContactRules.ScaleMax);
        option.Validators.Add(r =>
        {
            var text = r.GetValueOrDefault<string?>();
            var ok = string.IsNullOrEmpty(text) || text == "none"
                || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= ContactRules.ScaleMin and <= ContactRules.ScaleMax);
            if (!ok)
            {
                r.AddError(Say("Contacts_BadScale", name, CliText.Visible(text!), ContactRules.ScaleMin, ContactRules.ScaleMax));
            }
        });
        return option;
    }
}
