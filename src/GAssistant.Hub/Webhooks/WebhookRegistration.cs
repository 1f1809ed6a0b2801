using GAssistant.Hub.Meta;

namespace GAssistant.Hub.Webhooks;

public static class WebhookRegistration
{
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IInboxNotifier, InboxNotifier>();
        builder.Services.AddSingleton<InboxWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboxWriter>());
        builder.Services.AddSingleton<InboxWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
        return builder;
    }

    /// <summary>Webhooks are authenticated by signature only, never by login.</summary>
    public static WebApplication MapWebhooks(this WebApplication app)
    {
        var webhooks = app.MapGroup("/api/webhook").AllowAnonymous().DisableAntiforgery().WithTags("Webhooks");
        webhooks.MapOdooWebhook();
        webhooks.MapMetaWebhook();
        webhooks.MapOdooAutomationWebhook();
        return app;
    }
}
