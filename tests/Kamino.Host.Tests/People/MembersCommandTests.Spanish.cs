namespace Kamino.Host.Tests.People;

/// <summary>
/// The same commands in a Spanish run (issue 17 item 3): members, account teams, users and the workspace's settings
/// say what they did and why they refuse in Spanish; CSV keeps its field names and numbers with a dot.
/// </summary>
public sealed partial class MembersCommandTests
{
    [Fact]
    public async Task InSpanish_Members_ListRoleSupervisorRemove()
    {
        var list = (await Es("members", "list")).Out;
        Assert.Matches(@"Correo\s+│\s+Nombre\s+│\s+Rol\s+│\s+Supervisor\s+│\s+Estado", list);
        Assert.Matches(@"karl@acme\.test\s+│.*│\s+Kam\s+│\s+lena@acme\.test\s+│\s+activo\s+│", list);
        Assert.Equal("email,displayName,role,supervisorEmail,status", Lines((await Es("members", "list", "--format", "csv")).Out)[0]);

        Assert.Equal((0, "kora@acme.test tiene ahora el rol LeadKam"), Said(await Es("members", "role", "kora@acme.test", "--role", "LeadKam")));
        Assert.Equal((0, "karl@acme.test está supervisado por kora@acme.test"), Said(await Es("members", "supervisor", "karl@acme.test", "--lead", "kora@acme.test")));
        Assert.Equal((0, "karl@acme.test no tiene supervisor"), Said(await Es("members", "supervisor", "karl@acme.test", "--none")));
        Assert.Equal(2, (await Es("members", "supervisor", "karl@acme.test")).Exit);
        Assert.Contains("indica --lead CORREO o --none", await SpanishParseErrorsAsync("members", "supervisor", "karl@acme.test"));
        Assert.Equal((0, "mia@acme.test ya no es miembro del espacio de trabajo 'acme'"), Said(await Es("members", "remove", "mia@acme.test")));
        var stranger = await Es("members", "remove", "bob@beta.test");
        Assert.Equal((1, "bob@beta.test no es miembro del espacio de trabajo 'acme'"), (stranger.Exit, stranger.Err.Trim()));
    }

    [Fact]
    public async Task InSpanish_Refusals_AreWordedInSpanish_RolesInSpanishWords()
    {
        var lastDirector = await Es("members", "role", "dora@acme.test", "--role", "Viewer");
        Assert.Equal((1, "dora@acme.test es la única persona con el rol Dirección; da antes ese rol a otra persona"), (lastDirector.Exit, lastDirector.Err.Trim()));
        var notKam = await Es("members", "supervisor", "lena@acme.test", "--lead", "kora@acme.test");
        Assert.Equal((1, "lena@acme.test tiene el rol KAM responsable: solo un KAM tiene supervisor"), (notKam.Exit, notKam.Err.Trim()));
        var notKey = await Es("accounts", "owner", "TAXI", "--kam", "karl@acme.test");
        Assert.Equal((1, "TAXI no es cuenta clave; desígnala antes"), (notKey.Exit, notKey.Err.Trim()));
    }

    [Fact]
    public async Task InSpanish_AccountTeams_OwnerMemberTeamMine()
    {
        Assert.Equal(0, (await Es("accounts", "designate", "PIZZA", "--reason", "18 % de la facturación")).Exit);
        Assert.Equal((0, "karl@acme.test es responsable de PIZZA"), Said(await Es("accounts", "owner", "PIZZA", "--kam", "karl@acme.test")));
        Assert.Equal((0, "mia@acme.test está en el equipo de PIZZA (Marketing)"),
            Said(await Es("accounts", "member", "PIZZA", "--user", "mia@acme.test", "--department", "Marketing")));
        Assert.Equal(2, (await Es("accounts", "member", "PIZZA", "--user", "mia@acme.test")).Exit);
        Assert.Contains("--department es obligatorio salvo que se indique --remove", await SpanishParseErrorsAsync("accounts", "member", "PIZZA", "--user", "mia@acme.test"));

        var team = (await Es("accounts", "team", "PIZZA")).Out;
        Assert.StartsWith("PIZZA Pizza Rápida S.L.: cuenta clave", team, StringComparison.Ordinal);
        Assert.Matches(@"Correo\s+│\s+Nombre\s+│\s+Rol\s+│\s+Departamento\s+│\s+Responsable", team);
        Assert.Matches(@"karl@acme\.test\s+│.*│\s+Sales\s+│\s+sí\s+│", team);
        Assert.Contains("no es cuenta clave (equipo inactivo)", (await Es("accounts", "team", "TAXI")).Out, StringComparison.Ordinal);
        Assert.Equal(["email,displayName,role,department,isOwner"], Lines((await Es("accounts", "team", "PIZZA", "--format", "csv")).Out).Take(1));
        Assert.Contains("karl@acme.test,", Lines((await Es("accounts", "team", "PIZZA", "--format", "csv")).Out)[1], StringComparison.Ordinal);
        Assert.EndsWith(",Sales,true", Lines((await Es("accounts", "team", "PIZZA", "--format", "csv")).Out)[1], StringComparison.Ordinal);

        Assert.Matches(@"Cliente\s+│\s+Nombre\s+│\s+Responsable\s+│\s+Motivo\s+│\s+Departamento", (await Es("accounts", "mine", "--user", "lena@acme.test")).Out);
        Assert.Equal((0, "mia@acme.test ha salido del equipo de PIZZA"), Said(await Es("accounts", "member", "PIZZA", "--user", "mia@acme.test", "--remove")));
    }

