namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>Waits for background work (the inbox worker) to reach a state a user would see.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not done after {timeout ?? TimeSpan.FromSeconds(15)}; last value: {value}");
            }

            await Task.Delay(50);
        }
    }
}
