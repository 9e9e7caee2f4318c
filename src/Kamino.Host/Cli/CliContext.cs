using System.CommandLine;
using Kamino.Customers;
using Kamino.Data;
using Spectre.Console;
using Kamino.Host.SignIn;
using Kamino.Host.Web;
using Kamino.People;
using Kamino.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Host.Cli;

/// <summary>
/// What a command works on: the database of <c>--db</c> (else <c>KAMINO_DB</c>, else the default file), opened the
/// way the command needs it, the workspace of <c>--workspace</c> resolved once to its id, and, for <c>kamino users</c>,
/// the Identity services. Below the command everything takes the workspace id. Lookups that fail have already said
/// why on the error stream.
/// </summary>
internal sealed class CliContext : IAsyncDisposable
{
    private readonly ServiceProvider? services;
    private readonly AsyncServiceScope? scope;
    private int? workspaceId;
    private string? timeZone;

    private CliContext(KaminoDatabase database, KaminoDb db, string slug, ServiceProvider? services = null, AsyncServiceScope? scope = null)
    {
        Database = database;
        Db = db;
        Slug = slug;
        this.services = services;
        this.scope = scope;
    }

    public KaminoDatabase Database { get; }

    public KaminoDb Db { get; }

    /// <summary>The workspace slug the command was given.</summary>
    public string Slug { get; }

    /// <summary>The workspace's id, once resolved (<see cref="OpenWorkspaceAsync"/>, <see cref="ResolveWorkspaceAsync"/>).</summary>
    public int WorkspaceId => workspaceId ?? throw new InvalidOperationException("The workspace was not resolved.");

    /// <summary>Today in the workspace's time zone (the workspace must be resolved), the default of every <c>--today</c>.</summary>
    public DateOnly Today => WorkspaceTime.Today(Clock, timeZone ?? throw new InvalidOperationException("The workspace was not resolved."));

    /// <summary>The CLI acts as the system (no signed-in user) and reads the real clock.</summary>
    public static TimeProvider Clock => TimeProvider.System;

    /// <summary>The database named by <c>--db</c>, else <c>KAMINO_DB</c>, else the default SQLite file; nothing opened yet.</summary>
    public static KaminoDatabase DatabaseOf(ParseResult parse) =>
        new(parse.GetValue(KaminoCli.Db) ?? Environment.GetEnvironmentVariable("KAMINO_DB"));

    /// <summary>
    /// The database of a command that legitimately starts one (import, demo, serve, users, workspace set): created
    /// when missing, migrated.
    /// </summary>
    public static async Task<KaminoDatabase> CreatedDatabaseAsync(ParseResult parse, CancellationToken ct)
    {
        var database = DatabaseOf(parse);
        await database.MigrateAsync(ct);
        return database;
    }

    /// <summary>
    /// The database of a command that reads or changes what exists (issue 10 item 17): a SQLite file that does not
    /// exist is refused (<see cref="CliRefusalException"/>, exit 1, naming the path) and nothing is created; pending
    /// migrations are applied, none attempted when nothing is pending; a file the user may not write is opened
    /// read-only (read commands work, writes fail with SQLite's "readonly database").
    /// </summary>
    public static async Task<KaminoDatabase> ExistingDatabaseAsync(ParseResult parse, CancellationToken ct)
    {
        var database = DatabaseOf(parse);
        if (!database.Exists)
        {
            throw new CliRefusalException(CliWords.Say("Cli_NoDatabase", database.SqlitePath), ExitCodes.Failure);
        }

        if (!database.Writable())
        {
            // A file the user may only read is read as it is: no pragma that writes, no migration (refused if one is pending).
            database = new KaminoDatabase(database.SqlitePath, readOnly: true);
        }

        try
        {
            await database.MigrateAsync(ct);
        }
        catch (InvalidOperationException e) when (database.ReadOnly)
        {
            throw new CliRefusalException(CliWords.Say("Cli_Error", e.Message), ExitCodes.Failure);
        }

        return database;
    }

