using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Odoo's external API, on Community, Enterprise, Odoo.sh and Odoo Online alike (it needs no addon).
/// Odoo 19 on: JSON-2 (<c>/json/2/&lt;model&gt;/&lt;method&gt;</c> with a bearer API key; the version from
/// <c>GET /web/version</c>; https://www.odoo.com/documentation/19.0/developer/reference/external_api.html),
/// never <c>/jsonrpc</c>, which Odoo 19 logs as deprecated and "scheduled for removal in Odoo 20".
/// Odoo 16–18, and 19 when the configured secret is a password rather than an API key: JSON-RPC
/// (<c>/jsonrpc</c>: <c>common.version</c>, <c>common.authenticate</c>, <c>object.execute_kw</c>;
/// https://www.odoo.com/documentation/17.0/developer/reference/external_api.html).
/// </summary>
public sealed partial class OdooClient(HttpClient http, IOptionsMonitor<OdooOptions> options, OdooSession session, ILogger<OdooClient> logger)
{
    private static long _requestId;

    private OdooOptions Options => options.CurrentValue.IsConfigured
        ? options.CurrentValue
        : throw new InvalidOperationException("Odoo is not configured: set Odoo:Url, Odoo:Database, Odoo:Username and Odoo:ApiKey.");

    private string Server => $"{Options.Url}|{Options.Database}|{Options.Username}";

    private Uri BaseUri => new(Options.Url!.TrimEnd('/') + "/");

    /// <summary>
    /// Asks the server its version (no login needed) and remembers it: <c>GET /web/version</c>, which
    /// exists from Odoo 19; a 404 there means an older Odoo, asked with JSON-RPC <c>common.version</c>.
    /// </summary>
    public async Task<OdooServerVersion> VersionAsync(CancellationToken cancellationToken)
    {
        OdooServerVersion version;
        try
        {
            using var request = OdooRequests.WebVersion(BaseUri);
            version = OdooServerVersion.FromWebVersion(await SendAsync(request, "web/version", cancellationToken));
        }
        catch (OdooException e) when (e.Kind == OdooErrorKind.EndpointMissing)
        {
            version = OdooServerVersion.FromCommonVersion(await JsonRpcAsync("common", "version", [], isRead: true, cancellationToken));
        }

        session.Remember(Server, version: version);
        return version;
    }

    /// <summary>The server's version, asked once per server and remembered.</summary>
    public async Task<OdooServerVersion> ServerVersionAsync(CancellationToken cancellationToken) =>
        session.Version(Server) ?? await VersionAsync(cancellationToken);

    /// <summary>The login every call uses: remembered per server, authenticated only the first time (or after a refusal).</summary>
    public async Task<OdooLogin> LoginAsync(CancellationToken cancellationToken) => session.Login(Server) ?? await AuthenticateAsync(cancellationToken);

    /// <summary>Calls a model method; reads are retried on transient failures, writes are sent once.</summary>
    public async Task<JsonElement> ExecuteAsync(OdooCall call, CancellationToken cancellationToken)
    {
        var login = await LoginAsync(cancellationToken);
        var o = Options;
        try
        {
            if (login.Protocol == OdooProtocol.Json2)
            {
                using var request = OdooRequests.Json2(BaseUri, o.Database!, o.ApiKey!, call);
                return await SendAsync(request, $"{call.Model}.{call.Method}", cancellationToken);
            }

            return await JsonRpcAsync("object", "execute_kw",
                [o.Database, login.Uid, o.ApiKey, call.Model, call.Method, call.JsonRpcArgs(), call.JsonRpcKwargs()],
                call.IsRead, cancellationToken);
        }
        catch (OdooException e) when (e.Kind == OdooErrorKind.BadCredentials)
        {
            session.ForgetUser();
            throw;
        }
    }

