using Kamino.Customers;
using Kamino.Workspaces;

namespace Kamino.Host.Tests.WorkTasks;

/// <summary><c>kamino tasks …</c> and <c>kamino notify …</c> as a user runs them, on a real SQLite file.</summary>
public sealed class TasksCommandTests : CliDatabaseTests
{
    private static DateOnly Today => Kamino.Workspaces.WorkspaceTime.Today(TimeProvider.System, Kamino.Workspaces.WorkspaceTime.DefaultZone);

    [Fact]
    public async Task Add_ThenMine_ShowsTheTask_AndTheAssigneeHasANotification()
    {
        var due = Today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var add = await RunAsync("tasks", "add", "--title", "Call the buyer", "--assignee", "kam@acme.test", "--account", "C1", "--due", due,
            "--department", "Sales", "--description", "About the Q2 order", "--user", "director@acme.test");
        var mine = await RunAsync("tasks", "mine", "--user", "kam@acme.test", "--format", "json");

        Assert.Equal(0, add.Exit);
        Assert.Contains("task 1 created for kam@acme.test", add.Out, StringComparison.Ordinal);
        Assert.Contains("SMTP is not configured", add.Error, StringComparison.Ordinal);
        Assert.Equal(0, mine.Exit);
        var task = Assert.Single(JsonDocument.Parse(mine.Out).RootElement.EnumerateArray());
        Assert.Equal("Call the buyer", task.GetProperty("title").GetString());
        Assert.Equal("C1", task.GetProperty("account").GetString());
        Assert.Equal(due, task.GetProperty("dueDate").GetString());
        Assert.Equal("Sales", task.GetProperty("department").GetString());
        Assert.Equal("director@acme.test", task.GetProperty("createdBy").GetString());
        Assert.False(task.GetProperty("overdue").GetBoolean());
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Notifications.CountAsync());
        Assert.Equal("create", (await db.AuditEntries.SingleAsync()).Action);
    }

    [Fact]
    public async Task Add_ByCollaborator_IsRefused_Exit1_NothingSaved()
    {
        var result = await RunAsync("tasks", "add", "--title", "x", "--assignee", "kam@acme.test", "--user", "collab@acme.test");

        Assert.Equal(1, result.Exit);
        Assert.Contains("may not create tasks", result.Error, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Tasks.CountAsync());
    }

    [Theory]
    [InlineData("outsider@other.test", "director@acme.test", "is not a member of workspace 'acme'")]
    [InlineData("director@acme.test", "outsider@other.test", "is not a member of workspace 'acme'")]
    [InlineData("nobody@acme.test", "kam@acme.test", "is not a member of workspace 'acme'")]
    public async Task Add_UserOrAssigneeNotAMember_Exit1(string user, string assignee, string message)
    {
        var result = await RunAsync("tasks", "add", "--title", "x", "--assignee", assignee, "--user", user);

        Assert.Equal(1, result.Exit);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_AccountOfAnotherWorkspace_Exit1()
    {
        var result = await RunAsync("tasks", "add", "--title", "x", "--assignee", "kam@acme.test", "--account", "O1", "--user", "director@acme.test");

        Assert.Equal(1, result.Exit);
        Assert.Contains("no customer 'O1'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_BlankOrTooLongTitle_SaysWhyInTheRunsLanguage_NothingSaved()
    {
        var blankEs = await RunInSpanishAsync("tasks", "add", "--title", "  ", "--assignee", "kam@acme.test", "--user", "director@acme.test");
        var longEs = await RunInSpanishAsync("tasks", "add", "--title", new string('x', 201), "--assignee", "kam@acme.test", "--user", "director@acme.test");
        var blankEn = await RunAsync("tasks", "add", "--title", "  ", "--assignee", "kam@acme.test", "--user", "director@acme.test");

        Assert.Equal((1, "--title: El campo «título» es obligatorio."), (blankEs.Exit, blankEs.Error.Trim()));
        Assert.Equal((1, "--title: El campo «título» tiene 201 caracteres; se admiten como máximo 200."), (longEs.Exit, longEs.Error.Trim()));
        Assert.Equal((1, "--title: A title is required."), (blankEn.Exit, blankEn.Error.Trim()));
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Tasks.CountAsync());
    }

    [Fact]
    public async Task Add_BadDueDate_IsAUsageError() =>
        Assert.Equal(2, (await RunAsync("tasks", "add", "--title", "x", "--assignee", "kam@acme.test", "--due", "tomorrow", "--user", "director@acme.test")).Exit);

    [Fact]
    public async Task Done_ByAssignee_Works_ByAnotherKam_IsRefused()
    {
        Assert.Equal(0, (await RunAsync("tasks", "add", "--title", "x", "--assignee", "kam@acme.test", "--user", "director@acme.test")).Exit);

        var other = await RunAsync("tasks", "done", "1", "--user", "kam2@acme.test");
        var own = await RunAsync("tasks", "done", "1", "--user", "kam@acme.test");
        var missing = await RunAsync("tasks", "done", "7", "--user", "kam@acme.test");

        Assert.Equal(1, other.Exit);
        Assert.Contains("may not close task 1", other.Error, StringComparison.Ordinal);
        Assert.Equal(0, own.Exit);
        Assert.Contains("task 1 done", own.Out, StringComparison.Ordinal);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("no task 7", missing.Error, StringComparison.Ordinal);
        var list = await RunAsync("tasks", "list", "--all", "--format", "csv");
        Assert.Contains(",Done,", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TeamOfEachUser_AndOverdueFirstAndHighlighted()
    {
        await AddAsync("Late for kam", "kam@acme.test", Today.AddDays(-2));
        await AddAsync("Soon for kam2", "kam2@acme.test", Today.AddDays(1));
        await AddAsync("Later for kam", "kam@acme.test", Today.AddDays(9));

        var lead = await RunAsync("tasks", "list", "--user", "lead@acme.test", "--format", "csv");
        var kam2 = await RunAsync("tasks", "list", "--user", "kam2@acme.test", "--format", "csv");
        var table = await RunAsync("tasks", "list", "--user", "director@acme.test");
        var noUser = await RunAsync("tasks", "list");

        Assert.Equal(["Late for kam", "Later for kam"], Titles(lead.Out));
        Assert.Equal(["Soon for kam2"], Titles(kam2.Out));
        Assert.Equal(0, table.Exit);
        Assert.Contains("OVERDUE", table.Out, StringComparison.Ordinal);
        Assert.Contains("1 overdue", table.Out, StringComparison.Ordinal);
        Assert.True(table.Out.IndexOf("Late for kam", StringComparison.Ordinal) < table.Out.IndexOf("Soon for kam2", StringComparison.Ordinal));
        Assert.Equal(2, noUser.Exit);
    }

    [Fact]
    public async Task List_OtherWorkspace_DoesNotShowAcmesTasks()
    {
        await AddAsync("Acme only", "kam@acme.test", Today);

        var other = await RunInAsync("other", "tasks", "list", "--all", "--format", "json");

        Assert.Equal(0, other.Exit);
        Assert.Equal(0, JsonDocument.Parse(other.Out).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Notify_WithoutSmtpSettings_SaysItIsNotConfigured()
    {
        var result = await CliRunner.RunAsync("notify", "reminders", "--db", Db);

        Assert.Equal(1, result.Exit);
        Assert.Contains("SMTP is not configured", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InSpanish_AddMineDoneAndRefusals_AreWorded_InSpanish()
    {
        var due = Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var add = await Es("tasks", "add", "--title", "Llamar al comprador", "--assignee", "kam@acme.test", "--account", "C1", "--due", due, "--user", "director@acme.test");
        Assert.Equal((0, $"tarea 1 creada para kam@acme.test, con fecha límite {due}"), (add.Exit, add.Out.Trim()));
        Assert.StartsWith("no se ha enviado ningún correo: SMTP no está configurado: define Smtp__Host y Smtp__FromAddress", add.Error.Trim(), StringComparison.Ordinal);

        var mine = (await Es("tasks", "mine", "--user", "kam@acme.test")).Out;
        Assert.Matches(@"#\s+│\s+Título\s+│\s+Fecha límite\s+│\s+Estado\s+│\s+Asignada a\s+│\s+Cuenta\s+│\s+Departamento", mine);
        Assert.Contains($"{due} VENCIDA", mine, StringComparison.Ordinal);
        Assert.Contains("1 vencida(s)", mine, StringComparison.Ordinal);
        Assert.Equal("id,title,status,overdue,dueDate,assignee,account,department,createdBy",
            (await Es("tasks", "mine", "--user", "kam@acme.test", "--format", "csv")).Out.Split('\n')[0].Trim());

        var collab = await Es("tasks", "add", "--title", "x", "--assignee", "kam@acme.test", "--user", "collab@acme.test");
        Assert.Equal((1, "collab@acme.test es Collaborator en el espacio de trabajo 'acme' y no puede crear tareas"), (collab.Exit, collab.Error.Trim()));
        var whose = await Es("tasks", "list");
        Assert.Equal((2, "indica de qué equipo listar las tareas con --user CORREO, o lista todas con --all"), (whose.Exit, whose.Error.Trim()));
        var done = await Es("tasks", "done", "1", "--user", "kam@acme.test");
        Assert.Equal((0, "tarea 1 hecha"), (done.Exit, done.Out.Trim()));
        Assert.Equal("la tarea 1 ya estaba hecha", (await Es("tasks", "done", "1", "--user", "kam@acme.test")).Out.Trim());
        Assert.Equal("no hay tareas", (await Es("tasks", "mine", "--user", "kam@acme.test")).Out.Trim());
        var missing = await Es("tasks", "done", "7", "--user", "kam@acme.test");
        Assert.Equal((1, "no hay ninguna tarea 7 en el espacio de trabajo 'acme'"), (missing.Exit, missing.Error.Trim()));

        var notify = await CliRunner.RunInAsync("es", "notify", "reminders", "--db", Db);
        Assert.Equal(1, notify.Exit);
        Assert.StartsWith("SMTP no está configurado", notify.Error.Trim(), StringComparison.Ordinal);
    }

    private Task<(int Exit, string Out, string Error)> Es(params string[] args) => CliRunner.RunInAsync("es", [.. args, "--db", Db, "--workspace", "acme"]);

    private static List<string> Titles(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[1]).ToList();

    private async Task AddAsync(string title, string assignee, DateOnly due)
    {
        var r = await RunAsync("tasks", "add", "--title", title, "--assignee", assignee, "--due", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--user", "director@acme.test");
        Assert.True(r.Exit == 0, r.Error);
    }

    /// <summary>Workspace acme (director, lead supervising kam, kam2, collab; customer C1) and other (outsider; customer O1).</summary>
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        var acme = new Workspace { Slug = "acme", Name = "Acme" };
        var other = new Workspace { Slug = "other", Name = "Other" };
        db.Workspaces.AddRange(acme, other);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var email in new[] { "director@acme.test", "lead@acme.test", "kam@acme.test", "kam2@acme.test", "collab@acme.test", "outsider@other.test" })
        {
            ids[email] = TestUsers.Add(db, email).Id;
        }

        await db.SaveChangesAsync();
        db.Memberships.AddRange(
            new Membership { WorkspaceId = acme.Id, UserId = ids["director@acme.test"], Role = Role.Director },
            new Membership { WorkspaceId = acme.Id, UserId = ids["lead@acme.test"], Role = Role.LeadKam },
            new Membership { WorkspaceId = acme.Id, UserId = ids["kam@acme.test"], Role = Role.Kam, SupervisorUserId = ids["lead@acme.test"] },
            new Membership { WorkspaceId = acme.Id, UserId = ids["kam2@acme.test"], Role = Role.Kam },
            new Membership { WorkspaceId = acme.Id, UserId = ids["collab@acme.test"], Role = Role.Collaborator },
            new Membership { WorkspaceId = other.Id, UserId = ids["outsider@other.test"], Role = Role.Director });
        db.Customers.AddRange(
            new Customer { WorkspaceId = acme.Id, Id = 1, Key = "C1", Name = "Cliente Uno" },
            new Customer { WorkspaceId = other.Id, Id = 1, Key = "O1", Name = "Other One" });
        await db.SaveChangesAsync();
    }
}
