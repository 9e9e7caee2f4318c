using Kamino.Data;
using Kamino.Host.Analysis;
using Kamino.Host.Accounts;
using Kamino.Host.Activities;
using Kamino.Host.Components;
using Kamino.Host.Customers;
using Kamino.Host.Import;
using Kamino.Host.People;
using Kamino.Host.Satisfaction;
using Kamino.Host.SignIn;
using Kamino.Host.WorkTasks;
using Scalar.AspNetCore;

namespace Kamino.Host.Web;

/// <summary>The web application: dashboard pages, HTTP API, OpenAPI document and API reference.</summary>
public static class WebApp
{
    /// <summary>
    /// Builds the app on <paramref name="database"/> (already migrated). <paramref name="args"/> are host
    /// settings such as <c>--urls http://127.0.0.1:5080</c>.
    /// </summary>
    public static WebApplication Build(string[] args, KaminoDatabase database)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            // The build output holds the static web assets manifests; the working directory may be anywhere.
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (!builder.Environment.IsDevelopment())
        {
            // A build output (not a publish) finds Radzen's, the framework's and our files through this manifest;
            // when published the manifest is absent and this does nothing.
            builder.WebHost.UseStaticWebAssets();
        }

        if (builder.Configuration[ReadYourWrites.Setting] is { Length: > 0 } readDb && database.Replica is null)
        {
            // Analysis reads may go to this streaming standby (refused unless both databases are PostgreSQL).
            database = new KaminoDatabase(database.Target, readTarget: readDb);
        }

        builder.AddKaminoLogging();
        // No "Server: Kestrel" header: it tells an attacker what to look up.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.AddKamino(database, KaminoAuth.SecureCookies(builder.Configuration), builder.Configuration);
        Kamino.Host.Backup.BackupSettings.AddDailyBackup(builder.Services, builder.Configuration);

        var app = builder.Build();
        app.UseKamino();
        app.MapStaticAssets();
        app.MapProbes();
        app.MapCultureApi();
        app.MapAuthApi();
        app.MapSignOut();
        app.MapAnalysisApi();
        app.MapTasksApi();
        app.MapMembersApi();
        Kamino.Host.Workspaces.WorkspaceProfileApi.MapWorkspaceProfileApi(app);
        app.MapNotificationsApi();
        app.MapAccountTeamsApi();
        app.MapWorkloadApi();
        Kamino.Host.Currencies.RatesApi.MapRatesApi(app);
        app.MapDesignationsApi();
        app.MapKeyAccountsApi();
        app.MapTiersApi();
        app.MapSatisfactionApi();
        app.MapImportsApi();
        Kamino.Host.Contacts.ContactsApi.MapContactsApi(app);
        Kamino.Host.Plans.PlansApi.MapPlansApi(app);
        app.MapActivitiesApi();
        Kamino.Host.Activities.CheckinsApi.MapCheckinsApi(app);
        Kamino.Host.Calendar.CalendarApi.MapCalendarApi(app);
        Kamino.Host.Health.HealthApi.MapHealthApi(app);
        Kamino.Host.Alerts.AlertsApi.MapAlertsApi(app);
        Kamino.Host.Workspaces.TimeZoneApi.MapTimeZoneApi(app);
        Kamino.Host.Orders.OrdersQueueApi.MapOrdersQueueApi(app);
        Kamino.Host.Orders.OrdersApi.MapOrdersApi(app);
        Kamino.Host.Exports.ExportsApi.MapExportsApi(app);
        Kamino.Host.Backup.BackupApi.MapBackupApi(app);
        app.MapApiDocs();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireWorkspaceMembershipOnPages();
        return app;
    }

    /// <summary>Configuration key: true serves the OpenAPI document and the API reference to anonymous users too.</summary>
    public const string PublicApiDocsSetting = "Kamino:PublicApiDocs";

    /// <summary>
    /// <c>/openapi/v1.json</c> and <c>/scalar/v1</c>: for signed-in users (cookie or bearer token) unless
    /// <see cref="PublicApiDocsSetting"/> opens them (ASVS 13.4.5).
    /// </summary>
    private static void MapApiDocs(this WebApplication app)
    {
        IEndpointConventionBuilder[] docs = [app.MapOpenApi(), app.MapScalarApiReference()];
        if (!app.Configuration.GetValue<bool>(PublicApiDocsSetting))
        {
            foreach (var endpoint in docs)
            {
                endpoint.RequireAuthorization();
            }
        }
    }
}
