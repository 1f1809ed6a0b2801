using System.Text.Json;
using GAssistant.Hub.Data;
using GAssistant.Hub.Jobs;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Scoring;

/// <summary><c>POST /api/scoring/train</c> (a job) and <c>GET /api/scoring/model</c>; the worker and status.</summary>
public static class ScoringApi
{
    public static WebApplicationBuilder AddScoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LeadScoringService>();
        builder.Services.AddSingleton<ScoringTrainingJob>();
        builder.Services.AddSingleton<IIntegrationStatus, ScoringIntegrationStatus>();
        builder.Services.AddHostedService<ScoringWorker>();
        return builder;
    }

    public static WebApplication MapScoringApi(this WebApplication app)
    {
        var scoring = app.MapGroup("/api/scoring").WithTags("Scoring").RequireRateLimiting(RateLimits.Api);
        scoring.MapPost("/train", TrainAsync).WithName("TrainScoringModel").RequireAdmin()
            .WithSummary("Retrains the lead-scoring model on the closed leads now, then rescores open leads; follow the job.");
        scoring.MapGet("/model", GetModelAsync).WithName("GetScoringModel")
            .WithSummary("The newest scoring model: when and on what it was trained, its metrics beside Odoo's PLS, and the last training attempt.");
        return app;
    }

    internal static async Task<Accepted<JobResponse>> TrainAsync(ScoringTrainingJob training, CancellationToken cancellationToken) =>
        JobsApi.Accepted(await training.StartAsync(cancellationToken));

    internal static async Task<Ok<ScoringModelResponse>> GetModelAsync(HubDbContext db, LeadScoringService scoring, CancellationToken cancellationToken)
    {
        var newest = await db.ScoringModelVersions.AsNoTracking().OrderByDescending(v => v.Id)
            .Select(v => new { v.Id, v.TrainedAt, v.TrainingRows, v.WonRows, v.LostRows, v.MetricsJson })
            .FirstOrDefaultAsync(cancellationToken);
        var model = newest is null ? null : new ScoringModelView(newest.Id, newest.TrainedAt, newest.TrainingRows, newest.WonRows, newest.LostRows,
            JsonSerializer.Deserialize<ModelMetrics>(newest.MetricsJson, LeadScoringService.Json));
        var message = scoring.LastTraining is { Trained: false } refused ? refused.Message
            : model is null ? "No scoring model yet." : $"Model {model.Id} trained at {model.TrainedAt:u} on {model.TrainingRows} closed leads.";
        return TypedResults.Ok(new ScoringModelResponse(true, model, scoring.LastTraining, message));
    }
}

public sealed record ScoringModelView(long Id, DateTime TrainedAt, int TrainingRows, int WonRows, int LostRows, ModelMetrics? Metrics);

public sealed record ScoringModelResponse(bool Success, ScoringModelView? Model, TrainingOutcome? LastTraining, string Message);

/// <summary>Lead scoring in <c>/health</c>: "ok" once a model is trained, else why not.</summary>
internal sealed class ScoringIntegrationStatus(LeadScoringService scoring) : IIntegrationStatus
{
    public string Name => "scoring";

    public IntegrationState Current() => scoring.LastTraining switch
    {
        { Trained: true } t => new IntegrationState("ok", t.Message),
        { } t => new IntegrationState("not_configured", t.Message),
        null => new IntegrationState("configured", "No training attempt yet in this process."),
    };
}
