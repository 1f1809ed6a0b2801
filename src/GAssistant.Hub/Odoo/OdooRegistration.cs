using GAssistant.Hub.Connections;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Webhooks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Odoo;

public static class OdooRegistration
{
    public static WebApplicationBuilder AddOdoo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OdooOptions>().BindConfiguration(OdooOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.HasValidUrl, "Odoo:Url must be an absolute http:// or https:// address, e.g. https://mycompany.odoo.com.")
            .Validate(o => o.HasLongEnoughAutomationToken, "Odoo:AutomationToken needs at least 20 characters; it is the only thing guarding the automation webhook.")
            .Validate(o => o.HasValidWebhookSecret, "Odoo:WebhookSecret must be whsec_ followed by at least 16 bytes in base64, as the addon's settings generate it.")
            .Validate(o => o.HasKnownDefaultCountry, "Odoo:DefaultCountry must be a country code such as SA, AE, EG or JO.")
            .ValidateOnStart();
        builder.Services.AddConnectionSection<OdooOptions>(OdooOptions.Section,
            nameof(OdooOptions.ApiKey), nameof(OdooOptions.WebhookSecret), nameof(OdooOptions.PreviousWebhookSecret), nameof(OdooOptions.AutomationToken));
        builder.Services.AddSingleton<OdooSession>();
        builder.Services.AddHttpClient<OdooClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            // Stateless: every call carries its credentials. A session_id cookie kept from one database
            // would make Odoo 19 refuse X-Odoo-Database for another ("Cannot use both the session_id cookie
            // and the x-odoo-database header"), e.g. after Odoo:Database is changed in Settings.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false })
            .AddStandardResilienceHandler()
            .Configure((resilience, services) => ConfigureResilience(resilience, services.GetRequiredService<IOptions<OdooOptions>>().Value));
        builder.Services.AddScoped<OdooHealthCheck>();
        builder.Services.AddHttpClient(OdooConnectionTest.HttpClientName);
        builder.Services.AddScoped<OdooConnectionTest>();
        builder.Services.AddScoped<OdooConnectionSetup>();
        builder.Services.AddScoped<UtmResolver>();
        builder.Services.AddScoped<LeadAssignment>();
        builder.Services.AddScoped<OdooLeadCreator>();
        builder.Services.AddScoped<OdooSync>();
        builder.Services.AddSingleton<OdooSyncJob>();
        builder.Services.AddSingleton<OdooSyncStatus>();
        builder.Services.AddHostedService<OdooSyncWorker>();
        builder.Services.AddSingleton<IInboxEventHandler, OdooWebhookHandler>();
        builder.Services.AddSingleton<IInboxEventHandler, OdooAutomationHandler>();
        builder.Services.AddSingleton<IIntegrationStatus, OdooIntegrationStatus>();
        return builder;
    }

    /// <summary>
    /// Each attempt gets <c>Odoo:Timeout</c>; only requests marked as reads are retried (every JSON-RPC
    /// call is a POST, so the usual "retry idempotent methods" rule cannot tell them apart).
    /// </summary>
    private static void ConfigureResilience(HttpStandardResilienceOptions resilience, OdooOptions odoo)
    {
        resilience.AttemptTimeout.Timeout = odoo.Timeout;
        resilience.Retry.MaxRetryAttempts = 2;
        resilience.Retry.Delay = TimeSpan.FromMilliseconds(500);
        resilience.Retry.ShouldHandle = OdooReadRequests.ShouldRetry;
        resilience.TotalRequestTimeout.Timeout = odoo.Timeout * 3 + TimeSpan.FromSeconds(5);
        var sampling = odoo.Timeout * 2 + TimeSpan.FromSeconds(1);
        resilience.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
    }

    public static WebApplication MapOdooApi(this WebApplication app)
    {
        app.MapWebhookGroup().MapOdooWebhook().MapOdooAutomationWebhook();
        var odoo = app.MapGroup("/api/odoo").WithTags("Odoo").RequireRateLimiting(RateLimits.Api);
        odoo.MapOdooHealth();
        odoo.MapOdooLeads();
        odoo.MapOdooSync();
        return app;
    }
}
