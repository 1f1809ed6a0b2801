using System.Globalization;

namespace GAssistant.Hub.Meta;

/// <summary>A rate-limit block in force, for <c>/health</c>.</summary>
public sealed record RateLimitBlock(RateLimitKey Key, DateTimeOffset Until);

/// <summary>
/// Shared pacing for the hub's Graph calls, per use case and business object as Meta counts them: remembers the last
/// usage reported for each limit and each block (4, 17, 613, 80000–80014) until <c>estimated_time_to_regain_access</c>, and
/// makes callers of that limit wait, while calls counted against another use case or object go on. A wait longer than the
/// caller's inline wait fails the call so queued work retries later.
/// </summary>
public sealed class GraphThrottle(TimeProvider clock)
{
    /// <summary>Usage older than this is not trusted to slow calls down (Meta's windows are an hour at most).</summary>
    private static readonly TimeSpan UsageLifetime = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<RateLimitKey, (double Percent, DateTimeOffset At)> _usage = [];
    private readonly Dictionary<RateLimitKey, DateTimeOffset> _blocks = [];

    public void Observe(GraphUsage usage)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            foreach (var entry in usage.Entries)
            {
                _usage[entry.Key] = (entry.Percent, now);
            }
        }
    }

    public void Block(RateLimitKey key, TimeSpan duration)
    {
        lock (_gate)
        {
            var until = clock.GetUtcNow() + duration;
            if (!_blocks.TryGetValue(key, out var current) || until > current)
            {
                _blocks[key] = until;
            }
        }
    }

    /// <summary>How long a call in <paramref name="scope"/> must wait now: the longest block over it, else a pause near 100% usage.</summary>
    public TimeSpan WaitFor(GraphScope scope, TimeSpan retryDelay)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var blocked = _blocks.Where(b => b.Key.Covers(scope)).Select(b => b.Value - now).DefaultIfEmpty(TimeSpan.Zero).Max();
            if (blocked > TimeSpan.Zero)
            {
                return blocked;
            }

            var percent = _usage.Where(u => u.Key.Covers(scope) && now - u.Value.At < UsageLifetime)
                .Select(u => u.Value.Percent).DefaultIfEmpty(0).Max();
            return GraphUsage.PauseAt(percent, retryDelay);
        }
    }

    /// <param name="maxInlineWait">The longest wait made here; a longer one throws a rate-limit error carrying the wait.</param>
    public async Task WaitTurnAsync(GraphScope scope, TimeSpan retryDelay, TimeSpan maxInlineWait, CancellationToken cancellationToken)
    {
        var wait = WaitFor(scope, retryDelay);
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        if (wait > maxInlineWait)
        {
            throw new GraphApiException(string.Create(CultureInfo.InvariantCulture,
                $"Meta's rate limit for {scope.UseCase} on {scope.ObjectId ?? "the app"} blocks calls for another {wait:hh\\:mm\\:ss}; the work is retried later."),
                null, null, 429, GraphErrorKind.RateLimited, wait);
        }

        await Task.Delay(wait, clock, cancellationToken);
    }

    /// <summary>The highest usage Meta reported lately for one business object (an ad account without <c>act_</c>, a Page), 0–100; null when none.</summary>
    public double? UsagePercent(string? objectId)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var recent = _usage.Where(u => u.Key.ObjectId == objectId && now - u.Value.At < UsageLifetime).Select(u => u.Value.Percent).ToList();
            return recent.Count == 0 ? null : recent.Max();
        }
    }

    /// <summary>The blocks still in force.</summary>
    public IReadOnlyList<RateLimitBlock> ActiveBlocks()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            return _blocks.Where(b => b.Value > now).Select(b => new RateLimitBlock(b.Key, b.Value)).OrderBy(b => b.Until).ToList();
        }
    }
}
