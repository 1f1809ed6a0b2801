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

    /// <summary>
    /// <c>/api/webhook</c>, where each source maps its own routes. Webhooks are authenticated by
    /// signature (or token) only, never by login, and carry no antiforgery token.
    /// </summary>
    public static RouteGroupBuilder MapWebhookGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/webhook").AllowAnonymous().DisableAntiforgery().WithTags("Webhooks");
}
