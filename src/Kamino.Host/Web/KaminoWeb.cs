using Kamino.Data;
using Kamino.Host.Email;
using Kamino.Host.WorkTasks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Radzen;

namespace Kamino.Host.Web;

/// <summary>Services and middleware of the web app, named so that <see cref="WebApp"/> reads as a list.</summary>
public static class KaminoWeb
{
    /// <summary>Configuration key: seconds a stopping node waits for requests in flight (default 30).</summary>
    public const string ShutdownSecondsSetting = "Kamino:ShutdownSeconds";

    public static IServiceCollection AddKamino(this IServiceCollection services, KaminoDatabase database, bool secureCookies, IConfiguration configuration)
    {
        services.AddSingleton(database);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped(_ => database.CreateDbContext());
        services.AddSingleton<ReadYourWrites>();
        services.AddSingleton<Kamino.Host.Import.ImportGate>();
        services.AddSingleton<Kamino.Host.Import.ImportDownloads>();
        // On SIGTERM a node stops taking connections, /readyz answers 503, and requests in flight get this long to end.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue(ShutdownSecondsSetting, 30)));

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(CultureApi.DefaultCulture)
                .AddSupportedCultures(CultureApi.Supported)
                .AddSupportedUICultures(CultureApi.Supported);
            o.ApplyCurrentCultureToResponseHeaders = true;
            o.RequestCultureProviders.OfType<CookieRequestCultureProvider>().Single().CookieName = CultureApi.CookieName(secureCookies);
        });

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            // The API answers with exactly the JSON of `kamino accounts pareto --format json`: take the CLI's
            // settings where they differ from ASP.NET Core's defaults.
            var cli = KaminoJson.Options;
            o.SerializerOptions.Encoder = cli.Encoder;
            o.SerializerOptions.WriteIndented = cli.WriteIndented;
            o.SerializerOptions.PropertyNamingPolicy = cli.PropertyNamingPolicy;
            o.SerializerOptions.DefaultIgnoreCondition = cli.DefaultIgnoreCondition;
            foreach (var converter in cli.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Kamino API";
            document.Info.Description = "Key account management for small businesses. Errors are problem details (RFC 9457).";
            return Task.CompletedTask;
        }));

        services.AddKaminoDataProtection();
        services.AddKaminoAuth(secureCookies);
        services.AddApiLimits();
        services.AddKaminoTelemetry();
        PublicUrl.Parse(configuration[PublicUrl.Setting]);
        services.AddSingleton<PublicUrl>();
        services.AddSingleton<Kamino.Host.SignIn.FirstRun>();
        services.AddEmail(configuration);
        TaskMail.AddTaskMail(services);
        services.AddCascadingAuthenticationState();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        return services;
    }

    public static WebApplication UseKamino(this WebApplication app)
    {
        // Behind a reverse proxy named in Kamino:TrustedProxies (none by default), take its scheme and client address.
        app.UseTrustedProxies(app.Configuration);
        app.UseRequestLog();
        // GET /metrics for the addresses of Kamino:Metrics:AllowFrom only (after the proxies: their client's address counts).
        app.UseKaminoMetrics(app.Configuration);
        app.UseSecurityHeaders();
        // API errors are problem details without stack traces; pages get a friendly error page.
        app.UseWhen(IsApi, api => api.UseUtf8Charset().UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(c => !IsApi(c), pages => pages
            .UseExceptionHandler("/error", createScopeForErrors: true)
            .UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the handlers above, so that their re-executed requests (/error, /not-found) find their page.
        app.UseRouting();
        app.UseRequestLocalization();
        app.UseKaminoAuth();
        // With a read database: after a request that may write, the user's fence (read-your-writes).
        ReadYourWrites.UseFences(app);
        app.UseAntiforgery();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
