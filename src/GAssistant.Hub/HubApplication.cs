using GAssistant.Hub.Analytics;
using GAssistant.Hub.Analytics.BigQuery;
using GAssistant.Hub.Analytics.Conversions;
using GAssistant.Hub.Auth;
using GAssistant.Hub.Components;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using GAssistant.Hub.Jobs;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Reports;
using GAssistant.Hub.Scoring;
using GAssistant.Hub.Webhooks;

namespace GAssistant.Hub;

/// <summary>Wires every feature of the hub; Program.cs calls only these two methods.</summary>
public static class HubApplication
{
    public static WebApplicationBuilder AddHub(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddOperations();
        builder.AddHubData();
        builder.AddHubAuth();
        builder.AddJobs();
        builder.AddOutbox();
        builder.AddWebhooks();
        builder.AddOdoo();
        builder.AddMeta();
        builder.AddAttribution();
        builder.AddCrmConversions();
        builder.AddCrm();
        builder.AddScoring();
        builder.AddReports();
        builder.AddBigQuery();
        builder.AddHubComponents();
        return builder;
    }

    public static WebApplication UseHub(this WebApplication app)
    {
        app.MigrateHubDatabase();
        app.UseOperations();
        app.UseHubAuth();
        app.MapHealth();
        app.MapWebhooks();
        app.MapOdooApi();
        app.MapMetaApi();
        app.MapAttributionApi();
        app.MapCrmApi();
        app.MapScoringApi();
        app.MapReportsApi();
        app.MapBigQueryApi();
        app.MapJobsApi();
        app.MapHubComponents();
        return app;
    }
}
