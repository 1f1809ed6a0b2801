namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>Waits for background work (the inbox worker) to reach a state a user would see.</summary>
public static class Eventually
{
    /// <summary>
    /// Long enough for background work on a loaded two-core CI machine running every test class at once (15 s was not:
    /// an export that takes a second alone took longer there); a wait that succeeds returns as soon as it can.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(40);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not done after {timeout ?? DefaultTimeout}; last value: {value}");
            }

            await Task.Delay(50);
        }
    }
}
