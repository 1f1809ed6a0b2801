using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Health;

public static class HealthRegistration
{
    public static WebApplicationBuilder AddConnectionHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<HealthBoard>();
        builder.Services.AddSingleton<IIntegrationStatus>(sp => sp.GetRequiredService<HealthBoard>());
        builder.Services.AddScoped<IConnectionCheck, MetaTokenHealth>();
        builder.Services.AddScoped<IConnectionCheck, MetaPageHealth>();
        builder.Services.AddScoped<IConnectionCheck, MetaAdAccountHealth>();
        builder.Services.AddScoped<IConnectionCheck, OdooHealth>();
        builder.Services.AddScoped<IConnectionCheck, OdooAddonHealth>();
        builder.Services.AddScoped<IConnectionCheck, LeadFlowHealth>();
        builder.Services.AddScoped<IConnectionCheck, LeadBackfillHealth>();
        builder.Services.AddScoped<IConnectionCheck, LeadSourceHealth>();
        builder.Services.AddScoped<IConnectionCheck, LeadPullHealth>();
        builder.Services.AddScoped<IHealthReaction, RecoveryRelease>();
        builder.Services.AddScoped<IHealthReaction, HealthAlertMail>();
        builder.Services.AddScoped<HealthBoardStore>();
        builder.Services.AddSingleton<HealthWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HealthWorker>());
        return builder;
    }
}
