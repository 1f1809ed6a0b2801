using GAssistant.Hub.Analytics;
using GAssistant.Hub.Auth;
using GAssistant.Hub.Components;
using GAssistant.Hub.Connections;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using GAssistant.Hub.Health;
using GAssistant.Hub.Insights;
using GAssistant.Hub.Jobs;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Reports;
using GAssistant.Hub.Scoring;
using GAssistant.Hub.SpeedToLead;
using GAssistant.Hub.Webhooks;

namespace GAssistant.Hub;

/// <summary>Wires every feature folder of the hub, one call each; Program.cs calls only these two methods.</summary>
public static class HubApplication
{
    public static WebApplicationBuilder AddHub(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddOperations();
        builder.AddHubData();
        builder.AddConnections();
        builder.AddHubAuth();
        builder.AddJobs();
        builder.AddOutbox();
        builder.AddWebhooks();
        builder.AddCrm();
        builder.AddOdoo();
        builder.AddMeta();
        builder.AddSpeedToLead();
        builder.AddAnalytics();
        builder.AddInsights();
        builder.AddScoring();
        builder.AddReports();
        builder.AddConnectionHealth();
        builder.AddHubComponents();
        return builder;
    }

    /// <summary>Odoo and Meta map their webhook routes on the shared <c>/api/webhook</c> group in their own Map call.</summary>
    public static WebApplication UseHub(this WebApplication app)
    {
        app.MigrateHubDatabase();
        app.UseConnections();
        app.UseOperations();
        app.UseHubAuth();
        app.MapHealth();
        app.MapHealthChecksApi();
        app.MapOdooApi();
        app.MapMetaApi();
        app.MapAnalyticsApi();
        app.MapCrmApi();
        app.MapScoringApi();
        app.MapReportsApi();
        app.MapJobsApi();
        app.MapHubComponents();
        return app;
    }
}
