using GAssistant.Hub.Data;

namespace GAssistant.Hub.Components.Shared;

/// <summary>
/// A fresh <see cref="HubDbContext"/> per read or write: an interactive page lives as long as its circuit, and one
/// context shared by overlapping renders would be used concurrently.
/// </summary>
public sealed class HubReads(IServiceScopeFactory scopes)
{
    public async Task<T> WithDbAsync<T>(Func<HubDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
