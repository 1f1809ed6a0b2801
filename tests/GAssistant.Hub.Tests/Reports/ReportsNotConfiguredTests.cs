using System.Text.Json.Nodes;

namespace GAssistant.Hub.Tests.Reports;

/// <summary>Without <c>Reports:Smtp:Host</c> the hub runs, says so in /health, and "send now" is a 503 problem.</summary>
public sealed class ReportsNotConfiguredTests : IAsyncLifetime
{
    private HubFactory _hub = null!;

    public async Task InitializeAsync() => _hub = await HubFactory.CreateAsync(HubProvider.Sqlite);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Send_now_without_SMTP_is_a_503_problem_and_health_says_not_configured()
    {
        var response = await _hub.CreateApiClient().PostAsJsonAsync("/api/reports/send", new { report = "daily", language = "ar" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(problem["success"]!.GetValue<bool>());
        Assert.Contains("Reports:Smtp:Host", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var health = JsonNode.Parse(await _hub.CreateAnonymousClient().GetStringAsync("/health"))!;
        Assert.Equal("not_configured", health["integrations"]!["reports"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_that_is_not_a_json_object_is_refused_before_anything_else()
    {
        using var content = new StringContent("[1,2]", System.Text.Encoding.UTF8, "application/json");
        var response = await _hub.CreateApiClient().PostAsync("/api/reports/send", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]!["body"]);
    }
}
