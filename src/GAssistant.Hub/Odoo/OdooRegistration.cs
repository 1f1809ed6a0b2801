using GAssistant.Hub.Operations;
using GAssistant.Hub.Webhooks;

namespace GAssistant.Hub.Odoo;

public static class OdooRegistration
{
    public static WebApplicationBuilder AddOdoo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OdooOptions>().BindConfiguration(OdooOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IInboxEventHandler, OdooWebhookHandler>();
        builder.Services.AddSingleton<IIntegrationStatus, OdooIntegrationStatus>();
        return builder;
    }

    public static WebApplication MapOdooApi(this WebApplication app)
    {
        var odoo = app.MapGroup("/api/odoo").WithTags("Odoo").RequireRateLimiting(RateLimits.Api);
        odoo.MapOdooLeads();
        return app;
    }
}
