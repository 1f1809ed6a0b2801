using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;

namespace GAssistant.Hub.Meta.Conversions;

internal static class ConversionsRegistration
{
    /// <summary>CRM stages back to Meta (Conversions API for CRM); idle while <c>Meta:PixelId</c> is unset.</summary>
    public static WebApplicationBuilder AddConversions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CrmStageInterceptor>();
        builder.Services.AddSingleton<IOutboxHandler, CrmStagePath>();
        builder.Services.AddSingleton<IOutboxHandler, CrmEventSender>();

        // Joins the hub's DbContext (whichever provider is chosen) without touching its registration.
        builder.Services.ConfigureDbContext<SqliteHubDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<CrmStageInterceptor>()));
        builder.Services.ConfigureDbContext<PostgresHubDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<CrmStageInterceptor>()));
        return builder;
    }
}
