using System.CommandLine;
using Kamino.Backup;
using Spectre.Console;

namespace Kamino.Host.Cli;

/// <summary><c>kamino migrate</c>: applies pending migrations (they are also applied on every start); <c>--dry-run</c> lists them.</summary>
public static class MigrateCommand
{
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "List the pending migrations and change nothing (a missing SQLite file is not created)" };

    public static Command Create()
    {
        var command = new Command("migrate", "Create or upgrade the database schema") { DryRun };
        command.SetAction(async (parse, ct) =>
        {
            var database = CliContext.DatabaseOf(parse);
            if (parse.GetValue(DryRun))
            {
                var pending = await SchemaVersions.PendingAsync(database, ct);
                var w = KaminoCli.Out.Profile.Out.Writer;
                var current = database.Exists ? await SchemaVersions.CurrentAsync(database, ct) : null;
                w.WriteLine($"{database.Describe()}: schema {current ?? "(none)"}; {(pending.Count == 0 ? "up to date, nothing to apply" : $"{pending.Count} pending migration(s), nothing applied (dry run):")}");
                foreach (var m in pending)
                {
                    w.WriteLine("  " + m);
                }

                return ExitCodes.Ok;
            }

            var applied = await database.MigrateAsync(ct);
            KaminoCli.Out.MarkupLineInterpolated($"{database.Describe()}: {(applied.Count == 0 ? "up to date" : $"applied {string.Join(", ", applied)}")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
