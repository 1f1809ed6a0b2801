using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Outbox;

public static class OutboxRegistration
{
    public static WebApplicationBuilder AddOutbox(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OutboxNotifier>();
        builder.Services.AddSingleton<OutboxWakeInterceptor>();
        builder.Services.AddSingleton<OutboxCommitInterceptor>();
        builder.Services.ConfigureDbContext<SqliteHubDbContext>((sp, o) =>
            o.AddInterceptors(sp.GetRequiredService<OutboxWakeInterceptor>(), sp.GetRequiredService<OutboxCommitInterceptor>()));
        builder.Services.ConfigureDbContext<PostgresHubDbContext>((sp, o) =>
            o.AddInterceptors(sp.GetRequiredService<OutboxWakeInterceptor>(), sp.GetRequiredService<OutboxCommitInterceptor>()));
        builder.Services.AddSingleton<OutboxWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
        return builder;
    }
}
