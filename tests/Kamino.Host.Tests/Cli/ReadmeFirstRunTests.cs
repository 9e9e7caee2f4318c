using System.Text;
using Kamino.Host.Tests.Security;

namespace Kamino.Host.Tests.Cli;

/// <summary>
/// The README's first-run steps, read from README.md and run verbatim (plus <c>--db</c>) on an empty database:
/// they create the workspace and its first Director, set a new password and disable the user.
/// </summary>
public sealed class ReadmeFirstRunTests : IDisposable
{
    private const string Password = "a long phrase nobody guesses";

    private readonly string folder = Directory.CreateTempSubdirectory("kamino-readme-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task FirstUserSteps_FromTheReadme_WorkOnAnEmptyDatabase()
    {
        var db = Path.Combine(folder, "kamino.db");
        var commands = ReadmeBlockAfter("The same from the command line on the machine that holds the database");
        Assert.Equal("workspace", commands[0][0]);

        foreach (var command in commands)
        {
            var (exit, output, error) = await AuthenticationTests.RunCliWithStdinAsync(Password, [.. command, "--db", db]);
            Assert.True(exit == 0, $"kamino {string.Join(' ', command)} → {exit}: {output}{error}");
        }

        var database = new Kamino.Data.KaminoDatabase(db);
        await using var context = database.CreateDbContext();
        var workspace = await context.Workspaces.SingleAsync();
        Assert.Equal(("acme", "Acme Distribuciones S.L.", "EUR"), (workspace.Slug, workspace.Name, workspace.Currency));
        var user = await context.Users.SingleAsync();
        Assert.Equal(("ana@example.com", "Ana Gómez"), (user.Email, user.DisplayName));
        Assert.NotNull(user.DisabledAt);
        Assert.Equal(Role.Director, await context.Memberships.Where(m => m.UserId == user.Id).Select(m => m.Role).SingleAsync());
    }

    [Fact]
    public async Task UsersAdd_IntoAMissingWorkspace_SaysWhichCommandCreatesIt()
    {
        var db = Path.Combine(folder, "kamino.db");

        var (exit, _, error) = await AuthenticationTests.RunCliWithStdinAsync(Password, "users", "add", "--email", "ana@example.com", "--workspace", "acme", "--role", "Director", "--db", db);

        Assert.Equal(1, exit);
        Assert.Contains("kamino workspace create acme --name", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme", "Acme S.L.", "EUR", "already exists")]
    [InlineData("Acme", "Acme S.L.", "EUR", "not a workspace slug")]
    [InlineData("north", "   ", "EUR", "the name is 1 to 200 characters")]
    [InlineData("north", "North", "euro", "not a currency code")]
    public async Task WorkspaceCreate_Refusals_NameTheReason_AndAddNothing(string slug, string name, string currency, string reason)
    {
        var db = Path.Combine(folder, "kamino.db");
        Assert.Equal(0, (await CliRunner.RunAsync("workspace", "create", "acme", "--name", "Acme", "--db", db)).Exit);

        var (exit, _, error) = await CliRunner.RunAsync("workspace", "create", slug, "--name", name, "--currency", currency, "--db", db);

        Assert.Equal(1, exit);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        await using var context = new Kamino.Data.KaminoDatabase(db).CreateDbContext();
        Assert.Equal(["acme"], await context.Workspaces.Select(w => w.Slug).ToListAsync());
        Assert.Equal("Acme", await context.Workspaces.Select(w => w.Name).SingleAsync());
    }

    /// <summary>The <c>kamino</c> command lines of the first fenced block after <paramref name="text"/>, as arguments.</summary>
    private static List<string[]> ReadmeBlockAfter(string text)
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md no longer says '{text}'");
        var open = readme.IndexOf("```bash\n", start, StringComparison.Ordinal) + "```bash\n".Length;
        var close = readme.IndexOf("```", open, StringComparison.Ordinal);
        return readme[open..close].Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("kamino ", StringComparison.Ordinal))
            .Select(line => Words(line)[1..])
            .ToList();
    }

    /// <summary>A command line split as a shell splits it: spaces outside double quotes; a <c>#</c> outside them ends it.</summary>
    private static string[] Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (!quoted && c == '#')
            {
                break;
            }
            else if (!quoted && c == ' ')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }
}
