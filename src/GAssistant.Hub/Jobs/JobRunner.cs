using GAssistant.Hub.Data;

namespace GAssistant.Hub.Jobs;

/// <summary>Lets a running job report how far it is.</summary>
public sealed class JobProgress(Func<int, string?, Task> report)
{
    /// <param name="percent">0–100.</param>
    public Task ReportAsync(int percent, string? message = null) => report(Math.Clamp(percent, 0, 100), message);
}

/// <summary>
/// Runs a sync in the background and records it as a <see cref="Job"/> that <c>GET /api/jobs/{id}</c>
/// and the pages follow. The work gets its own scope; its failure is recorded, never thrown.
/// </summary>
public sealed partial class JobRunner(IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<JobRunner> logger)
{
    public async Task<Job> StartAsync(string kind, Func<IServiceProvider, JobProgress, CancellationToken, Task<string>> work, CancellationToken cancellationToken)
    {
        var job = new Job { Id = Guid.NewGuid(), Kind = kind, Status = JobStatus.Queued, CreatedAt = clock.GetUtcNow().UtcDateTime, Message = "Queued." };
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            db.Jobs.Add(job);
            await db.SaveChangesAsync(cancellationToken);
        }

        _ = Task.Run(() => RunAsync(job.Id, work, lifetime.ApplicationStopping), CancellationToken.None);
        return job;
    }

    private async Task RunAsync(Guid id, Func<IServiceProvider, JobProgress, CancellationToken, Task<string>> work, CancellationToken stopping)
    {
        await UpdateAsync(id, j => { j.Status = JobStatus.Running; j.StartedAt = clock.GetUtcNow().UtcDateTime; j.Message = "Running."; });
        try
        {
            using var scope = scopes.CreateScope();
            var progress = new JobProgress((percent, message) => UpdateAsync(id, j => { j.Progress = percent; j.Message = message ?? j.Message; }));
            var result = await work(scope.ServiceProvider, progress, stopping);
            await UpdateAsync(id, j => Finish(j, JobStatus.Succeeded, result, 100));
        }
        catch (Exception ex)
        {
            Log.Failed(logger, id, ex);
            await UpdateAsync(id, j => Finish(j, JobStatus.Failed, ex.Message, j.Progress));
        }
    }

    private void Finish(Job job, JobStatus status, string message, int progress)
    {
        job.Status = status;
        job.Message = message.Length > 2000 ? message[..2000] : message;
        job.Progress = progress;
        job.FinishedAt = clock.GetUtcNow().UtcDateTime;
    }

    private async Task UpdateAsync(Guid id, Action<Job> change)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var job = await db.Jobs.FindAsync(id);
        if (job is not null)
        {
            change(job);
            await db.SaveChangesAsync();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "Job {Id} failed")]
        public static partial void Failed(ILogger logger, Guid id, Exception exception);
    }
}
