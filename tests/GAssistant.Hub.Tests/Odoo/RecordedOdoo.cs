using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// Replays the recorded fixtures: a request is answered only when its JSON-RPC <c>params</c> equal a
/// recorded request's exactly, so a test passing here proves the client sends what real Odoo 17 was
/// sent and understands what it answered. Anything else is recorded in <see cref="Unmatched"/> and fails.
/// </summary>
public sealed class RecordedOdoo : HttpMessageHandler
{
    private readonly IReadOnlyList<JsonObject> _fixtures = OdooFixtures.All();

    public ConcurrentQueue<string> Unmatched { get; } = new();

    public ConcurrentQueue<string> Served { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
        var fixture = request.RequestUri!.AbsolutePath == "/jsonrpc"
            ? _fixtures.FirstOrDefault(f => JsonNode.DeepEquals(f["request"]!["params"], body["params"]))
            : null;
        if (fixture is null)
        {
            Unmatched.Enqueue($"{request.RequestUri.AbsolutePath} {body["params"]?.ToJsonString()}");
            return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("no recorded exchange matches") };
        }

        Served.Enqueue(fixture["name"]!.GetValue<string>());
        var response = fixture["response"]!.DeepClone().AsObject();
        response["id"] = body["id"]?.DeepClone();
        return new HttpResponseMessage((HttpStatusCode)fixture["http_status"]!.GetValue<int>())
        {
            Content = new StringContent(response.ToJsonString(), Encoding.UTF8, "application/json"),
        };
    }
}
