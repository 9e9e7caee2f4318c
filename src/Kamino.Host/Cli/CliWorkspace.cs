using System.CommandLine;
using System.Text.Json;
using Kamino.Customers;
using Kamino.Data;
using Kamino.People;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Kamino.Host.Cli;

/// <summary>A column of a read command's output: table header, CSV/JSON-style name, and the cell text.</summary>
internal sealed record CliColumn<T>(string Header, string Name, Func<T, string?> Cell);

/// <summary>
/// The database and workspace (<c>--db</c>, <c>--workspace</c>) a members/accounts/audit command works on,
/// and the lookups from what a user types (an email, a customer key) to ids. Each lookup that fails has
/// already said why on the error stream.
/// </summary>
internal sealed class CliWorkspace : IAsyncDisposable
{
    private CliWorkspace(KaminoDb db, int id, string slug)
    {
        Db = db;
        Id = id;
        Slug = slug;
    }

    public KaminoDb Db { get; }

    public int Id { get; }

    public string Slug { get; }

    /// <summary>The CLI acts as the system (no signed-in user) and reads the real clock.</summary>
    public static TimeProvider Clock => TimeProvider.System;

    /// <summary>Null (after writing why) when the workspace does not exist.</summary>
    public static async Task<CliWorkspace?> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var database = await KaminoCli.OpenExistingDatabaseAsync(parse, ct);
        var db = database.CreateDbContext();
        var slug = parse.GetValue(KaminoCli.Workspace)!;
        var id = await db.Workspaces.Where(w => w.Slug == slug).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            await db.DisposeAsync();
            await KaminoCli.Error.WriteLineAsync($"workspace '{slug}' does not exist");
            return null;
        }

        return new CliWorkspace(db, id.Value, slug);
    }

    /// <summary>The user id of a member of this workspace with that email, or null (after writing why).</summary>
    public async Task<string?> MemberAsync(string email, CancellationToken ct)
    {
        var userId = await Members.FindUserIdAsync(Db, email, ct);
        if (userId is null || await Members.MembershipAsync(Db, Id, userId, ct) is null)
        {
            await KaminoCli.Error.WriteLineAsync($"{email} is not a member of workspace '{Slug}'");
            return null;
        }

        return userId;
    }

    /// <summary>The customer of this workspace with that key, or null (after writing why).</summary>
    public async Task<Customer?> CustomerAsync(string key, CancellationToken ct)
    {
        var customer = await Db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.WorkspaceId == Id && c.Key == key, ct);
        if (customer is null)
        {
            await KaminoCli.Error.WriteLineAsync($"no customer '{key}' in workspace '{Slug}'");
        }

        return customer;
    }

    /// <summary>Prints <paramref name="done"/> or the problem, and returns the exit code.</summary>
    public static async Task<int> ReportAsync(ChangeResult result, string done)
    {
        if (result.Succeeded)
        {
            KaminoCli.Out.WriteLine(done);
            return ExitCodes.Ok;
        }

        await KaminoCli.Error.WriteLineAsync(result.Problem);
        return ExitCodes.Failure;
    }

    /// <summary>Writes rows as a table, CSV (formula-looking cells neutralised) or JSON (the rows themselves, camelCase).</summary>
    public static void Print<T>(OutputFormat format, IReadOnlyList<T> rows, params CliColumn<T>[] columns)
    {
        var console = KaminoCli.Out;
        switch (format)
        {
            case OutputFormat.Json:
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(rows, KaminoJson.Options));
                break;
            case OutputFormat.Csv:
                var w = console.Profile.Out.Writer;
                w.WriteLine(string.Join(',', columns.Select(c => c.Name)));
                foreach (var row in rows)
                {
                    w.WriteLine(string.Join(',', columns.Select(c => CliFormat.CsvField(c.Cell(row)))));
                }

                break;
            case OutputFormat.Table:
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var c in columns)
                {
                    table.AddColumn(c.Header);
                }

                foreach (var row in rows)
                {
                    table.AddRow(columns.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c.Cell(row) ?? "")).ToArray());
                }

                console.Write(table);
                break;
        }
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
