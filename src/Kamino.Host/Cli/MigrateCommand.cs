using System.CommandLine;
using Kamino.Backup;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Cli;

/// <summary><c>kamino migrate</c>: applies pending migrations (they are also applied on every start); <c>--dry-run</c> lists them.</summary>
public static class MigrateCommand
{
    private static readonly Option<bool> DryRun = new Option<bool>("--dry-run").Help("Help_Migrate_DryRun");

    public static Command Create()
    {
        var command = new Command("migrate", Say("Help_Migrate")) { DryRun };
        command.SetAction(async (parse, ct) =>
        {
            var database = CliContext.DatabaseOf(parse);
            if (parse.GetValue(DryRun))
            {
                var pending = await SchemaVersions.PendingAsync(database, ct);
                var w = KaminoCli.Out.Profile.Out.Writer;
                var current = database.Exists ? await SchemaVersions.CurrentAsync(database, ct) : null;
                w.WriteLine(Say(pending.Count == 0 ? "Migrate_DryRunUpToDate" : "Migrate_DryRunPending", database.Describe(), current ?? Say("Migrate_NoSchema"), pending.Count));
                foreach (var m in pending)
                {
                    w.WriteLine("  " + m);
                }

                return ExitCodes.Ok;
            }

            var applied = await database.MigrateAsync(ct);
            KaminoCli.Out.WriteLine(applied.Count == 0 ? Say("Migrate_UpToDate", database.Describe()) : Say("Migrate_Applied", database.Describe(), string.Join(", ", applied)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
