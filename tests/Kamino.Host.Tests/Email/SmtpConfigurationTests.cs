using System.Collections;
using Kamino.Email;
using Kamino.Host.Email;
using Microsoft.Extensions.Configuration;

namespace Kamino.Host.Tests.Email;

/// <summary>The one reading of the SMTP settings that <c>serve</c> and the command line share.</summary>
public sealed class SmtpConfigurationTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Theory]
    [InlineData("465", null, SmtpSecurity.Ssl)]
    [InlineData("465", "StartTls", SmtpSecurity.StartTls)]
    [InlineData("587", null, SmtpSecurity.StartTls)]
    [InlineData("25", "none", SmtpSecurity.None)]
    public void Read_SecurityWithoutASetting_IsSslOnPort465Only(string port, string? security, SmtpSecurity expected)
    {
        var values = security is null ? new[] { ("Smtp:Port", port) } : [("Smtp:Port", port), ("Smtp:Security", security)];

        var settings = SmtpConfiguration.Read(Configuration(values), new Hashtable());

        Assert.Equal(expected, settings.Security);
    }

    [Fact]
    public void Read_NothingSet_IsNotConfigured_WithTheDefaults()
    {
        var settings = SmtpConfiguration.Read(Configuration(), new Hashtable());

        Assert.False(settings.IsConfigured);
        Assert.Equal(587, settings.Port);
        Assert.Equal(SmtpSecurity.StartTls, settings.Security);
        Assert.Equal(7, settings.DailyHourUtc);
    }

    [Fact]
    public void Read_OlderVariables_AreTheSameSettings_TheSectionWins()
    {
        var environment = new Hashtable
        {
            ["KAMINO_SMTP_HOST"] = " mail.acme.test ",
            ["KAMINO_SMTP_PORT"] = "465",
            ["KAMINO_SMTP_FROM"] = "kamino@acme.test",
            ["KAMINO_SMTP_USER"] = "kamino",
            ["KAMINO_SMTP_PASSWORD"] = " s3cret",
        };

        var older = SmtpConfiguration.Read(Configuration(), environment);
        var both = SmtpConfiguration.Read(Configuration(("Smtp:Host", "smtp.acme.test"), ("Smtp:Port", "587")), environment);

        Assert.Equal(("mail.acme.test", 465, SmtpSecurity.Ssl, "kamino@acme.test", "kamino", " s3cret"),
            (older.Host, older.Port, older.Security, older.FromAddress, older.User, older.Password));
        Assert.True(older.IsConfigured);
        Assert.Equal(("smtp.acme.test", 587, SmtpSecurity.StartTls, "kamino@acme.test"), (both.Host, both.Port, both.Security, both.FromAddress));
    }
}
