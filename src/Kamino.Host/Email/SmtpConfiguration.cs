using System.Collections;
using Kamino.Email;

namespace Kamino.Host.Email;

/// <summary>
/// The one reading of the SMTP settings, for <c>kamino serve</c> and for the commands that send email
/// (<c>kamino notify</c>, <c>kamino tasks add</c>): the configuration section <c>Smtp</c> (<c>Smtp:Host</c>; as
/// environment variables <c>Smtp__Host</c>, …), over the older <c>KAMINO_SMTP_*</c> variables, which still work.
/// Without a <c>Smtp:Security</c> setting, port 465 means TLS from the first byte (Ssl), any other port StartTls.
/// </summary>
public static class SmtpConfiguration
{
    /// <summary>The older variables and the key of the section each one sets.</summary>
    private static readonly (string Variable, string Key)[] OlderVariables =
    [
        ("KAMINO_SMTP_HOST", nameof(SmtpSettings.Host)),
        ("KAMINO_SMTP_PORT", nameof(SmtpSettings.Port)),
        ("KAMINO_SMTP_SECURITY", nameof(SmtpSettings.Security)),
        ("KAMINO_SMTP_FROM", nameof(SmtpSettings.FromAddress)),
        ("KAMINO_SMTP_USER", nameof(SmtpSettings.User)),
        ("KAMINO_SMTP_PASSWORD", nameof(SmtpSettings.Password)),
    ];

    /// <summary>Registers the settings read once from <paramref name="configuration"/> and the <see cref="EmailSender"/>.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Read(configuration));
        services.AddSingleton<EmailSender>();
        return services;
    }

    /// <summary>The settings of a command-line run, where the environment variables are the configuration.</summary>
    public static SmtpSettings FromEnvironment() => Read(new ConfigurationBuilder().AddEnvironmentVariables().Build());

    public static SmtpSettings Read(IConfiguration configuration) => Read(configuration, Environment.GetEnvironmentVariables());

    /// <param name="environment">Where the older <c>KAMINO_SMTP_*</c> variables are looked up.</param>
    internal static SmtpSettings Read(IConfiguration configuration, IDictionary environment)
    {
        var older = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key) in OlderVariables)
        {
            if (environment[variable] is string { Length: > 0 } value)
            {
                older[SmtpSettings.SectionName + ":" + key] = key == nameof(SmtpSettings.Password) ? value : value.Trim();
            }
        }

        var section = new ConfigurationBuilder().AddInMemoryCollection(older).AddConfiguration(configuration).Build()
            .GetSection(SmtpSettings.SectionName);
        var settings = section.Get<SmtpSettings>() ?? new SmtpSettings();
        return string.IsNullOrEmpty(section[nameof(SmtpSettings.Security)]) && settings.Port == 465
            ? settings with { Security = SmtpSecurity.Ssl }
            : settings;
    }
}
