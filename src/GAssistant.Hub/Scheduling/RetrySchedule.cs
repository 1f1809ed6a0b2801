namespace GAssistant.Hub.Scheduling;

/// <summary>Exponential backoff with jitter: 10 s, 20 s, 40 s… capped at an hour. Pure.</summary>
public static class RetrySchedule
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Cap = TimeSpan.FromHours(1);

    /// <param name="attempts">Attempts made so far (1 after the first failure).</param>
    /// <param name="jitter">A number in [0, 1) spreading retries of many failures apart.</param>
    public static TimeSpan Delay(int attempts, double jitter)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var delay = First.TotalSeconds * Math.Pow(2, exponent);
        var capped = Math.Min(delay, Cap.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.8 + (0.4 * jitter)));
    }
}
