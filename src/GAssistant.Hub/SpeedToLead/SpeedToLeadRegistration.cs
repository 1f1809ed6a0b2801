using GAssistant.Hub.Meta;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Scheduling;

namespace GAssistant.Hub.SpeedToLead;

public static class SpeedToLeadRegistration
{
    public static WebApplicationBuilder AddSpeedToLead(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SpeedToLeadOptions>().BindConfiguration(SpeedToLeadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IOutboxHandler, SalespersonEmail>();
        builder.Services.AddSingleton<IOutboxHandler, LeadEscalation>();
        builder.Services.AddSingleton<IWorkingTime, SpeedToLeadWorkingTime>();
        builder.Services.AddScoped<LeadAlerts>();
        builder.Services.AddScoped<IMetaLeadFollowUp>(sp => sp.GetRequiredService<LeadAlerts>());
        builder.Services.AddScoped<IOdooLeadFollowUp, ApiLeadFollowUp>();
        builder.Services.AddScoped<IOdooPullFollowUp, FirstResponseCatchUp>();
        return builder;
    }
}