    /// <summary>The existing database, without resolving the workspace (commands over every workspace).</summary>
    public static async Task<CliContext> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var database = await ExistingDatabaseAsync(parse, ct);
        return new CliContext(database, database.CreateDbContext(), parse.GetValue(KaminoCli.Workspace)!);
    }

    /// <summary>
    /// The existing database and the workspace; null (after writing <c>workspace 'x' does not exist</c> and
    /// <paramref name="hint"/>) when there is no such workspace.
    /// </summary>
    public static async Task<CliContext?> OpenWorkspaceAsync(ParseResult parse, CancellationToken ct, string hint = "")
    {
        var context = await OpenAsync(parse, ct);
        if (await context.ResolveWorkspaceAsync(ct, hint))
        {
            return context;
        }

        await context.DisposeAsync();
        return null;
    }

    /// <summary>The database (created when missing, as <c>kamino users</c> may be the first command) with the Identity services.</summary>
    public static async Task<CliContext> OpenWithIdentityAsync(ParseResult parse, CancellationToken ct)
    {
        var database = await CreatedDatabaseAsync(parse, ct);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKaminoDataProtection();
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped(_ => database.CreateDbContext());
        services.AddHttpContextAccessor();
        services.AddAuthentication();
        services.AddKaminoIdentity();
        var provider = services.BuildServiceProvider();
        var scope = provider.CreateAsyncScope();
        return new CliContext(database, scope.ServiceProvider.GetRequiredService<KaminoDb>(), parse.GetValue(KaminoCli.Workspace)!, provider, scope);
    }

    /// <summary>A service of <see cref="OpenWithIdentityAsync"/> (the Identity user manager).</summary>
    public T Get<T>()
        where T : notnull => (scope ?? throw new InvalidOperationException("No services: open the context with OpenWithIdentityAsync.")).ServiceProvider.GetRequiredService<T>();

    /// <summary>Resolves <see cref="Slug"/> to <see cref="WorkspaceId"/>; false after writing why when there is no such workspace.</summary>
    public async Task<bool> ResolveWorkspaceAsync(CancellationToken ct, string hint = "")
    {
        var slug = Slug;
        var found = await Db.Workspaces.Where(w => w.Slug == slug).Select(w => new { w.Id, w.TimeZone }).FirstOrDefaultAsync(ct);
        workspaceId = found?.Id;
        timeZone = found?.TimeZone;
        if (workspaceId is null)
        {
            await KaminoCli.Error.WriteLineAsync(CliWords.Say("Cli_NoWorkspace", slug) + hint);
            return false;
        }

        return true;
    }

    /// <summary>The user id of a member of this workspace with that email, or null (after writing why).</summary>
    public async Task<string?> MemberAsync(string email, CancellationToken ct)
    {
        var userId = await Members.FindUserIdAsync(Db, email, ct);
        if (userId is null || await Members.MembershipAsync(Db, WorkspaceId, userId, ct) is null)
        {
            await KaminoCli.Error.WriteLineAsync(CliWords.Say("Cli_NotAMember", email, Slug));
            return null;
        }

        return userId;
    }

    /// <summary>
    /// The member named by an optional <c>--user EMAIL</c>: <c>(true, null)</c> when none was given (the system acts),
    /// <c>(true, id)</c> for a member, <c>(false, null)</c> after writing why.
    /// </summary>
    public async Task<(bool Found, string? UserId)> OptionalMemberAsync(string? email, CancellationToken ct) =>
        email is null ? (true, null) : await MemberAsync(email, ct) is { } userId ? (true, userId) : (false, null);

    /// <summary>The user ids of the members with those emails, in order, or null after writing which one is no member.</summary>
    public async Task<List<string>?> MembersAsync(IEnumerable<string> emails, CancellationToken ct)
    {
        var ids = new List<string>();
        foreach (var email in emails)
        {
            if (await MemberAsync(email, ct) is not { } userId)
            {
                return null;
            }

            ids.Add(userId);
        }

        return ids;
    }

    /// <summary>The customer of this workspace with that key, or null (after writing why).</summary>
    public async Task<Customer?> CustomerAsync(string key, CancellationToken ct)
    {
        var id = WorkspaceId;
        var customer = await Db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.WorkspaceId == id && c.Key == key, ct);
        if (customer is null)
        {
            await KaminoCli.Error.WriteLineAsync(CliWords.Say("Cli_NoCustomer", key, Slug));
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

        await KaminoCli.Error.WriteLineAsync(CliWords.Say(result.Why!));
        return ExitCodes.Failure;
    }

    public async ValueTask DisposeAsync()
    {
        if (scope is { } s)
        {
            // The context belongs to the scope.
            await s.DisposeAsync();
            await services!.DisposeAsync();
        }
        else
        {
            await Db.DisposeAsync();
        }
    }
}
