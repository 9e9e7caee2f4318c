using Kamino.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Kamino.Host.Web;

/// <summary>
/// Data Protection for every process on one database: the keys live in the database (<c>data_protection_key</c>) and
/// the application name is fixed, so a cookie, antiforgery token, bearer token or emailed link made by one node (or
/// by the CLI) is accepted by every other (issue 16 item 1). The keys are not encrypted at rest: whoever can read the
/// database can already read everything those tokens protect (docs/scaling.md).
/// </summary>
public static class KeyRing
{
    /// <summary>The purpose isolation name shared by all nodes; changing it signs everybody out.</summary>
    public const string ApplicationName = "Kamino";

    public static IServiceCollection AddKaminoDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<KaminoDb>();
        return services;
    }
}
