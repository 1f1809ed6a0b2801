using GAssistant.Hub.Analytics.BigQuery;
using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Analytics;

public static class AnalyticsRegistration
{
    public static WebApplicationBuilder AddAnalytics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<AttributionService>();
        builder.Services.AddScoped<CurrencyRateSync>();
        builder.Services.AddHostedService<CurrencyRateWorker>();
        builder.AddBigQuery();
        return builder;
    }

    public static WebApplication MapAnalyticsApi(this WebApplication app)
    {
        app.MapGroup("/api/analytics").WithTags("Analytics").RequireRateLimiting(RateLimits.Api).MapAttributionEndpoints();
        app.MapBigQueryApi();
        return app;
    }
}
