using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Analytics;

public static class AttributionRegistration
{
    public static WebApplicationBuilder AddAttribution(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<AttributionService>();
        builder.Services.AddScoped<CurrencyRateSync>();
        builder.Services.AddHostedService<CurrencyRateWorker>();
        return builder;
    }

    public static WebApplication MapAttributionApi(this WebApplication app)
    {
        app.MapGroup("/api/analytics").WithTags("Analytics").RequireRateLimiting(RateLimits.Api).MapAttributionEndpoints();
        return app;
    }
}