    [Fact]
    public async Task InSpanish_Users_ListDisableEnable_AndAnUnknownOne()
    {
        var list = (await Es("users", "list")).Out;
        Assert.Matches(@"Correo\s+│\s+Nombre\s+│\s+Rol\s+│\s+Estado", list);
        Assert.Matches(@"mia@acme\.test\s+│.*│\s+Collaborator\s+│\s+activa", list);
        Assert.Equal((0, "mia@acme.test desactivado"), Said(await Es("users", "disable", "mia@acme.test")));
        Assert.Matches(@"mia@acme\.test\s+│.*│\s+Collaborator\s+│\s+desactivada", (await Es("users", "list")).Out);
        Assert.Equal((0, "mia@acme.test activado"), Said(await Es("users", "enable", "mia@acme.test")));
        var nobody = await Es("users", "disable", "nadie@acme.test");
        Assert.Equal((1, "no hay ningún usuario nadie@acme.test"), (nobody.Exit, nobody.Err.Trim()));
    }

    [Fact]
    public async Task InSpanish_Workspace_CreateSetShow_AndRefusals()
    {
        var created = await CliRunner.RunInAsync("es", "workspace", "create", "nueva", "--name", "Nueva S.L.", "--db", Db);
        Assert.Equal((0, "Espacio de trabajo 'nueva' creado (Nueva S.L., EUR). Añade su primer usuario: kamino users add --email CORREO --workspace nueva --role Director"),
            Said(created));
        Assert.Equal((0, "Espacio de trabajo acme: Acme Ibérica, moneda de los informes EUR"), Said(await Es("workspace", "set", "--name", "Acme Ibérica")));
        var set = await Es("workspace", "set", "--alpha", "0.75", "--tax-id", "b-23.103.039");
        Assert.Equal(0, set.Exit);
        Assert.Contains("espacio de trabajo 'acme': NIF B23103039 (se rechazan las facturas electrónicas de otros vendedores)", set.Out, StringComparison.Ordinal);
        Assert.Contains("cuentas clave: alfa 0,75, sugerir desde la puntuación ", set.Out, StringComparison.Ordinal);

        var show = (await Es("workspace", "show")).Out;
        Assert.Contains("Acme Ibérica, moneda de los informes EUR", show, StringComparison.Ordinal);
        Assert.Matches(@"zona horaria Europe/Madrid \(allí hoy es \d{4}-\d{2}-\d{2}\)", show);
        Assert.Matches(@"cuentas clave por KAM", show);
        var csv = Lines((await Es("workspace", "show", "--format", "csv")).Out);
        Assert.Equal("setting,value", csv[0]);
        Assert.Contains("alpha,0.75", csv);

        Assert.Contains("--alpha: '0,75' no es un número (con punto decimal: 0.8)", await SpanishParseErrorsAsync("workspace", "set", "--alpha", "0,75"));
        var both = await Es("workspace", "set", "--tax-id", "B12345678", "--no-tax-ids");
        Assert.Equal((2, "indica --tax-id ID (repetible) o --no-tax-ids, no ambos"), (both.Exit, both.Err.Trim()));
        var zone = await Es("workspace", "set", "--time-zone", "Marte/Base");
        Assert.Equal(2, zone.Exit);
        Assert.StartsWith("--time-zone: 'Marte/Base' no es una zona horaria que conozca esta máquina", zone.Err.Trim(), StringComparison.Ordinal);
    }

    /// <summary>The parse errors of a Spanish run (the executable prints them on the console; the in-process runner does not capture it).</summary>
    private static Task<IReadOnlyList<string>> SpanishParseErrorsAsync(params string[] args) => Kamino.Host.Tests.Cli.CliParseErrors.InAsync("es", args);

    private Task<(int Exit, string Out, string Err)> Es(params string[] args) =>
        CliRunner.RunInAsync("es", [.. args, "--db", Db, "--workspace", "acme"]);

    private static (int Exit, string Out) Said((int Exit, string Out, string Err) run) => (run.Exit, run.Out.Trim());
}
