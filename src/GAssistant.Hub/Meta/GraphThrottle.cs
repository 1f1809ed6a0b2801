using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Shared pacing for all Graph calls of this hub: remembers the last usage reported by Meta and any
/// block (17, 613, 80000–80014) until <c>estimated_time_to_regain_access</c>, and makes callers wait.
/// A block longer than <see cref="MetaOptions.MaxInlineWait"/> fails the call so queued work retries later.
/// </summary>
public sealed class GraphThrottle(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private GraphUsage _usage = GraphUsage.None;
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;

    public void Observe(GraphUsage usage)
    {
        lock (_gate)
        {
            _usage = usage;
        }
    }

    public void Block(TimeSpan duration)
    {
        lock (_gate)
        {
            var until = clock.GetUtcNow() + duration;
            if (until > _blockedUntil)
            {
                _blockedUntil = until;
            }
        }
    }

    public async Task WaitTurnAsync(MetaOptions options, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var blocked = _blockedUntil - clock.GetUtcNow();
            wait = blocked > TimeSpan.Zero ? blocked : _usage.PauseBeforeNextCall(options.RetryDelay);
        }

        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        if (wait > options.MaxInlineWait)
        {
            throw new GraphApiException($"Meta's rate limit blocks calls for another {wait:g}; the work is retried later.",
                null, null, 429, GraphErrorKind.RateLimited, wait);
        }

        await Task.Delay(wait, clock, cancellationToken);
    }
}
