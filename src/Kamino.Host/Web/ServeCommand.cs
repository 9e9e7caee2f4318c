using System.CommandLine;
using Kamino.Data;
using Kamino.Demo;
using Kamino.Host.Cli;
using Kamino.Host.Demo;
using Kamino.Host.SignIn;
using Kamino.SignIn;
using Microsoft.AspNetCore.Identity;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Web;

/// <summary><c>kamino serve</c>: the web app and HTTP API.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    private static readonly Option<string> Urls = new Option<string>("--urls")
    {
        DefaultValueFactory = _ => DefaultUrls,
    }.Help("Help_Serve_Urls");

    private static readonly Option<bool> WithDemo = new Option<bool>("--demo").Help("Help_Serve_WithDemo");

    private static readonly Option<string> DemoLanguage = DemoCommand.LanguageOption("--demo-language");

    private static readonly Option<string?> PublicUrlOption = new Option<string?>("--public-url").Help("Help_Serve_PublicUrl");

    private static readonly Option<string?> ReadDbOption = new Option<string?>("--read-db").Help("Help_Serve_ReadDb", ReadYourWrites.Setting);

    public static Command Create()
    {
        var command = new Command("serve", Say("Help_Serve"))
        {
            Urls,
            WithDemo,
            DemoLanguage,
            PublicUrlOption,
            ReadDbOption,
        };
        PublicUrlOption.Validators.Add(r =>
        {
            try
            {
                PublicUrl.Parse(r.GetValueOrDefault<string?>());
            }
            catch (InvalidOperationException e)
            {
                r.AddError(e.Message);
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            // Refused before anything is created when the read database cannot be used.
            var database = WithReadDatabase(CliContext.DatabaseOf(parse), parse.GetValue(ReadDbOption) ?? Environment.GetEnvironmentVariable("KAMINO_READ_DB"));
            using var serving = Kamino.Host.Backup.ServeGuard.Hold(database);
            await database.MigrateAsync(ct);
            if (parse.GetValue(WithDemo) && await DemoData.EnsureAsync(database, TimeProvider.System, DemoCommand.CultureOf(parse.GetValue(DemoLanguage)), ct))
            {
                await KaminoCli.Error.WriteLineAsync(Say("Web_DemoCreated", DemoData.WorkspaceSlug));
            }

            string[] publicUrl = parse.GetValue(PublicUrlOption) is { } publicUrlValue ? ["--" + PublicUrl.Setting, publicUrlValue] : [];
            await using var app = WebApp.Build(["--urls", parse.GetValue(Urls)!, .. publicUrl], database);
            if (parse.GetValue(WithDemo))
            {
                await EnsureDemoUsersAsync(app.Services, ct);
            }

            await app.StartAsync(ct);
            foreach (var url in app.Urls)
            {
                await KaminoCli.Error.WriteLineAsync(Say("Web_Serving", database.Describe(), url)
                    + (app.Services.GetRequiredService<KaminoDatabase>().Replica is { } standby ? Say("Web_ReadsFromStandby", standby.Describe()) : ""));
            }

            await using (var db = database.CreateDbContext())
            {
                if (await FirstRun.NeededAsync(db, ct) && app.Urls.FirstOrDefault() is { } first)
                {
                    var setup = $"{first.TrimEnd('/')}{FirstRun.Link}?code={app.Services.GetRequiredService<FirstRun>().Code}";
                    await KaminoCli.Error.WriteLineAsync(Say("Web_FirstRun", setup));
                }
            }

            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The database with its read standby when <paramref name="readDb"/> names one; refused unless both are PostgreSQL.</summary>
    private static KaminoDatabase WithReadDatabase(KaminoDatabase database, string? readDb)
    {
        if (string.IsNullOrWhiteSpace(readDb))
        {
            return database;
        }

        try
        {
            return new KaminoDatabase(database.Target, readTarget: readDb);
        }
        catch (InvalidOperationException e)
        {
            throw new CliRefusalException(Say("Cli_Error", e.Message), ExitCodes.Usage);
        }
    }

    /// <summary>Creates the demo users once and says how to sign in as them (the passwords only when created).</summary>
    private static async Task EnsureDemoUsersAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = await DemoUsers.EnsureAsync(
            scope.ServiceProvider.GetRequiredService<UserManager<KaminoUser>>(),
            scope.ServiceProvider.GetRequiredService<KaminoDb>(),
            TimeProvider.System,
            ct);
        await DemoCadence.ApplyAsync(scope.ServiceProvider.GetRequiredService<KaminoDb>(), TimeProvider.System, ct);
        var error = KaminoCli.Error;
        if (accounts.Any(a => a.Password is not null))
        {
            await error.WriteLineAsync(Say("Web_DemoUsers", DemoData.WorkspaceSlug));
        }

        foreach (var a in accounts.Where(a => a.Password is not null))
        {
            await error.WriteLineAsync($"  {a.Email,-32} {a.Password}  ({a.Role}, {a.DisplayName})");
        }

        var existing = accounts.Where(a => a.Password is null).ToList();
        if (existing.Count > 0)
        {
            await error.WriteLineAsync(Say("Web_DemoUsersBefore", string.Join(", ", existing.Select(a => $"{a.Email} ({a.Role})"))));
            await error.WriteLineAsync(Say("Web_DemoPasswordHint"));
        }
    }
}
