using GAssistant.Hub.Data;
using GAssistant.Hub.Connections;
using GAssistant.Hub.Meta.Conversions;
using GAssistant.Hub.Meta.Setup;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Webhooks;

namespace GAssistant.Hub.Meta;

public static class MetaRegistration
{
    public static WebApplicationBuilder AddMeta(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetaOptions>().BindConfiguration(MetaOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.HasLongEnoughVerifyToken, "Meta:VerifyToken needs at least 12 characters.")
            .Validate(o => o.HasKnownCountries, "Meta:Countries:<form, Page or ad account id> must be a country code such as SA, AE, EG or JO.")
            .ValidateOnStart();
        builder.Services.AddSingleton<MetaVersionWatch>();
        builder.Services.AddConnectionSection<MetaOptions>(MetaOptions.Section,
            nameof(MetaOptions.AppSecret), nameof(MetaOptions.AccessToken), nameof(MetaOptions.VerifyToken));
        builder.Services.AddSingleton<MetaConnection>();
        builder.Services.AddSingleton<MetaFormCatalog>();
        builder.Services.AddScoped<MetaFormMappings>();
        builder.Services.AddScoped<FirstCallActivity>();
        builder.Services.AddSingleton<IIntegrationStatus>(sp => sp.GetRequiredService<MetaConnection>());
        builder.Services.AddSingleton<GraphThrottle>();

        // No generic resilience handler: GraphClient retries by Meta's error codes, which a status-code policy cannot see.
        builder.Services.AddHttpClient<GraphClient>();
        builder.Services.AddHttpClient<MetaSetupClient>();
        builder.Services.AddScoped<MetaTokenCheck>();
        builder.Services.AddScoped<MetaPageSubscriptions>();
        builder.Services.AddScoped<MetaConnectionSetup>();
        builder.Services.AddSingleton<MetaOAuthState>();
        builder.Services.AddSingleton<IInboxEventHandler, MetaInboxHandler>();
        builder.Services.AddSingleton<IOutboxHandler, MetaLeadToOdoo>();
        builder.Services.AddSingleton<IOutboxHandler, TestLeadTagSender>();
        builder.Services.AddSingleton<LeadLinkInterceptor>();

        // Before the Conversions API's interceptor: a test lead is flagged before it could be queued for Meta.
        builder.Services.ConfigureDbContext<SqliteHubDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<LeadLinkInterceptor>()));
        builder.Services.ConfigureDbContext<PostgresHubDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<LeadLinkInterceptor>()));
        builder.Services.AddScoped<MetaLeadSync>();
        builder.Services.AddTransient<MetaInsightsReader>();
        builder.Services.AddScoped<MetaCampaignSync>();
        builder.Services.AddSingleton<MetaSyncJobs>();
        builder.Services.AddHostedService<MetaSyncWorker>();
        builder.Services.AddSingleton<MetaConfigurationWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MetaConfigurationWatch>());
        builder.AddConversions();
        return builder;
    }

    public static WebApplication MapMetaApi(this WebApplication app)
    {
        app.MapWebhookGroup().MapMetaWebhook();
        app.MapMetaConnect();
        app.MapGroup("/api/meta").WithTags("Meta").RequireRateLimiting(RateLimits.Api).MapMetaEndpoints().MapMetaAdminEndpoints().MapMetaTestLeadEndpoints();
        return app;
    }
}
