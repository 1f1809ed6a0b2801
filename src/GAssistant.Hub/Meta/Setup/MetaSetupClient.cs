using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta.Setup;

/// <summary>
/// The Graph calls of connecting: each with the token it is about (a code being exchanged, a token not saved yet, a
/// Page token), never the configured one, sent once without retries and without touching <see cref="MetaConnection"/>,
/// so a failed try in Settings cannot stop the running connector. Every token carries its <c>appsecret_proof</c>
/// (https://developers.facebook.com/docs/graph-api/securing-requests#appsecret_proof). Errors are Meta's, as
/// <see cref="GraphApiException"/> (https://developers.facebook.com/docs/graph-api/guides/error-handling).
/// </summary>
public sealed class MetaSetupClient(HttpClient http, IOptionsMonitor<MetaOptions> options)
{
    /// <summary>
    /// The code from the Login dialog → a User (or, with a Login for Business configuration for system users, a
    /// business integration system user) access token: <c>GET /oauth/access_token?client_id&amp;redirect_uri&amp;client_secret&amp;code</c>
    /// (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#exchangecode).
    /// </summary>
    public async Task<MetaToken> ExchangeCodeAsync(string appId, string appSecret, string redirectUri, string code, CancellationToken cancellationToken) =>
        MetaToken.From(await GetAsync("oauth/access_token", new()
        {
            ["client_id"] = appId, ["redirect_uri"] = redirectUri, ["client_secret"] = appSecret, ["code"] = code,
        }, null, null, cancellationToken));

    /// <summary>
    /// A short-lived User token → a long-lived one (about 60 days): <c>grant_type=fb_exchange_token</c>
    /// (https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived).
    /// </summary>
    public async Task<MetaToken> ExchangeForLongLivedAsync(string appId, string appSecret, string token, CancellationToken cancellationToken) =>
        MetaToken.From(await GetAsync("oauth/access_token", new()
        {
            ["grant_type"] = "fb_exchange_token", ["client_id"] = appId, ["client_secret"] = appSecret, ["fb_exchange_token"] = token,
        }, null, null, cancellationToken));

    /// <summary><c>GET /debug_token?input_token=…</c> with the app token <c>{app-id}|{app-secret}</c> (https://developers.facebook.com/docs/graph-api/reference/debug_token).</summary>
    public async Task<MetaTokenInfo> DebugTokenAsync(string appId, string appSecret, string token, CancellationToken cancellationToken) =>
        MetaTokenInfo.From(await GetAsync("debug_token", new() { ["input_token"] = token }, $"{appId}|{appSecret}", appSecret, cancellationToken));

    /// <summary>The app itself (<c>GET /{app-id}</c> with its app token): proves the App ID and App Secret belong together.</summary>
    public async Task<string> AppNameAsync(string appId, string appSecret, CancellationToken cancellationToken)
    {
        var app = await GetAsync(Uri.EscapeDataString(appId), new() { ["fields"] = "id,name" }, $"{appId}|{appSecret}", appSecret, cancellationToken);
        return SetupJson.String(app, "name") ?? appId;
    }

    /// <summary><c>GET /me/permissions</c>: each permission <c>granted</c>, <c>declined</c> or <c>expired</c> (https://developers.facebook.com/docs/graph-api/reference/user/permissions).</summary>
    public async Task<IReadOnlyList<(string Permission, string Status)>> PermissionsAsync(string token, string appSecret, CancellationToken cancellationToken)
    {
        var list = new List<(string, string)>();
        await foreach (var item in GetAllAsync("me/permissions", new(), token, appSecret, cancellationToken))
        {
            list.Add((SetupJson.String(item, "permission") ?? "", SetupJson.String(item, "status") ?? ""));
        }

        return list;
    }

    /// <summary>
    /// <c>GET /me/accounts?fields=id,name,access_token,tasks</c>: the Pages the token can see, each with its Page token and
    /// the tasks the person may do on it, page after page (https://developers.facebook.com/docs/graph-api/reference/user/accounts).
    /// </summary>
    public async Task<IReadOnlyList<MetaPage>> PagesAsync(string token, string appSecret, CancellationToken cancellationToken)
    {
        var pages = new List<MetaPage>();
        await foreach (var item in GetAllAsync("me/accounts", new() { ["fields"] = "id,name,access_token,tasks", ["limit"] = "100" }, token, appSecret, cancellationToken))
        {
            pages.Add(MetaPage.From(item));
        }

        return pages;
    }

