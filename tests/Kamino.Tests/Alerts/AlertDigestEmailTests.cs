using Kamino.Alerts;
using Kamino.Email;

namespace Kamino.Tests.Alerts;

/// <summary>The weekly alert digest email is written in its recipient's language, reasons and dates included.</summary>
public sealed class AlertDigestEmailTests
{
    private static readonly Alert Overdue = new(AlertKind.CheckinOverdue, "K1", "Cliente Uno", "Check-in overdue by 9 day(s)", new DateOnly(2026, 3, 1),
        "/w/a/accounts/K1", "checkinOverdue:1", "f", new AlertFigures(Days: 9, On: new DateOnly(2026, 3, 1)), 1);

    [Fact]
    public void Spanish_ForASpanishReader()
    {
        var mail = AlertDigests.Email(new EmailRecipient("ana@a.test", "Ana", "es"), "Acme", new DateOnly(2026, 3, 9), [Overdue]);

        Assert.Equal("[Acme] Alertas de la semana del 9/3/2026: 1 abierta(s)", mail.Subject);
        Assert.StartsWith("Hola, Ana:", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Cliente Uno: Seguimiento atrasado 9 día(s): tocaba el 1/3/2026. (desde el 1/3/2026, /w/a/accounts/K1)", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void English_WhenNoLanguageIsKnown()
    {
        var mail = AlertDigests.Email(new EmailRecipient("ana@a.test", "Ana"), "Acme", new DateOnly(2026, 3, 9), [Overdue]);

        Assert.Equal("[Acme] Weekly alerts, week of 3/9/2026: 1 open", mail.Subject);
        Assert.Contains("- Cliente Uno: Check-in overdue by 9 day(s): it was due 3/1/2026. (since 3/1/2026, /w/a/accounts/K1)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<strong>Cliente Uno</strong>", mail.Html, StringComparison.Ordinal);
    }
}
