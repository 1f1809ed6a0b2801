using System.Text;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>Issue 13, 3: Meta's webhook and sync routes answer untrusted bytes with 4xx naming the field, never a 5xx.</summary>
public abstract class MetaHostileInputTests(HostileHub fixture)
{
    private HubFactory Hub => fixture.Hub;

    private static string Change(string field, string leadgenId, string createdTime = "1502121230") =>
        $$$"""{"object": "page", "entry": [{"id": "1234567890", "time": 1502121230, "changes": [{"field": {{{field}}}, "value": {"leadgen_id": {{{leadgenId}}}, "page_id": "1234567890", "form_id": "555", "created_time": {{{createdTime}}}}}]}]}""";

    [Theory]
    [InlineData("\"lead\\ud800gen\"", "\"444\"", "entry.changes.field")]
    [InlineData("\"leadgen\"", "\"44\\ud8004\"", "entry.changes.value.leadgen_id")]
    public async Task A_lone_surrogate_in_a_notification_is_a_400_naming_the_field(string field, string leadgenId, string named)
    {
        var response = await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), Change(field, leadgenId));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.Replace("[0]", "", StringComparison.Ordinal) == named);
    }

    [Fact]
    public async Task A_created_time_past_the_last_date_is_accepted_and_the_lead_queued()
    {
        var response = await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), Change("\"leadgen\"", "\"70000001\"", "253402300800"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_content_type_on_a_signed_notification_is_415()
    {
        var body = Change("\"leadgen\"", "\"70000002\"");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhook/meta") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.Add("X-Hub-Signature-256", GAssistant.Hub.Meta.MetaSignature.Sign(MetaTestHub.AppSecret, Encoding.UTF8.GetBytes(body)));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Hub.CreateAnonymousClient().SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Syncing_leads_since_a_lone_surrogate_is_a_400_naming_since()
    {
        using var content = new StringContent("""{"since": "\ud800"}""", Encoding.UTF8, "application/json");
        var response = await Hub.CreateApiClient().PostAsync("/api/meta/sync-leads", content);
        await HostileHub.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "since");
    }

    [Theory]
    [InlineData("/api/meta/campaigns?from=0001-01-01&to=9999-12-31", "from")]
    [InlineData("/api/analytics/attribution?from=0001-01-01&to=9999-12-31", "from")]
    [InlineData("/api/analytics/attribution?to=9999-12-31", "to")]
    public async Task Reports_over_dates_no_calendar_sum_can_reach_are_a_400(string url, string field)
    {
        await HostileHub.AssertProblemNamingAsync(await Hub.CreateApiClient().GetAsync(url), HttpStatusCode.BadRequest, field);
    }
}

public sealed class MetaHostileInputTestsOnSqlite(SqliteHostileHub hub) : MetaHostileInputTests(hub), IClassFixture<SqliteHostileHub>;

public sealed class MetaHostileInputTestsOnPostgres(PostgresHostileHub hub) : MetaHostileInputTests(hub), IClassFixture<PostgresHostileHub>;
