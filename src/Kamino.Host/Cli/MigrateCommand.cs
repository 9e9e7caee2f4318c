using System.CommandLine;
using Spectre.Console;

namespace Kamino.Host.Cli;

/// <summary><c>kamino migrate</c>: applies pending migrations (they are also applied on every start).</summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create or upgrade the database schema");
        command.SetAction(async (parse, ct) =>
        {
            var database = CliContext.DatabaseOf(parse);
            var applied = await database.MigrateAsync(ct);
            KaminoCli.Out.MarkupLineInterpolated($"{database.Describe()}: {(applied.Count == 0 ? "up to date" : $"applied {string.Join(", ", applied)}")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
