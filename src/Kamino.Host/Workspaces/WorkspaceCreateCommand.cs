using System.Globalization;
using System.CommandLine;
using Kamino.Host.Cli;
using Kamino.Workspaces;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Workspaces;

/// <summary><c>kamino workspace create SLUG --name "…" [--currency EUR]</c>: a new, empty workspace.</summary>
public static class WorkspaceCreateCommand
{
    private static readonly Argument<string> Slug = new Argument<string>("slug").Help("Help_WorkspaceCreate_Slug");

    private static readonly Option<string> Name = new Option<string>("--name") { Required = true }.Help("Help_WorkspaceCreate_Name");

    private static readonly Option<string> Currency = new Option<string>("--currency") { DefaultValueFactory = _ => "EUR" }.Help("Help_WorkspaceCreate_Currency");

    public static Command Create()
    {
        var command = new Command("create", Say("Help_WorkspaceCreate_Create"))
        {
            Slug,
            Name,
            Currency,
        };
        command.SetAction(async (parse, ct) =>
        {
            var database = await CliContext.CreatedDatabaseAsync(parse, ct);
            await using var db = database.CreateDbContext();
            var (created, problem) = await NewWorkspace.CreateAsync(db, parse.GetValue(Slug)!, parse.GetValue(Name)!, parse.GetValue(Currency)!, CultureInfo.CurrentUICulture, TimeProvider.System, ct);
            if (created is null)
            {
                await KaminoCli.Error.WriteLineAsync(CliText.Visible(problem!));
                return ExitCodes.Failure;
            }

            KaminoCli.Out.WriteLine(CliText.Visible(Say("Workspaces_Created", created.Slug, created.Name, created.Currency)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
