using System.CommandLine;
using Kamino.Host.Cli;
using Kamino.People;
using Kamino.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.SignIn;

/// <summary><c>kamino users add|list|disable|enable|password</c>: accounts, from the machine that holds the database.</summary>
public static class UsersCommand
{
    private static readonly Option<string> Email = new Option<string>("--email") { Required = true }.Help("Help_Users_Email");
    private static readonly Option<Role> RoleOption = new Option<Role>("--role") { DefaultValueFactory = _ => Role.Director }.Help("Help_Users_Role").DefinedOnly();
    private static readonly Option<string?> Name = new Option<string?>("--name").Help("Help_Users_Name");
    private static readonly Argument<string> EmailArgument = new Argument<string>("EMAIL").Help("Help_Users_EmailArgument");

    public static Command Create()
    {
        var add = new Command("add", Say("Help_Users_Add"))
        {
            Email,
            RoleOption,
            Name,
        };
        add.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliContext.OpenWithIdentityAsync(parse, ct);
            var users = cli.Get<UserManager<KaminoUser>>();
            var db = cli.Db;
            if (!await cli.ResolveWorkspaceAsync(ct, Say("SignIn_CreateWorkspaceHint", parse.GetValue(KaminoCli.Workspace))))
            {
                return ExitCodes.Failure;
            }

            var email = parse.GetValue(Email)!.Trim();
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                var password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
                user = new KaminoUser { UserName = email, Email = email, DisplayName = parse.GetValue(Name) ?? email, EmailConfirmed = true };
                var created = await users.CreateAsync(user, password);
                if (!created.Succeeded)
                {
                    foreach (var e in created.Errors)
                    {
                        await KaminoCli.Error.WriteLineAsync($"{email}: {e.Description}");
                    }

                    return ExitCodes.Failure;
                }
            }

            var role = parse.GetValue(RoleOption);
            var membership = await db.Memberships.FirstOrDefaultAsync(m => m.WorkspaceId == cli.WorkspaceId && m.UserId == user.Id, ct);
            if (membership is null)
            {
                db.Memberships.Add(new Membership { WorkspaceId = cli.WorkspaceId, UserId = user.Id, Role = role, CreatedAt = TimeProvider.System.GetUtcNow() });
            }
            else
            {
                membership.Role = role;
            }

            await db.SaveChangesAsync(ct);
            KaminoCli.Out.WriteLine(Say("SignIn_Added", email, role, cli.Slug));
            return ExitCodes.Ok;
        });

        var list = new Command("list", Say("Help_Users_List"));
        list.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliContext.OpenWithIdentityAsync(parse, ct);
            var db = cli.Db;
            var slug = cli.Slug;
            var rows = await (from m in db.Memberships
                              join w in db.Workspaces on m.WorkspaceId equals w.Id
                              join u in db.Users on m.UserId equals u.Id
                              where w.Slug == slug
                              orderby u.Email
                              select new { u.Email, u.DisplayName, m.Role, u.DisabledAt }).ToListAsync(ct);
            var table = new Table().AddColumns(Say("SignIn_Email"), Say("SignIn_Name"), Say("SignIn_Role"), Say("SignIn_Status"));
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape(r.Email ?? ""), Markup.Escape(r.DisplayName), r.Role.ToString(), Say(r.DisabledAt is null ? "SignIn_Active" : "SignIn_Disabled"));
            }

            KaminoCli.Out.Write(table);
            return ExitCodes.Ok;
        });

        var disable = new Command("disable", Say("Help_Users_Disable")) { EmailArgument };
        disable.SetAction((parse, ct) => SetDisabledAsync(parse, disabled: true, ct));
        var enable = new Command("enable", Say("Help_Users_Enable")) { EmailArgument };
        enable.SetAction((parse, ct) => SetDisabledAsync(parse, disabled: false, ct));

        var password = new Command("password", Say("Help_Users_Password")) { EmailArgument };
        password.SetAction(async (parse, ct) =>
        {
            await using var cli = await CliContext.OpenWithIdentityAsync(parse, ct);
            var users = cli.Get<UserManager<KaminoUser>>();
            if (await UserAsync(users, parse) is not { } user)
            {
                return ExitCodes.Failure;
            }

            var newPassword = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var result = await users.ResetPasswordAsync(user, token, newPassword);
            foreach (var e in result.Errors)
            {
                await KaminoCli.Error.WriteLineAsync($"{user.Email}: {e.Description}");
            }

            return result.Succeeded ? ExitCodes.Ok : ExitCodes.Failure;
        });

        return new Command("users", Say("Help_Users")) { add, list, disable, enable, password };
    }

    /// <summary>The user the EMAIL argument names, or null after saying there is none.</summary>
    private static async Task<KaminoUser?> UserAsync(UserManager<KaminoUser> users, ParseResult parse)
    {
        var user = await users.FindByEmailAsync(parse.GetValue(EmailArgument)!);
        if (user is null)
        {
            await KaminoCli.Error.WriteLineAsync(Say("SignIn_NoUser", parse.GetValue(EmailArgument)));
        }

        return user;
    }

    private static async Task<int> SetDisabledAsync(ParseResult parse, bool disabled, CancellationToken ct)
    {
        await using var cli = await CliContext.OpenWithIdentityAsync(parse, ct);
        var users = cli.Get<UserManager<KaminoUser>>();
        if (await UserAsync(users, parse) is not { } user)
        {
            return ExitCodes.Failure;
        }

        user.DisabledAt = disabled ? TimeProvider.System.GetUtcNow() : null;
        await users.UpdateAsync(user);
        // A new security stamp ends cookie sessions at once and open circuits within KaminoAuth.RevalidationInterval.
        await users.UpdateSecurityStampAsync(user);
        KaminoCli.Out.WriteLine(Say(disabled ? "SignIn_UserDisabled" : "SignIn_UserEnabled", user.Email));
        return ExitCodes.Ok;
    }
}
