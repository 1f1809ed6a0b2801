using GAssistant.Hub.Connections;
using GAssistant.Hub.Jobs;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Analytics.BigQuery;

public sealed record BigQueryStatusResponse(bool Success, string Message, BigQuerySnapshot Status);

/// <summary>
/// Registration, <c>POST /api/bigquery/export</c> (runs the export now as a job followed at <c>GET /api/jobs/{id}</c>) and
/// <c>GET /api/bigquery/status</c> (what Settings shows).
/// </summary>
public static class BigQueryApi
{
    public static WebApplicationBuilder AddBigQuery(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BigQueryOptions>().BindConfiguration(BigQueryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddConnectionSection<BigQueryOptions>(BigQueryOptions.Section);
        builder.Services.AddSingleton<BigQueryStatus>();
        builder.Services.AddSingleton<IIntegrationStatus>(sp => sp.GetRequiredService<BigQueryStatus>());
        builder.Services.AddSingleton<BigQueryCredentials>();
        builder.Services.AddHttpClient(BigQueryCredentials.HttpClientName);
        builder.Services.AddHttpClient<BigQueryClient>(c => c.Timeout = TimeSpan.FromMinutes(5));
        builder.Services.AddScoped<BigQueryExport>();
        builder.Services.AddSingleton<BigQueryExportJob>();
        builder.Services.AddHostedService<BigQueryWorker>();
        return builder;
    }

    public static WebApplication MapBigQueryApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/bigquery").WithTags("BigQuery").RequireRateLimiting(RateLimits.Api).RequireAdmin();
        group.MapPost("/export", ExportAsync).WithName("ExportToBigQuery")
            .WithSummary("Exports leads, sale orders, campaigns, daily insights and attribution changed since the last run.");
        group.MapGet("/status", (BigQueryStatus status) => TypedResults.Ok(new BigQueryStatusResponse(true, status.Current().Detail, status.Snapshot())))
            .WithName("GetBigQueryStatus").WithSummary("The export's state, progress and each table's last run.");
        return app;
    }

    internal static async Task<Results<Accepted<JobResponse>, ProblemHttpResult>> ExportAsync(BigQueryExportJob export, CancellationToken cancellationToken) =>
        await export.StartAsync(cancellationToken) is { } job
            ? JobsApi.Accepted(job)
            : ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "BigQuery is not configured",
                "Set BigQuery:ProjectId, BigQuery:Dataset and BigQuery:CredentialsFile first.");
}
