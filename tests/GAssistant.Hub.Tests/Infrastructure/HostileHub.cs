using GAssistant.Hub.Tests.Meta;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>
/// One hub per suite for hostile-input tests: Odoo (a JSON-RPC double), Meta (a Graph double) and the
/// automation token configured, so every route gets past "not configured" to its validation. Tests use
/// their own record ids and never count what others stored.
/// </summary>
public abstract class HostileHub(HubProvider provider) : IAsyncLifetime
{
    public const string AutomationToken = "automation-token-for-hostile-tests";

    public HubFactory Hub { get; private set; } = default!;

    public HubProvider Provider => provider;

    public async Task InitializeAsync()
    {
        var settings = MetaTestHub.Settings();
        settings["Odoo:AutomationToken"] = AutomationToken;
        settings["Odoo:SyncInterval"] = "00:00:00";
        settings["RateLimits:FailedCredentialsPerMinute"] = "1000000";
        Hub = await HubFactory.CreateAsync(provider, settings);
        MetaTestHub.RegisterDoubles(Hub);
        _ = Hub.Server;
    }

    public async Task DisposeAsync() => await Hub.DisposeAsync();

    /// <summary>The body of a 4xx answer, checked to be problem details that name <paramref name="field"/>.</summary>
    public static async Task<JsonElement> AssertProblemNamingAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.False(problem.GetProperty("success").GetBoolean());
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"no error for '{field}': {text}");
        return problem;
    }
}

public sealed class SqliteHostileHub() : HostileHub(HubProvider.Sqlite);

public sealed class PostgresHostileHub() : HostileHub(HubProvider.Postgres);
