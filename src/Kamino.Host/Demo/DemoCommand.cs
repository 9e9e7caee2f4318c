using System.CommandLine;
using System.Globalization;
using Kamino.Data;
using Kamino.Demo;
using Kamino.Host.Cli;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using static Kamino.Host.Cli.CliWords;

namespace Kamino.Host.Demo;

/// <summary><c>kamino demo</c>: creates the demo workspace once.</summary>
public static class DemoCommand
{
    private static readonly Option<string> Language = LanguageOption("--language");

    /// <summary>The language of the demo's texts, <c>es</c> (the default: the business is in Valencia) or <c>en</c>; <c>serve</c> has it as <c>--demo-language</c>.</summary>
    internal static Option<string> LanguageOption(string name)
    {
        var option = new Option<string>(name)
        {
            DefaultValueFactory = _ => "es",
        }.Help("Help_Demo_Language");
        option.AcceptOnlyFromAmong("es", "en");
        return option;
    }

    /// <summary>The culture of a value of <see cref="LanguageOption"/>.</summary>
    internal static CultureInfo CultureOf(string? language) => language == "en" ? CultureInfo.GetCultureInfo("en-US") : DemoData.DefaultLanguage;

    public static Command Create()
    {
        var command = new Command("demo", Say("Help_Demo", DemoData.WorkspaceSlug, DemoData.CompanyName)) { Language };
        command.SetAction(async (parse, ct) =>
        {
            var database = await CliContext.CreatedDatabaseAsync(parse, ct);
            var created = await DemoData.EnsureAsync(database, TimeProvider.System, CultureOf(parse.GetValue(Language)), ct);

            await using var db = database.CreateDbContext();
            var workspace = await db.Workspaces.AsNoTracking().SingleAsync(w => w.Slug == DemoData.WorkspaceSlug, ct);
            var customers = await db.Customers.CountAsync(c => c.WorkspaceId == workspace.Id, ct);
            var lines = db.SaleLines.Where(s => s.WorkspaceId == workspace.Id);
            var count = await lines.CountAsync(ct);
            var first = await lines.MinAsync(s => (DateOnly?)s.Date, ct);
            var last = await lines.MaxAsync(s => (DateOnly?)s.Date, ct);

            var console = KaminoCli.Out;
            var slug = $"'[bold]{Markup.Escape(workspace.Slug)}[/]'";
            console.MarkupLine(Say(created ? "Demo_Created" : "Demo_Exists", slug, Markup.Escape(database.Describe()), Markup.Escape(workspace.Name)));
            console.WriteLine(Say("Demo_Counts", customers, count, first?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), last?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            console.WriteLine();
            console.WriteLine(Say("Demo_LookAtIt"));
            var dbHint = DbHint(parse.GetValue(KaminoCli.Db));
            console.MarkupLineInterpolated($"  kamino accounts pareto --workspace {DemoData.WorkspaceSlug}{dbHint}");
            console.MarkupLineInterpolated($"  kamino serve --demo{dbHint}");
            return ExitCodes.Ok;
        });
        return command;
    }

    // Repeat a SQLite path so the hint can be pasted; never echo a PostgreSQL connection string (it may hold a password).
    private static string DbHint(string? given) =>
        given is null ? ""
        : KaminoDatabase.LooksLikePostgres(given) ? " --db <the same connection string>"
        : $" --db \"{given}\"";
}
