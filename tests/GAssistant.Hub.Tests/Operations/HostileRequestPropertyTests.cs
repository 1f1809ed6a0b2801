using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Meta;
using Microsoft.EntityFrameworkCore;
using StandardWebhooks;
using Xunit.Abstractions;

namespace GAssistant.Hub.Tests.Operations;

/// <summary>
/// Generated hostile requests (CsCheck, 1,000 cases a route) for every <c>/api/*</c> route of the OpenAPI
/// document and every webhook, each signed or carrying the right key so validation is what answers.
/// Invariants: never a 5xx (but the 503 of an integration that is down or not configured, for input that
/// passed validation); a 4xx is problem details, and a 400 names the field; a 2xx from a webhook means its
/// event is applied by the worker. A failure prints CsCheck's seed; replay it with the environment variable
/// <c>CsCheck_Seed=&lt;seed&gt;</c> (<c>dotnet test -e CsCheck_Seed=…</c>).
/// </summary>
public abstract class HostileRequestPropertyTests(HostileHub fixture, ITestOutputHelper output)
{
    private const int CasesPerRoute = 1000;

    /// <summary>Routes whose 503 says an integration is not configured or down (not bad input).</summary>
    private static readonly HashSet<string> MayBeUnavailable = ["POST /api/reports/send", "POST /api/bigquery/export", "GET /api/odoo/health"];

    private static readonly string[] LeadFilters = ["stage", "source", "campaign", "from", "to", "q", "page", "page_size", "min_score", "sort"];

    public static TheoryData<string> Routes => new()
    {
        "GET /api/odoo/health", "GET /api/odoo/leads", "GET /api/odoo/leads/{id}", "POST /api/odoo/leads", "POST /api/odoo/sync",
        "GET /api/meta/campaigns", "POST /api/meta/sync-leads", "POST /api/meta/sync-campaigns", "GET /api/analytics/attribution",
        "GET /api/crm/summary", "GET /api/crm/leads.csv", "POST /api/scoring/train", "GET /api/scoring/model", "POST /api/reports/send",
        "GET /api/jobs/{id}", "POST /api/bigquery/export", "GET /api/bigquery/status", "GET /api/health/checks",
        "POST /api/meta/rearm", "GET /api/meta/forms", "GET /api/meta/test-leads", "PUT /api/meta/forms/{id}/test", "PUT /api/meta/leads/{leadgenId}/test",
        "GET /api/meta/forms/{formId}/mapping", "PUT /api/meta/forms/{formId}/mapping",
        "POST /api/webhook/odoo", "POST /api/webhook/odoo/automation", "GET /api/webhook/meta", "POST /api/webhook/meta",
    };

    private HubFactory Hub => fixture.Hub;

