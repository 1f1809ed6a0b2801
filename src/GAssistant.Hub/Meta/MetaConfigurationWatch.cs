using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Scheduling;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Re-arms the Meta outbox messages that failed for their configuration, once it is fixed: those refused for an API
/// version as soon as another version is configured, those stopped for a permission once the feature works again (a
/// success elsewhere, a new token, a restart) — and, while it is still stopped, one of them at each recheck, as the probe
/// that finds out whether the permission was granted. Every <see cref="MetaOptions.ConfigurationCheckInterval"/>.
/// </summary>
public sealed partial class MetaConfigurationWatch(
    IServiceScopeFactory scopes,
    MetaConnection connection,
    IOptionsMonitor<MetaOptions> options,
    TimeProvider clock,
    ILogger<MetaConfigurationWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.ConfigurationCheckInterval, clock);
        while (await timer.NextTickOrStopAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.CheckFailed(logger, ex);
            }
        }
    }

    /// <returns>How many messages were re-armed.</returns>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var rearmed = 0;
        var current = MetaOutboxFailure.WaitingForVersion(options.CurrentValue.ApiVersion);
        foreach (var (waitingFor, _) in await OutboxRearm.WaitingAsync(db, MetaOutboxFailure.ApiVersionPrefix, cancellationToken))
        {
            if (waitingFor != current)
            {
                rearmed += await OutboxRearm.RearmAsync(db, waitingFor, now, cancellationToken);
            }
        }

        var blocked = connection.Blocks.ToDictionary(b => MetaOutboxFailure.WaitingForPermission(b.Feature), b => b.Feature);
        foreach (var (waitingFor, _) in await OutboxRearm.WaitingAsync(db, MetaOutboxFailure.PermissionPrefix, cancellationToken))
        {
            if (!blocked.TryGetValue(waitingFor, out var feature))
            {
                rearmed += await OutboxRearm.RearmAsync(db, waitingFor, now, cancellationToken);
            }
            else if (connection.RecheckDue(feature))
            {
                rearmed += await OutboxRearm.RearmAsync(db, waitingFor, now, cancellationToken, limit: 1);
            }
        }

        if (rearmed > 0)
        {
            Log.Rearmed(logger, rearmed);
        }

        return rearmed;
    }

    /// <summary>An administrator's "send again now": every Meta message waiting for its configuration.</summary>
    public async Task<int> RearmAllAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var rearmed = 0;
        foreach (var prefix in new[] { MetaOutboxFailure.ApiVersionPrefix, MetaOutboxFailure.PermissionPrefix })
        {
            foreach (var (waitingFor, _) in await OutboxRearm.WaitingAsync(db, prefix, cancellationToken))
            {
                rearmed += await OutboxRearm.RearmAsync(db, waitingFor, now, cancellationToken);
            }
        }

        Log.Rearmed(logger, rearmed);
        return rearmed;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2861, Level = LogLevel.Information, Message = "Re-armed {Count} Meta outbox messages whose configuration was fixed")]
        public static partial void Rearmed(ILogger logger, int count);

        [LoggerMessage(EventId = 2862, Level = LogLevel.Error, Message = "The Meta configuration check failed; the next tick tries again")]
        public static partial void CheckFailed(ILogger logger, Exception exception);
    }
}
