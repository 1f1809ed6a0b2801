namespace GAssistant.Hub.Connections;

public static class ConnectionsRegistration
{
    public static WebApplicationBuilder AddConnections(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConnectionsOptions>().BindConfiguration(ConnectionsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<StoredConnectionsProvider>();
        builder.Services.AddSingleton<ConnectionSettings>();
        builder.Services.AddHostedService<ConnectionsRefresher>();
        return builder;
    }

    /// <summary>
    /// Puts the saved connections into configuration, after the database is migrated and before options are validated
    /// at start. Added last, after every source the host and its tests add, so that an empty value elsewhere (an unset
    /// environment variable) does not hide a saved one; keys configuration does set are never published (they win).
    /// </summary>
    public static WebApplication UseConnections(this WebApplication app)
    {
        var provider = app.Services.GetRequiredService<StoredConnectionsProvider>();
        ((IConfigurationBuilder)app.Configuration).Add(provider);
        app.Services.GetRequiredService<ConnectionSettings>().LoadAsync(CancellationToken.None).GetAwaiter().GetResult();
        return app;
    }
}
