namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>
/// Base of the suites that touch the database: each test gets a fresh hub and database of
/// <paramref name="provider"/>. A suite derives one sealed class per provider (…OnSqlite, …OnPostgres).
/// </summary>
public abstract class HubTest(HubProvider provider) : IAsyncLifetime
{
    private HubFactory? _hub;

    protected HubProvider Provider => provider;

    protected HubFactory Hub => _hub ?? throw new InvalidOperationException("The hub starts in InitializeAsync.");

    /// <summary>Extra configuration for this suite's hub.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        _hub = await HubFactory.CreateAsync(provider, Settings);
        Configure(_hub);
        _ = _hub.Server; // start it now so the test measures only what it does
    }

    protected virtual void Configure(HubFactory hub)
    {
    }

    public virtual async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }
}
