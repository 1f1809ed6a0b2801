using GAssistant.Hub.Data;
using GAssistant.Hub.Jobs;

namespace GAssistant.Hub.Scoring;

/// <summary>Retrains the scoring model now, then rescores open leads, as a job: how <c>POST /api/scoring/train</c> starts it.</summary>
public sealed class ScoringTrainingJob(JobRunner jobs)
{
    public const string Kind = "scoring.train";

    public Task<Job> StartAsync(CancellationToken cancellationToken) =>
        jobs.StartAsync(Kind, async (services, progress, ct) =>
        {
            var scoring = services.GetRequiredService<LeadScoringService>();
            var outcome = await scoring.TrainAsync(ct);
            if (!outcome.Trained)
            {
                throw new InvalidOperationException(outcome.Message);
            }

            await progress.ReportAsync(80, "Scoring open leads.");
            var scored = await scoring.ScorePendingAsync(ct);
            return $"{outcome.Message} {scored} open leads scored.";
        }, cancellationToken);
}