    /// <summary>
    /// Logs in and answers the user id and the API that accepted the credentials; throws
    /// <see cref="OdooErrorKind.BadCredentials"/> when refused. On Odoo 19+, JSON-2 with the key as bearer
    /// token (<c>res.users/context_get</c> answers its user); when JSON-2 refuses it, the configured
    /// secret may be a password, which only JSON-RPC accepts. Before 19, JSON-RPC <c>common.authenticate</c>.
    /// </summary>
    public async Task<OdooLogin> AuthenticateAsync(CancellationToken cancellationToken)
    {
        var version = session.Version(Server) ?? await VersionAsync(cancellationToken);
        OdooException? refusedByJson2 = null;
        if (version.HasJson2)
        {
            try
            {
                return Remember(await Json2LoginAsync(cancellationToken));
            }
            catch (OdooException e) when (e.Kind == OdooErrorKind.BadCredentials)
            {
                Log.KeyRefusedByJson2(logger, version.Text);
                refusedByJson2 = e;
            }
        }

        var o = Options;
        JsonElement result;
        try
        {
            // A wrong login or password is not an error: authenticate answers false.
            result = await JsonRpcAsync("common", "authenticate", [o.Database, o.Username, o.ApiKey, new JsonObject()], isRead: true, cancellationToken);
        }
        catch (OdooException e) when (refusedByJson2 is not null && e.Kind == OdooErrorKind.EndpointMissing)
        {
            throw refusedByJson2; // an Odoo without /jsonrpc: the key is simply wrong
        }

        if (result.ValueKind != JsonValueKind.Number)
        {
            session.ForgetUser();
            throw new OdooException(OdooErrorKind.BadCredentials,
                $"Odoo refused the login '{o.Username}' with the configured API key or password on database '{o.Database}'.");
        }

        if (refusedByJson2 is not null)
        {
            Log.PasswordOverJsonRpc(logger, version.Text);
        }

        return Remember(new OdooLogin(result.GetInt64(), OdooProtocol.JsonRpc));
    }

    /// <summary>JSON-2 has no login: the API key names the user, and <c>res.users/context_get</c> answers its uid.</summary>
    private async Task<OdooLogin> Json2LoginAsync(CancellationToken cancellationToken)
    {
        var o = Options;
        using var request = OdooRequests.Json2(BaseUri, o.Database!, o.ApiKey!, new OdooCall("res.users", "context_get"));
        var context = await SendAsync(request, "res.users.context_get", cancellationToken);
        return context.ValueKind == JsonValueKind.Object && context.TryGetProperty("uid", out var uid) && uid.TryGetInt64(out var id)
            ? new OdooLogin(id, OdooProtocol.Json2)
            : throw new OdooException(OdooErrorKind.ServerError, "Odoo's res.users/context_get answered no uid.");
    }

    private OdooLogin Remember(OdooLogin login)
    {
        session.Remember(Server, login: login);
        return login;
    }

    private async Task<JsonElement> JsonRpcAsync(string service, string method, JsonArray args, bool isRead, CancellationToken cancellationToken)
    {
        using var request = OdooRequests.JsonRpc(BaseUri, Interlocked.Increment(ref _requestId), service, method, args, isRead);
        var answer = await SendAsync(request, $"{service}.{method}", cancellationToken);
        if (answer.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "Odoo Server Error" : "Odoo Server Error";
            var failure = OdooException.FromErrorData(error.TryGetProperty("data", out var data) ? data : default, message);
            Log.CallFailed(logger, $"{service}.{method}", failure.Kind, failure.ErrorName);
            throw failure;
        }

        return answer.TryGetProperty("result", out var result) ? result : default;
    }

    /// <summary>Sends and parses; turns transport failures and JSON-2's 4xx/5xx error bodies into <see cref="OdooException"/>.</summary>
    private async Task<JsonElement> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        request.Headers.UserAgent.ParseAdd(OdooRequests.UserAgent);
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

            var failure = OdooException.FromHttpAnswer(response.StatusCode, response.ReasonPhrase, json, request.RequestUri!, Options);
            if (request.Method != HttpMethod.Get || failure.Kind != OdooErrorKind.EndpointMissing)
            {
                Log.CallFailed(logger, what, failure.Kind, failure.ErrorName); // not Odoo ≤18's expected 404 on /web/version
            }

            throw failure;
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
        [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Odoo call {What} failed: {Kind} ({ErrorName})")]
        public static partial void CallFailed(ILogger logger, string what, OdooErrorKind kind, string? errorName);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Odoo unreachable on {What}: {Error}")]
        public static partial void Unreachable(ILogger logger, string what, string error);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Odoo {Version} refused Odoo:ApiKey as a JSON-2 API key; trying it as a password over JSON-RPC")]
        public static partial void KeyRefusedByJson2(ILogger logger, string version);

        [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Odoo {Version} accepted Odoo:ApiKey only as a password over JSON-RPC, which Odoo 19 deprecates and Odoo 20 removes: configure an API key (Preferences → Account Security)")]
        public static partial void PasswordOverJsonRpc(ILogger logger, string version);
    }
}
