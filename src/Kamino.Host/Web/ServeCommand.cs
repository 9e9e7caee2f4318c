using System.CommandLine;
using Kamino.Demo;
using Kamino.Host.Cli;

namespace Kamino.Host.Web;

/// <summary><c>kamino serve</c>: the web app and HTTP API.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    private static readonly Option<string> Urls = new("--urls")
    {
        Description = "Address(es) to listen on, separated by ';'",
        DefaultValueFactory = _ => DefaultUrls,
    };

    private static readonly Option<bool> WithDemo = new("--demo")
    {
        Description = "Create the demo workspace 'demo' (an electric-motorbike rental company) if it does not exist",
    };

    public static Command Create()
    {
        var command = new Command("serve", "Serve the web app and the HTTP API (migrations are applied on start)")
        {
            Urls,
            WithDemo,
        };
        command.SetAction(async (parse, ct) =>
        {
            var database = KaminoCli.OpenDatabase(parse);
            await database.MigrateAsync(ct);
            if (parse.GetValue(WithDemo) && await DemoData.EnsureAsync(database, TimeProvider.System, ct))
            {
                await KaminoCli.Error.WriteLineAsync($"Created the demo workspace '{DemoData.WorkspaceSlug}'.");
            }

            await using var app = WebApp.Build(["--urls", parse.GetValue(Urls)!], database);
            await app.StartAsync(ct);
            foreach (var url in app.Urls)
            {
                await KaminoCli.Error.WriteLineAsync($"Kamino is serving {database.Describe()} at {url}");
            }

            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
