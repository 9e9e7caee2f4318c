using System.Globalization;
using Kamino.Activities;
using Kamino.Contacts;
using Kamino.Customers;
using Kamino.Orders;
using Kamino.Plans;
using Kamino.WorkTasks;
using Kamino.Workspaces;

namespace Kamino.Tests;

/// <summary>
/// The validators' problems: the recorded English (<c>Message</c>, what the API answers) is the text it always was, and
/// the same problem reads in Spanish for a Spanish reader, one shared sentence for the rules several validators share.
/// </summary>
public sealed class ProblemWordsTests
{
    private static readonly CultureInfo Es = CultureInfo.GetCultureInfo("es-ES");

    [Fact]
    public void ATooLongTitle_IsOneSentence_ForTasksPlansAndContacts()
    {
        var task = Assert.Single(TaskRules.Validate(new string('x', 201), null));
        var plan = Assert.Single(PlanRules.Problems(new ObjectiveFields(PlanArea.Sales, new string('x', 201))));
        var contact = Assert.Single(ContactRules.Problems(new ContactFields("Ana", Title: new string('x', 201))));

        foreach (var why in new[] { task.Why, plan.Why, contact.Why })
        {
            Assert.Equal("field.too-long", why.Key);
            Assert.Equal("The title has 201 characters; at most 200 are allowed.", why.ToString());
            Assert.Equal("El campo «título» tiene 201 caracteres; se admiten como máximo 200.", why.In(Es));
        }

        Assert.Equal("The title has 201 characters; at most 200 are allowed.", task.Message);
    }

    [Fact]
    public void AnOrderLine_IsNumberedAndWorded_InTheReadersLanguage()
    {
        var problems = OrderRules.LineProblems(new NewOrderLine(null, " ", 2_000_000m, 100, 150m), 1).ToList();

        Assert.Equal(
            ["line 2: a description is required", "line 2: quantity must be at most 1000000 with up to 4 decimals", "line 2: the discount must be from 0 to 100 %, with up to 2 decimals"],
            problems.Select(p => p.Message));
        Assert.Equal(
            ["línea 2: falta la descripción", "línea 2: la cantidad debe ser como máximo 1.000.000, con hasta 4 decimales", "línea 2: el descuento debe estar entre 0 y 100 %, con hasta 2 decimales"],
            problems.Select(p => p.Why.In(Es)));
    }

    [Fact]
    public void AnActivitysFigures_AndARefusedMove_ReadInSpanish()
    {
        var now = new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero);
        var csat = Assert.Single(ActivityRules.Validate(new NewActivity(ActivityType.Visit, "Visita", now, IsCheckin: true, Csat: 7), now));
        Assert.Equal(("csat", "CSAT is a whole number from 1 to 5, not 7."), (csat.Field, csat.Message));
        Assert.Equal("El CSAT es un número entero de 1 a 5, no 7.", csat.Why.In(Es));

        var order = new Order { Id = 12, Status = OrderStatus.Fulfilled, ReceivedAt = now.UtcDateTime, TierName = "Key", Currency = "EUR" };
        var start = OrderRules.StartProblem(order, now.UtcDateTime, now.UtcDateTime)!;
        Assert.Equal("order 12 is fulfilled: only a received order can be started", start.Message);
        Assert.Equal("el pedido 12 está servido: solo se puede empezar un pedido recibido", start.Why.In(Es));
    }

    [Fact]
    public void SettingsTiersAndAReferral_PassTheirSentence_ToTheRefusal()
    {
        var settings = KeyAccountSettings.Problem(new KeyAccountSettingsChange(ThresholdA: 0.9m, ThresholdB: 0.8m), 0.8m, 0.95m)!;
        Assert.Equal("t_B (0.8) is below t_A (0.9)", settings.ToString());
        Assert.Equal("t_B (0,8) es menor que t_A (0,9)", settings.In(Es));

        var tiers = ChangeResult.Invalid(Tiers.NamesProblem(["Clave", "clave"])!);
        Assert.Equal("tier names must differ", tiers.Problem);
        Assert.Equal("los nombres de los niveles deben ser distintos", tiers.In(Es));

        var policy = Assert.Single(TierPolicies.Problems(new TierPolicyChange(DiscountMinPct: 15.50m, DiscountMaxPct: 5m), new TierPolicy(30, TierChannel.Any, 5m, 15m, 1, 24)));
        Assert.Equal("the highest discount (5 %) is below the lowest (15.5 %)", policy.Message);
        Assert.Equal("el descuento más alto (5 %) es menor que el más bajo (15,5 %)", policy.Why.In(Es));

        Assert.Equal("eso cerraría un círculo de recomendaciones", Referrals.Problem(1, 2, new Dictionary<long, long> { [2] = 1 })!.In(Es));
    }
}
