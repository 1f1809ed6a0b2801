using GAssistant.Hub.Operations;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Tests.Operations;

/// <summary>Health, API documentation, start-up validation and log masking, as an operator meets them.</summary>
public abstract class OperationsTests(HubProvider provider)
{
    [Fact]
    public async Task Health_is_anonymous_and_reports_the_database_and_each_integration()
    {
        await using var hub = await HubFactory.CreateAsync(provider);
        var response = await hub.CreateAnonymousClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("database").GetProperty("state").GetString());
        Assert.Equal("not_configured", health.GetProperty("integrations").GetProperty("odoo").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Health_is_503_when_the_database_does_not_answer()
    {
        await using var hub = await HubFactory.CreateAsync(provider);
        _ = hub.Server;
        await hub.WithDbAsync(db => db.Database.ExecuteSqlRawAsyncCompat("DROP TABLE inbox_events"));

        var response = await hub.CreateAnonymousClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_and_its_reference_page_are_served()
    {
        await using var hub = await HubFactory.CreateAsync(provider);
        var client = hub.CreateAnonymousClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/webhook/odoo", out _));
        Assert.True(paths.TryGetProperty("/api/odoo/leads", out _));
        var reference = await hub.CreateClient().GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Database:Provider", "Mongo", "Database:Provider must be Sqlite or Postgres")]
    [InlineData("Hub:DefaultLanguage", "fr", "Hub:DefaultLanguage must be ar or en")]
    [InlineData("Auth:AdminEmail", "not an email", "AdminEmail")]
    public async Task A_wrong_setting_stops_the_start_with_a_message_naming_it(string key, string value, string message)
    {
        await using var hub = await HubFactory.CreateAsync(provider, new Dictionary<string, string?> { [key] = value });
        var error = Assert.ThrowsAny<Exception>(() => hub.Server);
        var all = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains(message, all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postgres_provider_without_a_connection_string_is_refused_at_start()
    {
        await using var hub = await HubFactory.CreateAsync(provider,
            new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Hub"] = "" });
        var error = Assert.ThrowsAny<Exception>(() => hub.Server);
        Assert.Contains(Flatten(error), e => e is OptionsValidationException && e.Message.Contains("ConnectionStrings:Hub", StringComparison.Ordinal));
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}

public sealed class OperationsTestsOnSqlite() : OperationsTests(HubProvider.Sqlite);

public sealed class OperationsTestsOnPostgres() : OperationsTests(HubProvider.Postgres);
