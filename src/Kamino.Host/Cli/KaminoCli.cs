using System.CommandLine;
using Kamino.Data;
using Kamino.Host.Analysis;
using Kamino.Host.Audit;
using Kamino.Host.Demo;
using Kamino.Host.Import;
using Kamino.Host.People;
using Kamino.Host.SignIn;
using Kamino.Host.WorkTasks;
using Kamino.Host.Workspaces;
using Kamino.Host.Web;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Cli;

/// <summary>Exit codes of every command (PRODUCT.md §5).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Rejected = 3;
}

/// <summary>The <c>kamino</c> command tree and the options every command shares.</summary>
public static class KaminoCli
{
    public static readonly Option<string?> Db = new Option<string?>("--db")
    {
        Recursive = true,
    }.Help("Help_Root_Db", KaminoDatabase.DefaultSqlitePath);

    public static readonly Option<string> Workspace = CreateWorkspaceOption();

    private static readonly AsyncLocal<IAnsiConsole?> OutOverride = new();
    private static readonly AsyncLocal<TextWriter?> ErrorOverride = new();

    /// <summary>
    /// Console used by every command, showing control characters of the data as <c>\xNN</c> (<see cref="SafeConsole"/>).
    /// Tests set it to capture output; the setting flows with the async context, so tests running in parallel do
    /// not see each other's output.
    /// </summary>
    public static IAnsiConsole Out
    {
        get => new SafeConsole(OutOverride.Value ?? AnsiConsole.Console);
        set => OutOverride.Value = value is SafeConsole safe ? safe.Inner : value;
    }

    /// <summary>Error stream (problems, <c>file:line: reason</c>); replaceable like <see cref="Out"/>.</summary>
    public static TextWriter Error
    {
        get => new VisibleWriter(ErrorOverride.Value ?? Console.Error);
        set => ErrorOverride.Value = value is VisibleWriter visible ? visible.Inner : value;
    }

    private static Option<string> CreateWorkspaceOption()
    {
        var option = new Option<string>("--workspace", "-w")
        {
            DefaultValueFactory = _ => "default",
            Recursive = true,
        }.Help("Help_Root_Workspace");
        option.Validators.Add(result =>
        {
            var slug = result.GetValueOrDefault<string>() ?? "";
            if (!Kamino.Workspaces.WorkspaceSlug.IsValid(slug))
            {
                result.AddError($"--workspace '{CliText.Visible(slug.Length > 70 ? slug[..70] + "…" : slug)}' is not a workspace slug: {Kamino.Workspaces.WorkspaceSlug.Rule}");
            }
        });
        return option;
    }

    /// <summary>The command tree, its help texts in the run's language: build it after <see cref="CliLanguage.Apply"/>.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand(Say("Help_Root"))
        {
            Db,
            Workspace,
            MigrateCommand.Create(),
            Kamino.Host.Backup.BackupCommand.Create(),
            Kamino.Host.Backup.RestoreCommand.Create(),
            ImportCommand.Create(),
            ImportsCommand.Create(),
            WorkspaceCommand.Create(),
            AccountsCommand.Create(),
            Kamino.Host.Customers.CriteriaCommand.Create(),
            Kamino.Host.Customers.TiersCommand.Create(),
            Kamino.Host.Satisfaction.SatisfactionCommand.Create(),
            AnalyzeCommand.Create(),
            Kamino.Host.Currencies.RatesCommand.Create(),
            CheckCommand.Create(),
            DemoCommand.Create(),
            ServeCommand.Create(),
            UsersCommand.Create(),
            TasksCommand.Create(),
            NotifyCommand.Create(),
            MembersCommand.Create(),
            AuditCommand.Create(),
            Kamino.Host.Contacts.ContactsCommand.Create(),
            Kamino.Host.Plans.PlanCommand.Create(),
            Kamino.Host.Activities.ActivitiesCommand.Create(),
            Kamino.Host.Activities.CheckinsCommand.Create(),
            Kamino.Host.Calendar.CalendarCommand.Create(),
            Kamino.Host.Alerts.AlertsCommand.Create(),
            Kamino.Host.Orders.OrdersCommand.Create(),
            Kamino.Host.Exports.ReportCommand.Create(),
            Kamino.Host.Exports.ExportAllCommand.Create(),
            Kamino.Host.Exports.ImportExportCommand.Create(),
        };
        CliHelp.Word(root);
        return root;
    }

    /// <summary>Parses and runs a command line; a parse error (unknown option, bad value) exits with <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        CliLanguage.Apply();
        var parse = Build().Parse(args);
        int exit;
        try
        {
            // Help goes where the run's output goes (the tests' console too).
            var output = OutOverride.Value is { } console ? console.Profile.Out.Writer : Console.Out;
            exit = await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output });
        }
        catch (CliRefusalException e)
        {
            await Error.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (StorageFailure(e) is { } message)
        {
            // A storage failure is the user's to fix (free space, start the server), not a bug: one clear line, no
            // stack trace. Imports run in one transaction, so nothing of the failed file was written.
            await Error.WriteLineAsync(message);
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            await Error.WriteLineAsync(CliWords.Say("Cli_Unhandled", e));
            return ExitCodes.Failure;
        }

        return parse.Errors.Count > 0 && exit != ExitCodes.Ok ? ExitCodes.Usage : exit;
    }

    /// <summary>The message for a database or disk failure; null for anything else.</summary>
    internal static string? StorageFailure(Exception e)
    {
        const int SqliteFull = 13;
        const int ENOSPC = 28;
        return e switch
        {
            Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: SqliteFull } s => CliWords.Say("Cli_DatabaseFull", s.Message),
            Npgsql.PostgresException { SqlState: "53100" } p => CliWords.Say("Cli_ServerDiskFull", p.MessageText),
            IOException { HResult: var h } io when (h & 0xFFFF) == ENOSPC => CliWords.Say("Cli_DiskFull", io.Message),
            System.Data.Common.DbException db => CliWords.Say("Cli_DatabaseFailure", db.Message),
            _ => null,
        };
    }
}

/// <summary>A command refused before it did anything: the message is printed as is and the command exits with <see cref="ExitCode"/>.</summary>
public sealed class CliRefusalException(string message, int exitCode) : Exception(message)
{
    public int ExitCode => exitCode;
}
