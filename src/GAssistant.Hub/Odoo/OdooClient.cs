using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Odoo's external API. Speaks JSON-RPC (<c>/jsonrpc</c>: <c>common.version</c>, <c>common.authenticate</c>,
/// <c>object.execute_kw</c>; https://www.odoo.com/documentation/17.0/developer/reference/external_api.html)
/// to Odoo 16–18, and JSON-2 (<c>/json/2/&lt;model&gt;/&lt;method&gt;</c> with a bearer API key;
/// https://www.odoo.com/documentation/19.0/developer/reference/external_api.html) from 19 on, where
/// <c>/jsonrpc</c> is deprecated and later removed. Works on Community, Enterprise, Odoo.sh and Odoo
/// Online alike: it needs no addon.
/// </summary>
public sealed partial class OdooClient(HttpClient http, IOptionsMonitor<OdooOptions> options, OdooSession session, ILogger<OdooClient> logger)
{
    private static long _requestId;

    private OdooOptions Options => options.CurrentValue.IsConfigured
        ? options.CurrentValue
        : throw new InvalidOperationException("Odoo is not configured: set Odoo:Url, Odoo:Database, Odoo:Username and Odoo:ApiKey.");

    private string Server => $"{Options.Url}|{Options.Database}|{Options.Username}";

    /// <summary>Asks the server its version (no login needed) and remembers it.</summary>
    public async Task<OdooServerVersion> VersionAsync(CancellationToken cancellationToken)
    {
        OdooServerVersion version;
        try
        {
            version = OdooServerVersion.FromCommonVersion(await JsonRpcAsync("common", "version", [], isRead: true, cancellationToken));
        }
        catch (OdooException e) when (e.Kind == OdooErrorKind.EndpointMissing)
        {
            // /jsonrpc is removed after 19 (scheduled for Odoo 22); /web/version replaces common.version.
            using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint("/web/version"));
            OdooReadRequests.MarkRead(request);
            version = OdooServerVersion.FromWebVersion(await SendAsync(request, "web/version", cancellationToken));
        }