    /// <summary><c>GET /me/adaccounts</c> (https://developers.facebook.com/docs/graph-api/reference/user/adaccounts).</summary>
    public async Task<IReadOnlyList<MetaAdAccountChoice>> AdAccountsAsync(string token, string appSecret, CancellationToken cancellationToken)
    {
        var accounts = new List<MetaAdAccountChoice>();
        await foreach (var item in GetAllAsync("me/adaccounts", new() { ["fields"] = "id,account_id,name,currency,account_status", ["limit"] = "100" },
                           token, appSecret, cancellationToken))
        {
            accounts.Add(MetaAdAccountChoice.From(item));
        }

        return accounts;
    }

    /// <summary>
    /// <c>GET /{page-id}/subscribed_apps</c> with the Page token: the apps that get the Page's webhooks and their fields
    /// (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps#Reading).
    /// </summary>
    public async Task<IReadOnlyList<(string AppId, IReadOnlyList<string> Fields)>> SubscribedAppsAsync(string pageId, string pageToken, string appSecret,
        CancellationToken cancellationToken)
    {
        var apps = new List<(string, IReadOnlyList<string>)>();
        await foreach (var item in GetAllAsync($"{Uri.EscapeDataString(pageId)}/subscribed_apps", new(), pageToken, appSecret, cancellationToken))
        {
            var fields = item.TryGetProperty("subscribed_fields", out var f) && f.ValueKind == JsonValueKind.Array
                ? f.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
                : [];
            apps.Add((SetupJson.String(item, "id") ?? "", fields));
        }

        return apps;
    }

    /// <summary>
    /// <c>POST /{page-id}/subscribed_apps?subscribed_fields=leadgen</c> with the Page token; answers <c>{"success": true}</c>
    /// (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps#Creating). Safe to repeat.
    /// </summary>
    public async Task<bool> SubscribeAsync(string pageId, string pageToken, string appSecret, string fields, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Post, Build($"{Uri.EscapeDataString(pageId)}/subscribed_apps", new() { ["subscribed_fields"] = fields }, pageToken, appSecret),
            cancellationToken);
        return answer.TryGetProperty("success", out var success) && (success.ValueKind == JsonValueKind.True
            || (success.ValueKind == JsonValueKind.String && success.GetString() == "true"));
    }

    private Task<JsonElement> GetAsync(string path, Dictionary<string, string> query, string? token, string? appSecret, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, Build(path, query, token, appSecret), cancellationToken);

    private async IAsyncEnumerable<JsonElement> GetAllAsync(string path, Dictionary<string, string> query, string token, string appSecret,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var uri = Build(path, query, token, appSecret);
        for (var pages = 0; uri is not null && pages < 100; pages++)
        {
            var page = await SendAsync(HttpMethod.Get, uri, cancellationToken);
            if (page.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in data.EnumerateArray())
                {
                    yield return item;
                }
            }

            // The next page by its cursor, built here: the token goes only to the configured Graph host.
            uri = SetupJson.String(page.TryGetProperty("paging", out var paging) && paging.TryGetProperty("cursors", out var c) ? c : default, "after") is { } after
                  && paging.TryGetProperty("next", out _)
                ? Build(path, new Dictionary<string, string>(query) { ["after"] = after }, token, appSecret)
                : null;
        }
    }

    private Uri Build(string path, Dictionary<string, string> query, string? token, string? appSecret)
    {
        var o = options.CurrentValue;
        if (token is not null)
        {
            query["access_token"] = token;
            query["appsecret_proof"] = MetaSignature.AppSecretProof(appSecret ?? "", token);
        }

        var text = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return new Uri($"{o.GraphUrl.TrimEnd('/')}/{o.ApiVersion}/{path}?{text}");
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        HttpResponseMessage response;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.CurrentValue.Timeout);
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new GraphApiException($"Graph API could not be reached: {e.GetType().Name}", null, null, 502, GraphErrorKind.Transient, null, e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw GraphApiException.From((int)response.StatusCode, body, null);
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new GraphApiException("Graph API answered something that is not JSON.", null, null, (int)response.StatusCode, GraphErrorKind.Permanent, null, e);
            }
        }
    }
}
