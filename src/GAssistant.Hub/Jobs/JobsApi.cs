using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GAssistant.Hub.Jobs;

/// <summary><c>GET /api/jobs/{id}</c>: follows a sync started from the API or a page.</summary>
public static class JobsApi
{
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<JobRunner>();
        return builder;
    }

    public static WebApplication MapJobsApi(this WebApplication app)
    {
        app.MapGroup("/api/jobs").WithTags("Jobs").RequireRateLimiting(RateLimits.Api)
            .MapGet("/{id:guid}", GetAsync).WithName("GetJob");
        return app;
    }

    /// <summary>202 with the job and where to follow it: the answer of every endpoint that starts a job.</summary>
    public static Accepted<JobResponse> Accepted(Job job) => TypedResults.Accepted($"/api/jobs/{job.Id}", JobResponse.From(job));

    internal static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetAsync(Guid id, HubDbContext db, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.FindAsync([id], cancellationToken);
        return job is null
            ? ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"No job {id}.")
            : TypedResults.Ok(JobResponse.From(job));
    }
}

public sealed record JobView(Guid Id, string Kind, JobStatus Status, int Progress, string? Message, DateTime CreatedAt, DateTime? FinishedAt)
{
    public static JobView From(Job j) => new(j.Id, j.Kind, j.Status, j.Progress, j.Message, j.CreatedAt, j.FinishedAt);
}

/// <summary>CONTRACT.md: <c>{"success", "job": {"id", "status", "progress"}, "message"}</c>.</summary>
public sealed record JobResponse(bool Success, JobView Job, string Message)
{
    public static JobResponse From(Job job) => new(true, JobView.From(job), job.Message ?? job.Status.ToString());
}
