using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;

namespace GAssistant.Hub.Health;

/// <summary>
/// When a check turns ok again after warning or failing, what waited in the outbox (leads for Odoo, events for Meta) is sent
/// at once rather than after the rest of its backoff. The outbox sends each message once: a released message is claimed
/// like any other, and one being sent is not touched.
/// </summary>
public sealed partial class RecoveryRelease(HubDbContext db, TimeProvider clock, ILogger<RecoveryRelease> logger) : IHealthReaction
{
    public async Task OnChangesAsync(IReadOnlyList<HealthChange> changes, CancellationToken cancellationToken)
    {
        var recovered = changes.Where(c => c.Recovered && c.Before is CheckState.Warning or CheckState.Failing).Select(c => c.Check.Result.Key).ToList();
        if (recovered.Count == 0)
        {
            return;
        }

        var released = await OutboxRelease.ReleaseAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (released > 0)
        {
            Log.Released(logger, released, recovered);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3510, Level = LogLevel.Information, Message = "{Count} waiting outbox messages are sent now: {Checks} recovered")]
        public static partial void Released(ILogger logger, int count, IReadOnlyList<string> checks);
    }
}
