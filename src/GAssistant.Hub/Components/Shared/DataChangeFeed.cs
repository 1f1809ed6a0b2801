using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Components.Shared;

/// <summary>
/// Tells open pages that leads or webhook deliveries changed, so they redraw without a reload. One poll per hub
/// (not per page) of cheap indexed maxima, so it also sees changes written by another hub instance.
/// </summary>
public sealed partial class DataChangeFeed(IServiceScopeFactory scopes, ILogger<DataChangeFeed> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private (long, DateTime?, long, int) _stamp;

    /// <summary>Raised on a thread-pool thread after a change; handlers must marshal to their renderer.</summary>
    public event Func<Task>? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var stamp = await ReadStampAsync(stoppingToken);
                    if (stamp != _stamp)
                    {
                        var first = _stamp == default;
                        _stamp = stamp;
                        if (!first && Changed is { } changed)
                        {
                            await Task.WhenAll(changed.GetInvocationList().Cast<Func<Task>>().Select(h => h()));
                        }
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.PollFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Changes show in one of these, each read from an index: a new lead (highest id), a lead changed by the
    /// reconciliation pull (newest write_date), a webhook stored (highest inbox id) or applied (fewer waiting).
    /// </summary>
    private async Task<(long, DateTime?, long, int)> ReadStampAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var lastLead = await db.Leads.MaxAsync(l => (long?)l.OdooId, cancellationToken) ?? 0;
        var lastWrite = await db.Leads.MaxAsync(l => l.WriteDate, cancellationToken);
        var lastEvent = await db.InboxEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        var waiting = await db.InboxEvents.CountAsync(e => e.Status == InboxStatus.Pending || e.Status == InboxStatus.Failed, cancellationToken);
        return (lastLead, lastWrite, lastEvent, waiting);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "Polling for data changes failed")]
        public static partial void PollFailed(ILogger logger, Exception exception);
    }
}
