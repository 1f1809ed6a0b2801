using System.Diagnostics;

namespace GAssistant.Bench.WebhookLoad;

/// <summary>Figures of one phase: how many requests got the expected answer, how fast, how slow.</summary>
internal sealed record LoadResult(string Name, int Ok, int Failed, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Ok / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public override string ToString() =>
        $"{Name,-34} {PerSecond,9:N0}/s  p50 {Percentile(50),6:N2} ms  p99 {Percentile(99),6:N2} ms  ok {Ok,7:N0}  failed {Failed:N0}";
}

/// <summary>Closed loop (each connection sends as fast as answers come) and open loop (a fixed rate) drivers.</summary>
internal static class LoadRun
{
    public static async Task<LoadResult> ClosedLoopAsync(string name, HttpClient client, Func<int, HttpRequestMessage> next, int connections, TimeSpan duration)
    {
        var counter = -1;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(100_000);
            var ok = 0;
            var failed = 0;
            while (stopwatch.Elapsed < duration)
            {
                using var request = next(Interlocked.Increment(ref counter));
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.IsSuccessStatusCode) { ok++; } else { failed++; }
            }

            return (latencies, ok, failed);
        })).ToArray();
        var results = await Task.WhenAll(workers);
        return new LoadResult(name, results.Sum(r => r.ok), results.Sum(r => r.failed), stopwatch.Elapsed,
            results.SelectMany(r => r.latencies).ToArray());
    }

    /// <summary>
    /// Sends at <paramref name="rate"/> per second whatever the answers do; latency counts from the
    /// scheduled send time, so a stall is not hidden by sending less (no coordinated omission).
    /// </summary>
    public static async Task<LoadResult> OpenLoopAsync(string name, HttpClient client, Func<int, HttpRequestMessage> next, double rate, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var ok = 0;
        var failed = 0;
        var outstanding = 1;
        var allAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Answered()
        {
            if (Interlocked.Decrement(ref outstanding) == 0)
            {
                allAnswered.SetResult();
            }
        }

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - stopwatch.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            // Counted, not kept: a five-minute phase sends millions of requests.
            var index = i;
            Interlocked.Increment(ref outstanding);
            _ = Task.Run(async () =>
            {
                try
                {
                    using var request = next(index);
                    using var response = await client.SendAsync(request);
                    latencies[index] = (stopwatch.Elapsed - due).TotalMilliseconds;
                    if (response.IsSuccessStatusCode) { Interlocked.Increment(ref ok); } else { Interlocked.Increment(ref failed); }
                }
                catch (HttpRequestException)
                {
                    latencies[index] = (stopwatch.Elapsed - due).TotalMilliseconds;
                    Interlocked.Increment(ref failed);
                }
                finally
                {
                    Answered();
                }
            });
        }

        Answered();
        await allAnswered.Task;
        return new LoadResult(name, ok, failed, stopwatch.Elapsed, latencies);
    }
}
