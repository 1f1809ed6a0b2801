using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// Replays the exchanges recorded from one real Odoo series (Odoo/Fixtures/&lt;series&gt;). A request is
/// answered only when it equals a recorded one as that Odoo reads it: <c>/jsonrpc</c> by its
/// <c>params</c>; <c>/json/2/…</c> by path, bearer key, <c>X-Odoo-Database</c> and the body Odoo 19's
/// <c>Json2Dispatcher</c> would see (see <see cref="Json2Body"/>); a GET by its path. So a test passing
/// here proves the client sends what real Odoo was sent and understands what it answered. Anything else
/// is recorded in <see cref="Unmatched"/> and answered 500.
/// </summary>
public sealed class RecordedOdoo(string series = "17") : HttpMessageHandler
{
    private readonly IReadOnlyList<JsonObject> _fixtures = OdooFixtures.All(series);

    public ConcurrentQueue<string> Unmatched { get; } = new();

    public ConcurrentQueue<string> Served { get; } = new();

    /// <summary>The paths asked, in order ("GET /web/version", "POST /json/2/crm.lead/search_read", …).</summary>
    public ConcurrentQueue<string> Paths { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (method, path) = (request.Method.Method, request.RequestUri!.AbsolutePath);
        Paths.Enqueue($"{method} {path}");
        // The length as sent, before reading: a read buffers the content, and buffered content knows its length.
        var contentLength = Chunked(request) ? null : request.Content?.Headers.ContentLength;
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var (fixture, why) = method == "GET"
            ? (_fixtures.FirstOrDefault(f => Method(f) == "GET" && Path(f) == path), "no GET recorded")
            : path == "/jsonrpc" ? MatchJsonRpc(body)
            : MatchJson2(request, path, contentLength, body);
        if (fixture is null)
        {
            Unmatched.Enqueue($"{method} {path}: {why}");
            return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent($"no recorded exchange matches: {why}") };
        }

        Served.Enqueue(fixture["name"]!.GetValue<string>());
        var response = fixture["response"]!.DeepClone();
        if (response is JsonObject envelope && envelope.ContainsKey("jsonrpc"))
        {
            envelope["id"] = JsonNode.Parse(body!)!["id"]?.DeepClone();
        }

        var contentType = fixture["content_type"]?.GetValue<string>() ?? "application/json";
        var text = response is JsonValue value && contentType != "application/json" ? value.GetValue<string>() : response.ToJsonString();
        return new HttpResponseMessage((HttpStatusCode)fixture["http_status"]!.GetValue<int>())
        {
            Content = new StringContent(text, Encoding.UTF8, contentType),
        };
    }

    private (JsonObject? Fixture, string Why) MatchJsonRpc(byte[]? body)
    {
        var sent = body is { Length: > 0 } ? JsonNode.Parse(body)?["params"] : null;
        var fixture = _fixtures.FirstOrDefault(f => Path(f) == "/jsonrpc" && JsonNode.DeepEquals(f["request"]!["params"], sent));
        return (fixture, $"no JSON-RPC call recorded with params {sent?.ToJsonString()}");
    }

    private (JsonObject? Fixture, string Why) MatchJson2(HttpRequestMessage request, string path, long? contentLength, byte[]? body)
    {
        var seen = Json2Body(request.Content?.Headers.ContentType?.MediaType, contentLength, body);
        if (seen.Refusal is { } refusal)
        {
            return (null, refusal);
        }

        var authorization = request.Headers.Authorization?.ToString();
        var database = request.Headers.TryGetValues("X-Odoo-Database", out var values) ? values.Single() : null;
        var fixture = _fixtures.FirstOrDefault(f => Path(f) == path
            && f["headers"]?["Authorization"]?.GetValue<string>() == authorization
            && f["headers"]?["X-Odoo-Database"]?.GetValue<string>() == database
            && JsonNode.DeepEquals(RecordedBody(f), seen.Body));
        return (fixture, $"no JSON-2 call recorded with {authorization?.Split(' ')[0]} key, database {database} and the body Odoo reads, {seen.Body.ToJsonString()}");
    }

    /// <summary>
    /// What Odoo 19 reads of a JSON-2 request (odoo/http.py, <c>Json2Dispatcher</c>): a body with a
    /// Content-Length must be <c>application/json</c> (else 415); without a Content-Length (a chunked
    /// body) the body is not read at all; a JSON value that is not an object is dropped. Either way the
    /// method is then called with the parameters that are left.
    /// </summary>
    public static (JsonObject Body, string? Refusal) Json2Body(string? mediaType, long? contentLength, byte[]? body)
    {
        if (contentLength is null or 0 || body is null)
        {
            return ([], null);
        }

        if (mediaType != "application/json")
        {
            return ([], $"415: Odoo 19 serves a JSON-2 body only as application/json, not {mediaType}");
        }

        return contentLength != body.Length
            ? ([], $"Content-Length {contentLength} is not the body's {body.Length} bytes")
            : (JsonNode.Parse(body) as JsonObject ?? [], null);
    }

    private static JsonObject RecordedBody(JsonObject fixture) =>
        fixture["headers"]?["Transfer-Encoding"]?.GetValue<string>() == "chunked"
            ? []
            : fixture["request"]?.DeepClone() as JsonObject ?? [];

    private static bool Chunked(HttpRequestMessage request) => request.Headers.TransferEncodingChunked == true;

    private static string Method(JsonObject fixture) => fixture["method"]?.GetValue<string>() ?? "POST";

    private static string Path(JsonObject fixture) => fixture["path"]!.GetValue<string>();
}