    [Fact]
    public async Task Every_api_route_of_the_openapi_document_gets_generated_requests()
    {
        var document = await Hub.CreateAnonymousClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var documented = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(documented, Routes.Cast<object[]>().Select(r => (string)r[0]).Order(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Hostile_requests_never_get_a_5xx_and_every_refusal_is_problem_details(string route)
    {
        var accepted = new List<string>();
        var started = DateTime.UtcNow;
        await Cases(route).SampleAsync(async request =>
        {
            using var message = request.Build();
            using var response = await Hub.CreateApiClient().SendAsync(message);
            await CheckAsync(route, request, response);
            if (response.IsSuccessStatusCode && route.StartsWith("POST /api/webhook", StringComparison.Ordinal))
            {
                lock (accepted)
                {
                    accepted.Add(request.ToString());
                }
            }
        }, iter: CasesPerRoute, threads: 1, print: r => r.ToString());

        if (route.StartsWith("POST /api/webhook", StringComparison.Ordinal))
        {
            await CheckAppliedAsync(started);
        }

        output.WriteLine($"{route}: {CasesPerRoute} cases in {(DateTime.UtcNow - started).TotalSeconds:0.0} s, {accepted.Count} webhooks accepted");
    }

    private static async Task CheckAsync(string route, HostileRequest request, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        if (status >= 500)
        {
            Assert.True(status == 503 && MayBeUnavailable.Contains(route) && text.Contains("\"success\":false", StringComparison.Ordinal),
                $"{status} for {request}: {text}");
            return;
        }

        if (status >= 400)
        {
            Assert.True(problem, $"{status} without problem details for {request}: {text}");
            var body = JsonDocument.Parse(text).RootElement;
            Assert.False(body.GetProperty("success").GetBoolean());
            if (status == 400)
            {
                Assert.True(body.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(), $"400 naming no field for {request}: {text}");
            }
        }
    }

    /// <summary>Every event a webhook acknowledged is applied (processed), or, for the automation hook, waits only on Odoo.</summary>
    private async Task CheckAppliedAsync(DateTime since)
    {
        var events = await Eventually.ReturnsAsync(
            () => Hub.WithDbAsync(db => db.InboxEvents.AsNoTracking().Where(e => e.ReceivedAt >= since.AddSeconds(-1)).ToListAsync()),
            list => list.All(e => e.Status == InboxStatus.Processed || e.LastError is not null), TimeSpan.FromSeconds(120));
        var unapplicable = events.Where(e => e.Status != InboxStatus.Processed
            && (e.Source != InboxSources.OdooAutomation || e.LastError!.StartsWith("InvalidDataException", StringComparison.Ordinal))).ToList();
        Assert.True(unapplicable.Count == 0, string.Join("\n", unapplicable.Take(5).Select(e => $"{e.Source} {e.DeliveryId}: {e.LastError} {e.Payload[..Math.Min(300, e.Payload.Length)]}")));
    }

    private static Gen<HostileRequest> Cases(string route) => route switch
    {
        "POST /api/webhook/odoo" => Gen.Select(HostileGen.Bytes(OdooEvent), Gen.Int[0, 19], (body, variant) =>
            HostileRequest.Post("/api/webhook/odoo", body, variant == 0 ? "text/plain" : "application/json", variant == 1 ? new string('w', 300) : null, signer: Sign.Odoo)),
        "POST /api/webhook/odoo/automation" => Gen.Select(HostileGen.Bytes(AutomationEvent), HostileGen.Text, Gen.Int[0, 9], (body, token, right) =>
            HostileRequest.Post($"/api/webhook/odoo/automation?token={Uri.EscapeDataString(right > 1 ? HostileHub.AutomationToken : Safe(token))}", body)),
        "POST /api/webhook/meta" => HostileGen.Bytes(MetaNotification).Select(body => HostileRequest.Post("/api/webhook/meta", body, signer: Sign.Meta)),
        "GET /api/webhook/meta" => HostileGen.Query(["hub.mode", "hub.verify_token", "hub.challenge"]).Select(q => HostileRequest.Get("/api/webhook/meta" + q)),
        "GET /api/odoo/leads/{id}" => PathSegment.Select(id => HostileRequest.Get($"/api/odoo/leads/{id}")),
        "GET /api/jobs/{id}" => Gen.OneOf(PathSegment, Gen.Guid.Select(g => g.ToString())).Select(id => HostileRequest.Get($"/api/jobs/{id}")),
        "POST /api/odoo/leads" => ApiBody("/api/odoo/leads", () => new()
        {
            ["name"] = "\"Enquiry\"", ["partner_name"] = "\"Ahmed\"", ["email"] = "\"ahmed@example.com\"", ["phone"] = "\"+966 55 123 4567\"",
            ["expected_revenue"] = "5000", ["probability"] = "20", ["source"] = "\"Website\"", ["campaign"] = "\"Spring\"", ["medium"] = "\"Email\"", ["description"] = "\"d\"",
        }),
        "POST /api/meta/sync-leads" => ApiBody("/api/meta/sync-leads", () => new() { ["since"] = "\"2026-11-01T00:00:00Z\"" }),
        "POST /api/meta/sync-campaigns" => ApiBody("/api/meta/sync-campaigns", () => new() { ["from"] = "\"2026-11-01\"", ["to"] = "\"2026-11-05\"" }),
        "PUT /api/meta/forms/{id}/test" => TestMark(id => $"/api/meta/forms/{id}/test"),
        "PUT /api/meta/leads/{leadgenId}/test" => TestMark(id => $"/api/meta/leads/{id}/test"),
        "GET /api/meta/forms/{formId}/mapping" => PathSegment.Select(id => HostileRequest.Get($"/api/meta/forms/{id}/mapping")),
        "PUT /api/meta/forms/{formId}/mapping" => Gen.Select(PathSegment, HostileGen.Bytes(HostileGen.Body(() => new()
        {
            ["fields"] = "{\"budget\": \"x_budget\", \"interests\": \"tags\"}", ["team_id"] = "4", ["user_id"] = "5", ["repeat_policy"] = "\"link\"",
        })), (id, body) => new HostileRequest(HttpMethod.Put, $"/api/meta/forms/{id}/mapping", body, "application/json", null, Sign.None)),
        "POST /api/reports/send" => ApiBody("/api/reports/send", () => new() { ["report"] = "\"daily\"", ["language"] = "\"ar\"" }),
        _ when route.StartsWith("POST ", StringComparison.Ordinal) => ApiBody(route[5..], () => new() { ["x"] = "1" }),
        "GET /api/meta/campaigns" => QueryOf("/api/meta/campaigns", ["from", "to"]),
        "GET /api/analytics/attribution" => QueryOf("/api/analytics/attribution", ["from", "to", "level"]),
        _ => QueryOf(route[4..], LeadFilters),
    };

    private static Gen<HostileRequest> QueryOf(string path, string[] names) => HostileGen.Query(names).Select(q => HostileRequest.Get(path + q));

    private static Gen<HostileRequest> TestMark(Func<string, string> path) =>
        Gen.Select(PathSegment, HostileGen.Bytes(HostileGen.Body(() => new() { ["test"] = "true" })), (id, body) =>
            new HostileRequest(HttpMethod.Put, path(id), body, "application/json", null, Sign.None));

    private static Gen<HostileRequest> ApiBody(string path, Func<Dictionary<string, string>> template) =>
        Gen.Select(HostileGen.Bytes(HostileGen.Body(template)), Gen.Int[0, 9], (body, variant) =>
            HostileRequest.Post(path, body, variant == 0 ? "text/plain" : variant == 1 ? null : "application/json"));

    private static readonly Gen<string> PathSegment = Gen.OneOf(
        // No %00: the test client refuses a NUL in a path before sending it (Kestrel would answer 400 itself).
        Gen.OneOf("1", "-1", "0", "9223372036854775807", "9223372036854775808", "abc", "%ED%A0%80", "%FF", "1e5", "%2F..%2F", "00000000-0000-0000-0000-000000000000"),
        Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<string> OdooData = HostileGen.Body(Gen.Long[1, 1_000_000_000], id => new()
    {
        ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["name"] = "\"استفسار\"", ["partner_name"] = "\"أحمد\"", ["email_from"] = "\"a@example.com\"", ["stage_name"] = "\"New\"",
        ["expected_revenue"] = "50000", ["probability"] = "75", ["source_id"] = "\"Meta\"", ["stage_id"] = "[3, \"New\"]",
        ["write_date"] = "\"2024-01-08 10:30:00\"", ["create_date"] = "\"2024-01-08 10:00:00\"", ["amount_total"] = "100", ["state"] = "\"sale\"",
    });

    private static readonly Gen<string> OdooEvent = Gen.Select(OdooData, HostileGen.Body(() => new()
    {
        ["event"] = "\"lead_updated\"", ["timestamp"] = "\"2024-01-08T10:30:00\"", ["data"] = "{}",
    }), Gen.OneOf("lead_created", "lead_updated", "lead_deleted", "sale_order_created", "sale_order_updated"), (data, envelope, name) =>
        envelope.Replace("\"data\": {}", $"\"data\": {data}", StringComparison.Ordinal).Replace("\"lead_updated\"", $"\"{name}\"", StringComparison.Ordinal));

    private static readonly Gen<string> AutomationEvent = HostileGen.Body(Gen.Long[0, 1], model => new()
    {
        ["_model"] = model == 0 ? "\"crm.lead\"" : "\"sale.order\"", ["_id"] = "42", ["_action"] = "\"Send(#7)\"", ["name"] = "\"x\"", ["stage_id"] = "[1, \"New\"]",
    });

    private static readonly Gen<string> MetaNotification = Gen.Select(HostileGen.Body(Gen.Long[1, 1_000_000_000_000], id => new()
    {
        ["leadgen_id"] = $"\"{id}\"", ["page_id"] = "\"1234567890\"", ["form_id"] = "\"555\"",
        ["ad_id"] = "\"666\"", ["adgroup_id"] = "\"666\"", ["created_time"] = "1502121230",
    }), HostileGen.Value, Gen.Int[0, 5], (value, field, shape) => shape switch
    {
        0 => $$$"""{"object": "page", "entry": [{"id": "1234567890", "time": 1502121230, "changes": [{"field": {{{field}}}, "value": {{{value}}}}]}]}""",
        1 => $$$"""{"object": "page", "entry": {{{field}}}}""",
        _ => $$$"""{"object": "page", "entry": [{"id": "1234567890", "time": 1502121230, "changes": [{"field": "leadgen", "value": {{{value}}}}]}]}""",
    });

    /// <summary>Query tokens go through the URL as text; a lone surrogate cannot, so it becomes a replacement character.</summary>
    private static string Safe(string text) => new(text.Select(c => char.IsSurrogate(c) ? '\uFFFD' : c).Take(200).ToArray());

    public enum Sign
    {
        None,
        Odoo,
        Meta,
    }

    /// <summary>One generated request; signed the way its sender signs, just before it is sent.</summary>
    public sealed record HostileRequest(HttpMethod Method, string Url, byte[]? Body, string? ContentType, string? WebhookId, Sign Signer)
    {
        public static HostileRequest Get(string url) => new(HttpMethod.Get, url, null, null, null, Sign.None);

        public static HostileRequest Post(string url, byte[] body, string? contentType = "application/json", string? webhookId = null, Sign signer = Sign.None) =>
            new(HttpMethod.Post, url, body, contentType, webhookId, signer);

        public HttpRequestMessage Build()
        {
            var message = new HttpRequestMessage(Method, Url);
            if (Body is not null)
            {
                message.Content = new ByteArrayContent(Body);
                if (ContentType is not null)
                {
                    message.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
                }
            }

            if (Signer == Sign.Odoo)
            {
                var id = WebhookId ?? $"msg_{Guid.NewGuid():N}";
                var now = DateTimeOffset.UtcNow;
                message.Headers.Add("webhook-id", id);
                message.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                message.Headers.Add("webhook-signature", new StandardWebhook(TestSecrets.OdooWebhookSecret).Sign(id, now, Encoding.UTF8.GetString(Body!)));
                if (!Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body!)).AsSpan().SequenceEqual(Body))
                {
                    // The reference signer signs text; for bytes that are not UTF-8, sign the bytes themselves.
                    message.Headers.Remove("webhook-signature");
                    var key = Convert.FromBase64String(TestSecrets.OdooWebhookSecret["whsec_".Length..]);
                    message.Headers.Add("webhook-signature", GAssistant.Hub.Webhooks.StandardWebhookVerifier.Sign(key, id, now.ToUnixTimeSeconds(), Body));
                }
            }
            else if (Signer == Sign.Meta)
            {
                message.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(MetaTestHub.AppSecret), Body!)));
            }

            return message;
        }

        public override string ToString() =>
            $"{Method} {Url} [{ContentType}] {(Body is null ? "" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 400)))}";
    }
}

public sealed class HostileRequestPropertyTestsOnSqlite(SqliteHostileHub hub, ITestOutputHelper output)
    : HostileRequestPropertyTests(hub, output), IClassFixture<SqliteHostileHub>;

public sealed class HostileRequestPropertyTestsOnPostgres(PostgresHostileHub hub, ITestOutputHelper output)
    : HostileRequestPropertyTests(hub, output), IClassFixture<PostgresHostileHub>;