        session.Remember(Server, version: version);
        return version;
    }

    /// <summary>The user id for the configured login; throws <see cref="OdooErrorKind.BadCredentials"/> when refused.</summary>
    public async Task<long> AuthenticateAsync(CancellationToken cancellationToken)
    {
        var version = await KnownVersionAsync(cancellationToken);
        var o = Options;
        JsonElement result;
        if (version.HasJson2)
        {
            // JSON-2 has no login: the API key names the user (res.users/context_get answers its uid).
            result = await Json2Async(new OdooCall("res.users", "context_get"), cancellationToken);
            result = result.TryGetProperty("uid", out var uid) ? uid : result;
        }
        else
        {
            // A wrong login or password is not an error: authenticate answers false.
            result = await JsonRpcAsync("common", "authenticate", [o.Database, o.Username, o.ApiKey, new JsonObject()], isRead: true, cancellationToken);
        }

        if (result.ValueKind != JsonValueKind.Number)
        {
            session.ForgetUser();
            throw new OdooException(OdooErrorKind.BadCredentials,
                $"Odoo refused the login '{o.Username}' with the configured API key or password on database '{o.Database}'.");
        }

        var id = result.GetInt64();
        session.Remember(Server, uid: id);
        return id;
    }

    /// <summary>Calls a model method; reads are retried on transient failures, writes are sent once.</summary>
    public async Task<JsonElement> ExecuteAsync(OdooCall call, CancellationToken cancellationToken)
    {
        var version = await KnownVersionAsync(cancellationToken);
        if (version.HasJson2)
        {
            return await Json2Async(call, cancellationToken);
        }

        var uid = session.Uid(Server) ?? await AuthenticateAsync(cancellationToken);
        var o = Options;
        try
        {
            return await JsonRpcAsync("object", "execute_kw",
                [o.Database, uid, o.ApiKey, call.Model, call.Method, call.JsonRpcArgs(), call.JsonRpcKwargs()],
                call.IsRead, cancellationToken);
        }
        catch (OdooException e) when (e.Kind == OdooErrorKind.BadCredentials)
        {
            session.ForgetUser();
            throw;
        }
    }

    public async Task<IReadOnlyList<JsonElement>> SearchReadAsync(string model, JsonArray domain, IReadOnlyList<string> fields,
        string? order, int? limit, bool includeArchived, CancellationToken cancellationToken)
    {
        var keywords = new List<KeyValuePair<string, JsonNode?>> { new("fields", new JsonArray(fields.Select(f => (JsonNode?)f).ToArray())) };
        if (order is not null)
        {
            keywords.Add(new("order", order));
        }

        if (limit is not null)
        {
            keywords.Add(new("limit", limit.Value));
        }

        var result = await ExecuteAsync(new OdooCall(model, "search_read")
        {
            Positional = [new("domain", domain)],
            Keywords = keywords,
            IncludeArchived = includeArchived,
        }, cancellationToken);
        return [.. result.EnumerateArray()];
    }

    public async Task<IReadOnlyList<JsonElement>> ReadAsync(string model, long id, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(new OdooCall(model, "read")
        {
            Ids = [id],
            Keywords = [new("fields", new JsonArray(fields.Select(f => (JsonNode?)f).ToArray()))],
            IncludeArchived = true,
        }, cancellationToken);
        return [.. result.EnumerateArray()];
    }

    public async Task<long> SearchCountAsync(string model, JsonArray domain, bool includeArchived, CancellationToken cancellationToken) =>
        (await ExecuteAsync(new OdooCall(model, "search_count") { Positional = [new("domain", domain)], IncludeArchived = includeArchived }, cancellationToken)).GetInt64();

    /// <summary>Creates one record and answers its id. Sent once, never retried.</summary>
    public async Task<long> CreateAsync(string model, JsonObject values, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(new OdooCall(model, "create") { Positional = [new("vals_list", new JsonArray(values.DeepClone()))] }, cancellationToken);
        return result.ValueKind == JsonValueKind.Array ? result[0].GetInt64() : result.GetInt64();
    }

    public async Task WriteAsync(string model, long id, JsonObject values, CancellationToken cancellationToken) =>
        await ExecuteAsync(new OdooCall(model, "write") { Ids = [id], Positional = [new("vals", values.DeepClone())] }, cancellationToken);

    private async Task<OdooServerVersion> KnownVersionAsync(CancellationToken cancellationToken) =>
        session.Version(Server) ?? await VersionAsync(cancellationToken);

    private async Task<JsonElement> JsonRpcAsync(string service, string method, JsonArray args, bool isRead, CancellationToken cancellationToken)
    {
        var envelope = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "call",
            ["id"] = Interlocked.Increment(ref _requestId),
            ["params"] = new JsonObject { ["service"] = service, ["method"] = method, ["args"] = args },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint("/jsonrpc")) { Content = JsonContent.Create(envelope) };
        if (isRead)
        {
            OdooReadRequests.MarkRead(request);
        }

        var answer = await SendAsync(request, $"{service}.{method}", cancellationToken);
        if (answer.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "Odoo Server Error" : "Odoo Server Error";
            var failure = OdooException.FromErrorData(error.TryGetProperty("data", out var data) ? data : default, message);
            Log.CallFailed(logger, service, method, failure.Kind, failure.ErrorName);
            throw failure;
        }

        return answer.TryGetProperty("result", out var result) ? result : default;
    }

    private async Task<JsonElement> Json2Async(OdooCall call, CancellationToken cancellationToken)
    {
        var o = Options;
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint($"/json/2/{call.Model}/{call.Method}"))
        {
            Content = JsonContent.Create(call.Json2Body()),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", o.ApiKey);
        request.Headers.Add("X-Odoo-Database", o.Database);
        if (call.IsRead)
        {
            OdooReadRequests.MarkRead(request);
        }

        return await SendAsync(request, $"{call.Model}.{call.Method}", cancellationToken);
    }

    private Uri Endpoint(string path) => new(new Uri(Options.Url!.TrimEnd('/') + "/"), path.TrimStart('/'));

    /// <summary>Sends and parses; turns transport failures and JSON-2's 4xx/5xx error bodies into <see cref="OdooException"/>.</summary>
    private async Task<JsonElement> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        request.Headers.UserAgent.ParseAdd("GAssistantHub/1.0");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                      || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.Unreachable(logger, what, e.GetType().Name);
            throw new OdooException(OdooErrorKind.Unreachable, e is TimeoutRejectedException or TaskCanceledException
                ? $"Odoo at {Options.Url} did not answer within {Options.Timeout.TotalSeconds:0} s."
                : $"Cannot reach Odoo at {Options.Url}: {e.Message}", inner: e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var json = TryParse(body);
            if (response.IsSuccessStatusCode && json is { } ok)
            {
                return ok;
            }

            if (json is { ValueKind: JsonValueKind.Object } error && error.TryGetProperty("name", out _))
            {
                var failure = OdooException.FromErrorData(error, $"Odoo answered {(int)response.StatusCode}.");
                Log.CallFailed(logger, "json2", what, failure.Kind, failure.ErrorName);
                throw failure;
            }

            throw response.StatusCode switch
            {
                HttpStatusCode.NotFound => new OdooException(OdooErrorKind.EndpointMissing, $"{Options.Url} has no {request.RequestUri!.AbsolutePath} (is it an Odoo server?)."),
                HttpStatusCode.Unauthorized => new OdooException(OdooErrorKind.BadCredentials, "Odoo refused the API key."),
                >= HttpStatusCode.InternalServerError => new OdooException(OdooErrorKind.Unreachable, $"Odoo at {Options.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}."),
                _ => new OdooException(OdooErrorKind.ServerError, $"Odoo answered {(int)response.StatusCode} with something that is not JSON."),
            };
        }
    }

    private static JsonElement? TryParse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Odoo call {Service}.{Method} failed: {Kind} ({ErrorName})")]
        public static partial void CallFailed(ILogger logger, string service, string method, OdooErrorKind kind, string? errorName);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Odoo unreachable on {What}: {Error}")]
        public static partial void Unreachable(ILogger logger, string what, string error);
    }
}
