namespace GAssistant.Hub.Crm;

public static class CrmRegistration
{
    public static WebApplicationBuilder AddCrm(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FunnelOptions>().BindConfiguration(FunnelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
