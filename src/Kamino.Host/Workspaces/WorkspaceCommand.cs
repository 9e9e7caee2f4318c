using System.CommandLine;
using Kamino.Host.Cli;
using Kamino.Workspaces;
using Spectre.Console;

namespace Kamino.Host.Workspaces;

/// <summary><c>kamino workspace set --tax-id X…</c> and <c>kamino workspace show</c>: the workspace's own settings.</summary>
public static class WorkspaceCommand
{
    private static readonly Option<string[]> TaxId = new("--tax-id")
    {
        Description = "One of the workspace's own tax ids (repeat for several); e-invoices from any other seller are rejected on import",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<bool> NoTaxIds = new("--no-tax-ids")
    {
        Description = "Forget the workspace's tax ids: e-invoices from any seller are accepted",
    };

    public static Command Create() => new("workspace", "The workspace's own settings: its tax ids")
    {
        CreateSet(),
        CreateShow(),
    };

    private static Command CreateSet()
    {
        var command = new Command("set", "Record the workspace's own tax ids (replacing those recorded); the workspace is created if needed") { TaxId, NoTaxIds };
        command.SetAction(async (parse, ct) =>
        {
            var ids = parse.GetValue(TaxId) ?? [];
            var clear = parse.GetValue(NoTaxIds);
            if (ids.Length == 0 == !clear)
            {
                await KaminoCli.Error.WriteLineAsync("give --tax-id ID (repeatable) or --no-tax-ids");
                return ExitCodes.Usage;
            }

            var database = KaminoCli.OpenDatabase(parse);
            await database.MigrateAsync(ct);
            var workspace = parse.GetValue(KaminoCli.Workspace)!;
            var (stored, error) = await OwnTaxIds.SetAsync(database, workspace, ids, TimeProvider.System, ct);
            if (error is not null)
            {
                await KaminoCli.Error.WriteLineAsync($"--tax-id: {error}");
                return ExitCodes.Usage;
            }

            KaminoCli.Out.WriteLine(Describe(workspace, stored!));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateShow()
    {
        var command = new Command("show", "Show the workspace's own tax ids");
        command.SetAction(async (parse, ct) =>
        {
            var database = KaminoCli.OpenDatabase(parse);
            await database.MigrateAsync(ct);
            var workspace = parse.GetValue(KaminoCli.Workspace)!;
            var ids = await OwnTaxIds.GetAsync(database, workspace, ct);
            if (ids is null)
            {
                await KaminoCli.Error.WriteLineAsync($"workspace '{workspace}' does not exist");
                return ExitCodes.Failure;
            }

            KaminoCli.Out.WriteLine(Describe(workspace, ids));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(string workspace, IReadOnlyList<string> ids) => ids.Count == 0
        ? $"workspace '{workspace}': no tax ids recorded (e-invoices from any seller are accepted)"
        : $"workspace '{workspace}': tax ids {string.Join(", ", ids)} (e-invoices from other sellers are rejected)";
}
