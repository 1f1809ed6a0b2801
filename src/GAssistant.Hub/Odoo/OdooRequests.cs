using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// The HTTP requests of Odoo's external APIs, built the way real Odoo reads them. Pure.
/// </summary>
public static class OdooRequests
{
    public const string UserAgent = "GAssistantHub/1.0";

    /// <summary><c>GET /web/version</c>: Odoo 19's replacement of <c>common.version</c>; no login, no database.</summary>
    public static HttpRequestMessage WebVersion(Uri server)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Endpoint(server, "web/version"));
        request.Headers.Accept.ParseAdd("application/json");
        return Read(request);
    }

    /// <summary>A JSON-RPC 2.0 <c>call</c> to <c>POST /jsonrpc</c> (https://www.odoo.com/documentation/17.0/developer/reference/external_api.html).</summary>
    public static HttpRequestMessage JsonRpc(Uri server, long id, string service, string method, JsonArray args, bool isRead)
    {
        var envelope = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "call",
            ["id"] = id,
            ["params"] = new JsonObject { ["service"] = service, ["method"] = method, ["args"] = args },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(server, "jsonrpc")) { Content = Body(envelope) };
        return isRead ? Read(request) : request;
    }

    /// <summary>
    /// <c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c> with the API key as bearer token and the database in
    /// <c>X-Odoo-Database</c> (https://www.odoo.com/documentation/19.0/developer/reference/external_api.html#request).
    /// </summary>
    public static HttpRequestMessage Json2(Uri server, string database, string apiKey, OdooCall call)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(server, $"json/2/{call.Model}/{call.Method}"))
        {
            Content = Body(call.Json2Body()),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", apiKey);
        request.Headers.Add("X-Odoo-Database", database);
        return call.IsRead ? Read(request) : request;
    }

    /// <summary>
    /// The JSON as bytes with <c>Content-Length</c> and <c>Content-Type: application/json; charset=utf-8</c>.
    /// Odoo 19's <c>Json2Dispatcher</c> reads the body only when the request has a Content-Length and
    /// otherwise calls the method with no arguments; a streamed (chunked) body such as
    /// <c>JsonContent</c> sends is ignored, and a <c>search_read</c> then drops its domain.
    /// </summary>
    public static ByteArrayContent Body(JsonNode json)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(json);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        content.Headers.ContentLength = bytes.Length;
        return content;
    }

    private static Uri Endpoint(Uri server, string path) => new(server, path);

    private static HttpRequestMessage Read(HttpRequestMessage request)
    {
        OdooReadRequests.MarkRead(request);
        return request;
    }
}
