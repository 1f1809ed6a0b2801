using GAssistant.Hub.Data;
using GAssistant.Hub.Scheduling;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Scoring;

/// <summary>
/// Retrains the model when there is none or the newest is older than <c>Scoring:RetrainInterval</c>, and
/// scores leads that need it, every <c>Scoring:ScoreInterval</c>. A failed tick is logged, never fatal.
/// </summary>
public sealed partial class ScoringWorker(
    LeadScoringService scoring, IServiceScopeFactory scopes, IOptions<ScoringOptions> options, TimeProvider clock, ILogger<ScoringWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScoreInterval, clock);
        do
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.TickFailed(logger, ex);
            }
        }
        while (await timer.NextTickOrStopAsync(stoppingToken));
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        DateTime? trainedAt;
        using (var scope = scopes.CreateScope())
        {
            trainedAt = await LeadScoringService.NewestTrainedAtAsync(scope.ServiceProvider.GetRequiredService<HubDbContext>(), cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var refusedRecently = scoring.LastTraining is { Trained: false } last && trainedAt is not null && now - last.At < options.Value.RetrainInterval;
        if ((trainedAt is null || now - trainedAt >= options.Value.RetrainInterval) && !refusedRecently)
        {
            await scoring.TrainAsync(cancellationToken);
        }

        await scoring.ScorePendingAsync(cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2911, Level = LogLevel.Error, Message = "The scoring worker's tick failed; it will try again")]
        public static partial void TickFailed(ILogger logger, Exception exception);
    }
}
