using System.Text.Json.Nodes;

namespace GAssistant.Hub.Tests.Analytics.BigQuery;

/// <summary>Without <c>BigQuery:*</c> the hub runs on its own database, says "not_configured" and refuses an export with 503.</summary>
public sealed class BigQueryNotConfiguredTests : IAsyncLifetime
{
    private HubFactory _hub = null!;

    public async Task InitializeAsync() => _hub = await HubFactory.CreateAsync(HubProvider.Sqlite);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Export_without_configuration_is_a_503_problem_and_health_says_not_configured()
    {
        var response = await _hub.CreateApiClient().PostAsync("/api/bigquery/export", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var health = JsonNode.Parse(await _hub.CreateAnonymousClient().GetStringAsync("/health"))!;
        Assert.Equal("not_configured", health["integrations"]!["bigquery"]!["state"]!.GetValue<string>());
        Assert.Empty(_hub.Outbound.Unregistered);
    }
}
