using System.Text.RegularExpressions;

namespace Kamino.Host.Tests.Contacts;

/// <summary>
/// <c>kamino contacts list|add|edit|remove</c> on the SQLite file of a <see cref="TeamServer"/> (workspace acme with
/// customers C1–C4 and a member of each role; workspace other with customer O1). Each test works on its own customer.
/// </summary>
public sealed partial class ContactsCommandTests(TeamServer fixture) : IClassFixture<TeamServer>
{
    [Fact]
    public async Task AddListEditRemove_AsAPersonRunsThem()
    {
        var add = await RunAsync("contacts", "add", "C1", "--name", "Irene Soler", "--title", "Operations director", "--email", "irene@example.com",
            "--phone", "+34 961 234 567", "--role", "decision-maker", "--influence", "5", "--strength", "4", "--primary", "--notes", "Prefers visits",
            "--known-by", TeamServer.Kam1, TeamServer.Collaborator);
        Assert.Equal((0, ""), (add.Exit, add.Err));
        var irene = AddedId(add.Out, "C1");
        var javier = AddedId((await RunAsync("contacts", "add", "C1", "--name", "Javier Lloret")).Out, "C1");

        var json = JsonDocument.Parse((await RunAsync("contacts", "list", "C1", "--format", "json")).Out).RootElement;
        Assert.Equal([(irene, "Irene Soler", true), (javier, "Javier Lloret", false)],
            json.EnumerateArray().Select(c => (c.GetProperty("id").GetInt64(), c.GetProperty("name").GetString(), c.GetProperty("isPrimary").GetBoolean())));
        Assert.Equal(("DecisionMaker", 5, 4, "+34 961 234 567"), (json[0].GetProperty("role").GetString(), json[0].GetProperty("influence").GetInt32(),
            json[0].GetProperty("strength").GetInt32(), json[0].GetProperty("phone").GetString()));
        Assert.Equal([TeamServer.Collaborator, TeamServer.Kam1], json[0].GetProperty("knownBy").EnumerateArray().Select(k => k.GetProperty("email").GetString()));

        // Only the options given change; an empty value clears; --primary on the second contact moves the mark.
        var edit = await RunAsync("contacts", "edit", "C1", Id(irene), "--title", "CEO", "--phone", "", "--influence", "none", "--known-by", TeamServer.Kam1);
        Assert.Equal((0, $"contact {irene} of C1 changed"), (edit.Exit, edit.Out.Trim()));
        Assert.Equal(0, (await RunAsync("contacts", "edit", "C1", Id(javier), "--primary")).Exit);
        var csv = Lines((await RunAsync("contacts", "list", "C1", "--format", "csv")).Out);
        Assert.Equal("id,name,title,email,phone,role,influence,strength,isPrimary,knownBy,notes", csv[0]);
        Assert.Equal([$"{javier},Javier Lloret,,,,,,,true,,", $"{irene},Irene Soler,CEO,irene@example.com,,decision-maker,,4,false,{TeamServer.Kam1},Prefers visits"], csv.Skip(1));
        Assert.Contains("Irene Soler", (await RunAsync("contacts", "list", "C1")).Out, StringComparison.Ordinal);

        var remove = await RunAsync("contacts", "remove", "C1", Id(irene));
        Assert.Equal((0, $"contact {irene} removed from C1"), (remove.Exit, remove.Out.Trim()));
        Assert.Equal(["Javier Lloret"], JsonDocument.Parse((await RunAsync("contacts", "list", "C1", "--format", "json")).Out).RootElement.EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()));
        await using var db = fixture.Db();
        var ids = new[] { Id(irene), Id(javier) };
        var audit = await db.AuditEntries.Where(a => a.Entity == "contact" && ids.Contains(a.EntityId)).OrderBy(a => a.Id).Select(a => new { a.Action, a.UserId, a.Summary }).ToListAsync();
        Assert.Equal(["added", "added", "edited", "edited", "removed"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Null(a.UserId)); // the system
        Assert.DoesNotContain(audit, a => a.Summary.Contains("Irene", StringComparison.Ordinal) || a.Summary.Contains("example.com", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--email", "irene", "--email:")]
    [InlineData("--email", "Irene <irene@example.com>", "--email:")]
    [InlineData("--phone", "12345", "--phone:")]
    [InlineData("--phone", "call me", "--phone:")]
    public async Task Add_BadEmailOrPhone_Exit1_NamesTheOption_StoresNothing(string option, string value, string message)
    {
        var result = await RunAsync("contacts", "add", "C2", "--name", "Irene", option, value);

        Assert.Equal(1, result.Exit);
        Assert.StartsWith(message, result.Err, StringComparison.Ordinal);
        Assert.Equal("[]", (await RunAsync("contacts", "list", "C2", "--format", "json")).Out.Trim());
    }

    [Theory]
    [InlineData("--role", "boss")]
    [InlineData("--influence", "6")]
    [InlineData("--strength", "0")]
    [InlineData("--strength", "x")]
    public async Task Add_BadRoleOrScale_IsAUsageError(string option, string value)
    {
        var result = await RunAsync("contacts", "add", "C2", "--name", "Irene", option, value);

        Assert.Equal(2, result.Exit);
        Assert.Equal("[]", (await RunAsync("contacts", "list", "C2", "--format", "json")).Out.Trim());
    }

    [Fact]
    public async Task UnknownCustomerContactOrMember_Exit1_AndAnotherWorkspacesCustomerIsNotFound()
    {
        var id = Id(AddedId((await RunAsync("contacts", "add", "C3", "--name", "Irene")).Out, "C3"));

        var foreign = await RunAsync("contacts", "add", "O1", "--name", "Irene");
        var otherCustomer = await RunAsync("contacts", "edit", "C4", id, "--title", "x");
        var removeOther = await RunAsync("contacts", "remove", "C4", id);
        var stranger = await RunAsync("contacts", "add", "C3", "--name", "Javier", "--known-by", TeamServer.OtherDirector);

        Assert.Equal((1, 1, 1, 1), (foreign.Exit, otherCustomer.Exit, removeOther.Exit, stranger.Exit));
        Assert.Contains("no customer 'O1' in workspace 'acme'", foreign.Err, StringComparison.Ordinal);
        Assert.Contains($"C4 has no contact #{id}", otherCustomer.Err, StringComparison.Ordinal);
        Assert.Contains($"C4 has no contact #{id}", removeOther.Err, StringComparison.Ordinal);
        Assert.Contains($"{TeamServer.OtherDirector} is not a member", stranger.Err, StringComparison.Ordinal);
        Assert.Equal(["Irene"], JsonDocument.Parse((await RunAsync("contacts", "list", "C3", "--format", "json")).Out).RootElement.EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("[]", (await RunAsync("contacts", "list", "O1", "-w", TeamServer.OtherSlug, "--format", "json")).Out.Trim());
    }

    [Fact]
    public async Task InSpanish_AddListAndRefusals_AreWorded_InSpanish()
    {
        var add = await Es("contacts", "add", "C4", "--name", "Marta Gil", "--title", "Compras", "--influence", "4", "--primary");
        var id = Assert.Single(Regex.Matches(add.Out, @"^contacto (\d+) añadido a C4$", RegexOptions.Multiline)).Groups[1].Value;

        var list = (await Es("contacts", "list", "C4")).Out;
        Assert.Matches(@"Id\s+│\s+Nombre\s+│\s+Cargo\s+│\s+Correo\s+│\s+Teléfono\s+│\s+Papel\s+│\s+Influencia\s+│\s+Relación\s+│\s+Principal\s+│\s+Lo conocen\s+│\s+Notas", list);
        Assert.Matches(@"Marta Gil\s+│\s+Compras\s+│.*│\s+4\s+│\s+│\s+sí\s+│", list);
        Assert.EndsWith(",Marta Gil,Compras,,,,4,,true,,", Lines((await Es("contacts", "list", "C4", "--format", "csv")).Out)[1], StringComparison.Ordinal);

        var edit = await Es("contacts", "edit", "C4", id, "--title", "Dirección de compras");
        Assert.Equal((0, $"contacto {id} de C4 modificado"), (edit.Exit, edit.Out.Trim()));
        var missing = await Es("contacts", "edit", "C4", "99999", "--title", "x");
        Assert.Equal((1, "C4 no tiene ningún contacto n.º 99999"), (missing.Exit, missing.Err.Trim()));
        Assert.Equal(2, (await Es("contacts", "add", "C4", "--name", "Otro", "--influence", "9")).Exit);
        Assert.Contains("--influence: '9' no es un número entero de 1 a 5", await SpanishParseErrorsAsync("contacts", "add", "C4", "--name", "Otro", "--influence", "9"));
        Assert.Contains("--role: 'jefe' no es ninguno de: decision-maker, influencer, user, gatekeeper, champion",
            await SpanishParseErrorsAsync("contacts", "add", "C4", "--name", "Otro", "--role", "jefe"));
        var bad = await Es("contacts", "add", "C4", "--name", " ", "--email", "marta@", "--phone", "12ab");
        Assert.Contains("--name: El campo «nombre» es obligatorio.", bad.Err, StringComparison.Ordinal);
        Assert.Contains("--email: «marta@» no es una dirección de correo (nombre@ejemplo.com).", bad.Err, StringComparison.Ordinal);
        Assert.Contains("--phone: «12ab» no es un número de teléfono:", bad.Err, StringComparison.Ordinal);
        var removed = await Es("contacts", "remove", "C4", id);
        Assert.Equal((0, $"contacto {id} eliminado de C4"), (removed.Exit, removed.Out.Trim()));
    }

    /// <summary>The parse errors of a Spanish run (the executable prints them on the console; the in-process runner does not capture it).</summary>
    private static Task<IReadOnlyList<string>> SpanishParseErrorsAsync(params string[] args) => Kamino.Host.Tests.Cli.CliParseErrors.InAsync("es", args);

    private Task<(int Exit, string Out, string Err)> Es(params string[] args) =>
        CliRunner.RunInAsync("es", [.. args, "-w", TeamServer.Slug, "--db", fixture.Server.Database.SqlitePath!]);

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, .. args.Contains("-w") ? Array.Empty<string>() : ["-w", TeamServer.Slug], "--db", fixture.Server.Database.SqlitePath!]);

    /// <summary>The id in <c>contact N added to CUSTOMER</c>.</summary>
    private static long AddedId(string output, string customer)
    {
        var match = AddedLine().Match(output);
        Assert.True(match.Success && match.Groups[2].Value == customer, output);
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    [GeneratedRegex(@"^contact (\d+) added to (\S+)$", RegexOptions.Multiline)]
    private static partial Regex AddedLine();
}
