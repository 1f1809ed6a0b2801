using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Calls the Graph API with the configured token and its <c>appsecret_proof</c>. Each call names its
/// <see cref="GraphScope"/>: the feature whose permissions it needs and the use case and object whose rate limit it uses.
/// Errors are classified by code (<see cref="GraphApiException"/>): transient ones are retried with backoff and jitter; a
/// rate limit blocks only its use case and object (<see cref="GraphThrottle"/>) and is waited out, or handed back for a
/// later retry when longer than the scope's inline wait; a missing permission stops only its feature and a token error the
/// whole connector (<see cref="MetaConnection"/>); an expired version is reported (<see cref="MetaVersionWatch"/>), as is
/// Meta's <c>X-Ad-Api-Version-Warning</c>. Calls slow down as the usage headers approach 100%.
/// </summary>
public sealed partial class GraphClient(
    HttpClient http,
    IOptionsMonitor<MetaOptions> options,
    MetaConnection connection,
    MetaVersionWatch version,
    GraphThrottle throttle,
    TimeProvider clock,
    ILogger<GraphClient> logger)
{
    /// <summary>GET <c>/{version}/{path}</c> outside the hub's features (e.g. <c>/me</c>); the answer's root element (cloned).</summary>
    public Task<JsonElement> GetAsync(string path, IReadOnlyDictionary<string, string> query, CancellationToken cancellationToken) =>
        GetAsync(path, query, GraphScope.Platform, cancellationToken);

    public Task<JsonElement> GetAsync(string path, IReadOnlyDictionary<string, string> query, GraphScope scope, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, BuildUri(path, query), null, scope, cancellationToken);

    /// <summary>POST form fields to <c>/{version}/{path}</c> (used only for calls safe to repeat, e.g. starting a report run).</summary>
    public Task<JsonElement> PostAsync(string path, IReadOnlyDictionary<string, string> form, GraphScope scope, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, BuildUri(path, new Dictionary<string, string>()), form, scope, cancellationToken);

    /// <summary>
    /// POST form fields once, without retrying: for calls that are not safe to repeat here (sending Conversions API events),
    /// whose caller retries later (the outbox).
    /// </summary>
    public Task<JsonElement> PostOnceAsync(string path, IReadOnlyDictionary<string, string> form, GraphScope scope, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, BuildUri(path, new Dictionary<string, string>()), form, scope, cancellationToken, maxRetries: 0);

    /// <summary>Every item of an edge, page after page, following <c>paging.next</c>.</summary>
    public async IAsyncEnumerable<JsonElement> GetAllAsync(string path, IReadOnlyDictionary<string, string> query, GraphScope scope,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var uri = BuildUri(path, query);
        var pages = 0;
        while (uri is not null && pages++ < 10_000)
        {
            var page = await SendAsync(HttpMethod.Get, uri, null, scope, cancellationToken);
            if (page.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in data.EnumerateArray())
                {
                    yield return item;
                }
            }

            uri = NextPage(page);
        }
    }

    private Uri? NextPage(JsonElement page)
    {
        if (!page.TryGetProperty("paging", out var paging) || paging.ValueKind != JsonValueKind.Object
            || !paging.TryGetProperty("next", out var next) || next.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(next.GetString(), UriKind.Absolute, out var uri))
        {
            return null;
        }

        // The token goes only to the configured Graph host, whatever a response says.
        var graph = new Uri(options.CurrentValue.GraphUrl);
        if (!string.Equals(uri.Authority, graph.Authority, StringComparison.OrdinalIgnoreCase) || uri.Scheme != graph.Scheme)
        {
            throw new GraphApiException($"paging.next points to another host ({uri.Host}); not followed.", null, null, 200, GraphErrorKind.Permanent);
        }

        return WithCredentials(uri);
    }

    private Uri BuildUri(string path, IReadOnlyDictionary<string, string> query)
    {
        var o = options.CurrentValue;
        var text = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return WithCredentials(new Uri($"{o.GraphUrl.TrimEnd('/')}/{o.ApiVersion}/{path.TrimStart('/')}?{text}"));
    }

    private Uri WithCredentials(Uri uri)
    {
        var o = options.CurrentValue;
        var token = o.AccessToken ?? "";
        var query = uri.Query.TrimStart('?');
        var parts = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("access_token=", StringComparison.Ordinal) && !p.StartsWith("appsecret_proof=", StringComparison.Ordinal))
            .Append("access_token=" + Uri.EscapeDataString(token))
            .Append("appsecret_proof=" + MetaSignature.AppSecretProof(o.AppSecret ?? "", token));
        return new UriBuilder(uri) { Query = string.Join('&', parts) }.Uri;
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, Uri uri, IReadOnlyDictionary<string, string>? form, GraphScope scope,
        CancellationToken cancellationToken, int? maxRetries = null)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
        {
            throw new InvalidOperationException("Meta is not configured: set Meta:AccessToken and Meta:AppSecret.");
        }

        for (var attempt = 1; ; attempt++)
        {
            if (connection.NeedsReconnecting)
            {
                throw new MetaNeedsReconnectingException("The Meta connector is stopped until a new Meta:AccessToken is configured.");
            }

            if (scope.Feature is { } feature && !connection.TryCall(feature, out var block))
            {
                throw new GraphApiException($"{feature} is stopped until Meta grants {string.Join(", ", block!.Missing)}; checked again at {block.RecheckAt:u}.",
                    null, null, 403, GraphErrorKind.PermissionMissing) { NamedPermissions = block.Missing };
            }

            await throttle.WaitTurnAsync(scope, o.RetryDelay, scope.MaxInlineWait ?? o.MaxInlineWait, cancellationToken);
            var (result, failure, usage) = await TryOnceAsync(method, uri, form, scope, cancellationToken);
            if (result is { } answer)
            {
                connection.Succeeded(scope);
                return answer;
            }

            switch (failure!.Kind)
            {
                case GraphErrorKind.NeedsReconnecting:
                    connection.Disconnect(failure);
                    Log.Disconnected(logger, failure.Code, failure.Subcode);
                    throw failure;
                case GraphErrorKind.PermissionMissing when scope.Feature is { } stopped:
                    connection.PermissionMissing(stopped, failure);
                    Log.PermissionMissing(logger, stopped, failure.Code, string.Join(", ", failure.NamedPermissions));
                    throw failure;
                case GraphErrorKind.VersionExpired:
                    version.Refused(failure.Message);
                    throw failure;
                case GraphErrorKind.PermissionMissing or GraphErrorKind.Permanent:
                    throw failure;
                case GraphErrorKind.RateLimited:
                    var key = failure.BlockedBy(scope);
                    var regain = usage.RegainAccessFor(key);
                    var wait = regain > TimeSpan.Zero ? regain
                        : failure.RetryAfter is { } after && after > TimeSpan.Zero ? after : Backoff(o.RateLimitWait, attempt);
                    throttle.Block(key, wait);
                    Log.RateLimited(logger, failure.Code, failure.Subcode, key.ToString(), wait);
                    if (wait > (scope.MaxInlineWait ?? o.MaxInlineWait))
                    {
                        // Too long to wait here: Meta's own error goes back with the time to try again.
                        throw new GraphApiException(failure.Message, failure.Code, failure.Subcode, failure.HttpStatus, failure.Kind, wait, failure);
                    }

                    break;
            }

            if (attempt > (maxRetries ?? o.MaxRetries))
            {
                throw failure;
            }

            var delay = failure.Kind == GraphErrorKind.Transient ? Backoff(o.RetryDelay, attempt) : TimeSpan.Zero;
            Log.Retrying(logger, failure.Code, failure.Kind, attempt, delay);
            await Task.Delay(delay, clock, cancellationToken);
        }
    }

    private async Task<(JsonElement? Result, GraphApiException? Failure, GraphUsage Usage)> TryOnceAsync(
        HttpMethod method, Uri uri, IReadOnlyDictionary<string, string>? form, GraphScope scope, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.CurrentValue.Timeout);
            using var response = await http.SendAsync(request, timeout.Token);
            string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
            var usage = GraphUsage.Read(Header, scope);
            throttle.Observe(usage);
            version.ObserveWarning(Header("X-Ad-Api-Version-Warning"));
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                using var document = JsonDocument.Parse(body);
                return (document.RootElement.Clone(), null, usage);
            }

            return (null, GraphApiException.From((int)response.StatusCode, body, RetryAfterHeader(response)), usage);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A dropped connection, a timeout or a garbled answer: worth another try. The URL (it holds the token) is never logged.
            return (null, new GraphApiException($"Graph API call failed: {ex.GetType().Name}", null, null, (int)HttpStatusCode.BadGateway, GraphErrorKind.Transient, null, ex),
                GraphUsage.None);
        }
    }

    private static TimeSpan? RetryAfterHeader(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta;

    /// <summary>Exponential backoff with ±20% jitter.</summary>
    public static TimeSpan Backoff(TimeSpan first, int attempt) =>
        first * Math.Pow(2, Math.Clamp(attempt - 1, 0, 10)) * (0.8 + (0.4 * Random.Shared.NextDouble()));

    private static partial class Log
    {
        [LoggerMessage(EventId = 2721, Level = LogLevel.Warning, Message = "Graph API error {Code} ({Kind}) on attempt {Attempt}; retrying in {Delay}")]
        public static partial void Retrying(ILogger logger, int? code, GraphErrorKind kind, int attempt, TimeSpan delay);

        [LoggerMessage(EventId = 2722, Level = LogLevel.Error, Message = "Meta refused the access token (error {Code}/{Subcode}); the Meta connector is stopped until it is reconnected")]
        public static partial void Disconnected(ILogger logger, int? code, int? subcode);

        [LoggerMessage(EventId = 2853, Level = LogLevel.Error, Message = "Meta refused {Feature} for a missing permission (error {Code}; named: {Permissions}); {Feature} is stopped, the rest goes on")]
        public static partial void PermissionMissing(ILogger logger, MetaFeature feature, int? code, string permissions);

        [LoggerMessage(EventId = 2854, Level = LogLevel.Warning, Message = "Meta rate limit {Code}/{Subcode}: {Key} blocked for {Wait}")]
        public static partial void RateLimited(ILogger logger, int? code, int? subcode, string key, TimeSpan wait);
    }
}
