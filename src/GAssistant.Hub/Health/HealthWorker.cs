using GAssistant.Hub.Operations;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Health;

/// <summary>
/// Runs every check each <see cref="HealthOptions.CheckInterval"/>, every <see cref="HealthOptions.RecheckInterval"/> while
/// one is not ok, and at once when an integration's own state turns bad (a token Meta refused during a lead's call, a
/// failed Odoo sync): so a failure is seen within one interval, and its fix within one recheck.
/// </summary>
public sealed partial class HealthWorker(
    IServiceScopeFactory scopes,
    HealthBoard board,
    IEnumerable<IIntegrationStatus> integrations,
    IOptionsMonitor<HealthOptions> options,
    TimeProvider clock,
    ILogger<HealthWorker> logger) : BackgroundService
{
    private static readonly string[] BadStates = ["needs_reconnecting", "degraded", "down"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RestoreAsync(stoppingToken);
            await Task.Delay(options.CurrentValue.FirstCheckDelay, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunOnceAsync(stoppingToken);
                await WaitForNextRunAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One run of every check; the changes it found went to the board and to the alerts.</summary>
    public async Task<IReadOnlyList<HealthChange>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        using (var scope = scopes.CreateScope())
        {
            foreach (var check in scope.ServiceProvider.GetServices<IConnectionCheck>())
            {
                try
                {
                    results.AddRange(await check.RunAsync(cancellationToken));
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Log.CheckFailed(logger, check.Key, ex);
                    results.Add(new CheckResult(check.Key, check.Key, CheckState.Failing, "check_error", [ex.Message]));
                }
            }
        }

        var changes = board.Apply(results, clock.GetUtcNow());
        foreach (var change in changes)
        {
            Log.Changed(logger, change.Check.Result.Key, change.Before, change.Check.State, change.Check.Result.Code);
        }

        if (changes.Count > 0)
        {
            using var scope = scopes.CreateScope();
            foreach (var reaction in scope.ServiceProvider.GetServices<IHealthReaction>())
            {
                try
                {
                    await reaction.OnChangesAsync(changes, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Log.ReactionFailed(logger, reaction.GetType().Name, ex);
                }
            }
        }

        await SaveAsync(cancellationToken);
        return changes;
    }

    private Task RestoreAsync(CancellationToken cancellationToken) => KeepAsync(store => store.RestoreAsync(cancellationToken), cancellationToken);

    private Task SaveAsync(CancellationToken cancellationToken) => KeepAsync(store => store.SaveAsync(cancellationToken), cancellationToken);

    /// <summary>Keeping the board is a convenience: a database that refuses it is logged, and the checks run on.</summary>
    private async Task KeepAsync(Func<HealthBoardStore, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await work(scope.ServiceProvider.GetRequiredService<HealthBoardStore>());
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.KeepFailed(logger, ex);
        }
    }

    private async Task WaitForNextRunAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var due = clock.GetUtcNow() + (board.Worst == CheckState.Ok ? o.CheckInterval : o.RecheckInterval);
        var seen = BadIntegrations();
        while (clock.GetUtcNow() < due)
        {
            var left = due - clock.GetUtcNow();
            await Task.Delay(left < o.WatchInterval ? left : o.WatchInterval, clock, cancellationToken);
            var bad = BadIntegrations();
            var turned = bad.Except(seen).ToList();
            if (turned.Count > 0)
            {
                Log.IntegrationTurnedBad(logger, turned);
                return;
            }

            seen = bad;
        }
    }

    private HashSet<string> BadIntegrations() =>
        [.. integrations.Where(i => i is not HealthBoard).Select(i => (i.Name, i.Current().State)).Where(s => BadStates.Contains(s.State)).Select(s => $"{s.Name}:{s.State}")];

    private static partial class Log
    {
        [LoggerMessage(EventId = 3501, Level = LogLevel.Warning, Message = "The connection check {Key} could not run")]
        public static partial void CheckFailed(ILogger logger, string key, Exception exception);

        [LoggerMessage(EventId = 3502, Level = LogLevel.Information, Message = "Connection check {Key}: {Before} → {State} ({Code})")]
        public static partial void Changed(ILogger logger, string key, CheckState? before, CheckState state, string code);

        [LoggerMessage(EventId = 3503, Level = LogLevel.Information, Message = "{Integrations} turned bad; the connection checks run now")]
        public static partial void IntegrationTurnedBad(ILogger logger, IReadOnlyList<string> integrations);

        [LoggerMessage(EventId = 3504, Level = LogLevel.Error, Message = "Reacting to changed connection checks failed in {Reaction}")]
        public static partial void ReactionFailed(ILogger logger, string reaction, Exception exception);

        [LoggerMessage(EventId = 3505, Level = LogLevel.Warning, Message = "Keeping the connection checks in the database failed; a restart runs them afresh")]
        public static partial void KeepFailed(ILogger logger, Exception exception);
    }
}

/// <summary>What follows a change of the checks (an email, queued leads sent at once); each runs once per run with changes.</summary>
public interface IHealthReaction
{
    Task OnChangesAsync(IReadOnlyList<HealthChange> changes, CancellationToken cancellationToken);
}
