using System.Globalization;
using Kamino.Audit;

namespace Kamino.Tests.Audit;

/// <summary>Audit sentences worded from their key and recorded values, in English and Spanish, without a database.</summary>
public sealed class AuditWordsTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Es = CultureInfo.GetCultureInfo("es-ES");

    [Fact]
    public void DatesNumbersAndMoney_FollowTheCulture_TheRecordedSummaryStaysInvariant()
    {
        var due = AuditText.Of("task.due", new DateOnly(2026, 3, 6), new DateOnly(2026, 4, 20));
        Assert.Equal("due: 3/6/2026 → 4/20/2026", AuditWords.Word(due, En));
        Assert.Equal("vence: 6/3/2026 → 20/4/2026", AuditWords.Word(due, Es));
        Assert.Equal("due: 2026-03-06 → 2026-04-20", AuditWords.Word(due, CultureInfo.InvariantCulture));

        var rates = AuditText.Of("rates.imported", "csv", "EUR", 1234, 2, 0, "USD");
        Assert.Equal("exchange rates imported (csv, per 1 EUR): 1,234 added, 2 changed, 0 unchanged; USD", AuditWords.Word(rates, En));
        Assert.Equal("tipos de cambio importados (csv, por 1 EUR): 1.234 nuevos, 2 cambiados, 0 sin cambios; USD", AuditWords.Word(rates, Es));

        var order = AuditText.Of("order.created", 7, "KEY1", new DateTimeOffset(2026, 3, 2, 9, 5, 0, TimeSpan.Zero), "phone", 2, "1500.00", "EUR", "Key", "0", "10");
        Assert.Equal("Order 7 for KEY1 received 2026-03-02 09:05Z by phone: 2 line(s), total 1500.00 EUR; Key: discounts 0–10 %; → received",
            AuditWords.Word(order, CultureInfo.InvariantCulture));
        Assert.Equal("Pedido 7 de KEY1 recibido el 2/3/2026 9:05 UTC por teléfono: 2 línea(s), total 1.500,00 EUR; Key: descuentos 0–10 %; → recibido",
            AuditWords.Word(order, Es));
    }

    [Fact]
    public void People_AreNamedWhenTheReaderKnowsThem_RolesAndDepartmentsTranslated()
    {
        string? Names(string recorded) => recorded == "karl@a.test" ? "Karl Kamp" : null;

        var joined = AuditText.Of("team.member-added", "PIZZA", "karl@a.test", "Sales");
        Assert.Equal("PIZZA: Karl Kamp se unió al equipo (Ventas)", AuditWords.Word(joined, Es, Names));
        Assert.Equal("PIZZA: Karl Kamp joined the team (Sales)", AuditWords.Word(joined, En, Names));
        Assert.Equal("PIZZA: karl@a.test joined the team (Sales)", AuditWords.Word(joined, CultureInfo.InvariantCulture, Names));

        var role = AuditText.Of("member.role", "lena@a.test", "Kam", "Collaborator");
        Assert.Equal("lena@a.test: rol KAM → Colaborador", AuditWords.Word(role, Es, Names));
        Assert.Equal("lena@a.test: role Kam → Collaborator", AuditWords.Word(role, CultureInfo.InvariantCulture));

        var owner = AuditText.Of("team.owner", "PIZZA", "none", "karl@a.test");
        Assert.Equal("PIZZA: responsable nadie → Karl Kamp", AuditWords.Word(owner, Es, Names));
    }

    [Fact]
    public void Clauses_AreJoined_ThoseThatContinueTheSentenceWithoutASemicolon()
    {
        var decision = AuditText.Of("order.discount", "1", "KEY1", "pending", "rejected")
            .And("order.discount-status", "received", "cancelled")
            .And("order.reason", "too deep");
        Assert.Equal("Order 1 for KEY1: discount pending → rejected; received → cancelled: too deep", AuditWords.Word(decision, CultureInfo.InvariantCulture));
        Assert.Equal("Pedido 1 de KEY1: descuento pendiente → rechazado; recibido → cancelado: too deep", AuditWords.Word(decision, Es));
    }

    [Fact]
    public void StoredEntry_ReadsBack_AndAnOldOrBrokenOneSaysItsRecordedSummary()
    {
        var text = AuditText.Of("task.created", "Plan Q2", "karl@a.test", new DateOnly(2026, 3, 6), "Marketing").And("order.pending");
        var (key, args) = AuditWords.Store(text);
        var entry = Entry(AuditWords.Word(text, CultureInfo.InvariantCulture), key, args);

        Assert.True(AuditWords.IsWorded(entry));
        Assert.Equal("Creada «Plan Q2» para karl@a.test, vence el 6/3/2026, departamento Marketing; un descuento está fuera del rango: espera aprobación",
            AuditWords.Summary(entry, Es));

        foreach (var old in new[] { Entry("karl@a.test joined as Kam", null, null), Entry("x", "no.such-key", "[]"), Entry("x", "task.done", "[\"a\",\"b\"]"), Entry("x", "task.done", "not json") })
        {
            Assert.False(AuditWords.IsWorded(old));
            Assert.Equal(old.Summary, AuditWords.Summary(old, Es));
        }
    }

    private static AuditEntry Entry(string summary, string? key, string? args) =>
        new() { Entity = "task", EntityId = "1", Action = "create", Summary = summary, SummaryKey = key, SummaryArgs = args };
}
