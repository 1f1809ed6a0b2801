using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// Meta's side of connecting, from its documented shapes: the Login dialog's redirect with <c>code</c> and <c>state</c>
/// (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow), <c>/oauth/access_token</c> with a
/// code (single use, expiring: error 100/36007 "This authorization code has expired.", 36009 "…has been used.") and with
/// <c>fb_exchange_token</c> (https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived),
/// <c>/debug_token</c> (https://developers.facebook.com/docs/graph-api/reference/debug_token), <c>/me/permissions</c>
/// with granted and declined permissions (https://developers.facebook.com/docs/graph-api/reference/user/permissions),
/// <c>/me/accounts</c> with Page tokens, tasks and cursor paging (https://developers.facebook.com/docs/graph-api/reference/user/accounts),
/// <c>/me/adaccounts</c>, <c>/{page-id}/subscribed_apps</c> GET and POST with the Page token
/// (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps; error 200 for a Page the person
/// cannot moderate) and <c>/{app-id}</c> with the app token. Every token must come with its <c>appsecret_proof</c>.
/// Other paths go to <see cref="Others"/> (the lead and insights double).
/// </summary>
public sealed class MetaLoginDouble(string appId, string appSecret, Func<HttpRequestMessage, Task<HttpResponseMessage>>? others = null, int pageSize = 2)
{
    public const string AppName = "G-Assistant Hub (test)";
    public const string UserId = "10158000000000001";

    private readonly ConcurrentDictionary<string, CodeGrant> _codes = new(StringComparer.Ordinal);

    public sealed record CodeGrant(string RedirectUri, IReadOnlyList<string> Granted, IReadOnlyList<string> Declined, DateTimeOffset Expires)
    {
        public bool Used { get; set; }
    }

    public sealed record TokenGrant(string Type, IReadOnlyList<string> Granted, IReadOnlyList<string> Declined, DateTimeOffset? Expires);

    public sealed record Page(string Id, string Name, string[] Tasks)
    {
        public string Token => $"EAAPage{Id}";
    }

    /// <summary>Tokens Meta issued, and what each may do.</summary>
    public ConcurrentDictionary<string, TokenGrant> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>The Pages the person (every user token here) can see, in /me/accounts order.</summary>
    public List<Page> Pages { get; } = [];

    public List<JsonObject> AdAccounts { get; } = [];

    /// <summary>Apps subscribed to each Page and their fields, as GET /{page-id}/subscribed_apps lists them.</summary>
    public ConcurrentDictionary<string, Dictionary<string, List<string>>> Subscriptions { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Requests { get; } = new();

    public Func<HttpRequestMessage, Task<HttpResponseMessage>>? Others { get; set; } = others;

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The person consents in the dialog: Meta redirects to <paramref name="redirectUri"/> with a code for what was granted.</summary>
    public string Authorize(string redirectUri, string state, IReadOnlyList<string> granted, IReadOnlyList<string>? declined = null, TimeSpan? lifetime = null)
    {
        var code = "AQD" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new CodeGrant(redirectUri, granted, declined ?? [], Clock.GetUtcNow() + (lifetime ?? TimeSpan.FromMinutes(10)));
        var separator = redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{redirectUri}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}#_=_";
    }

    /// <summary>A system user token pasted by the administrator: never expires.</summary>
    public string SystemUserToken(IReadOnlyList<string> granted)
    {
        var token = "EAASystem" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        Tokens[token] = new TokenGrant("SYSTEM_USER", granted, [], null);
        return token;
    }

    public async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var parts = uri.AbsolutePath.Trim('/').Split('/');
        var path = string.Join('/', parts.Skip(1));
        var query = HttpUtility.ParseQueryString(uri.Query);
        Requests.Enqueue($"{request.Method} {path}");
        switch (path)
        {
            case "oauth/access_token":
                return query["grant_type"] == "fb_exchange_token" ? Exchange(query) : Code(query);
            case "debug_token":
                return DebugToken(query);
        }

        if (path == appId)
        {
            return query["access_token"] == $"{appId}|{appSecret}"
                ? Json(HttpStatusCode.OK, new JsonObject { ["id"] = appId, ["name"] = AppName })
                : Error(HttpStatusCode.BadRequest, 190, "Invalid OAuth access token signature.");
        }

        var token = query["access_token"];
        if (token is null || (!Tokens.ContainsKey(token) && !Pages.Any(p => p.Token == token)))
        {
            return Others is not null ? await Others(request) : Error(HttpStatusCode.BadRequest, 190, "Invalid OAuth access token - Cannot parse access token");
        }

        if (query["appsecret_proof"] != Proof(token))
        {
            return Error(HttpStatusCode.BadRequest, 100, "Invalid appsecret_proof provided in the API argument", type: "GraphMethodException");
        }

        if (Tokens.TryGetValue(token, out var grant) && grant.Expires is { } expires && expires < Clock.GetUtcNow())
        {
            return Error(HttpStatusCode.BadRequest, 190, "Error validating access token: Session has expired.", 463);
        }

        return (path, parts.Length > 2 ? parts[2] : "") switch
        {
            ("me/permissions", _) when grant is null => Error(HttpStatusCode.BadRequest, 100, "(#100) Tried accessing nonexisting field (permissions) on node type (Page)"),
            ("me/permissions", _) => Json(HttpStatusCode.OK, new JsonObject
            {
                ["data"] = new JsonArray([.. grant!.Granted.Select(p => Permission(p, "granted")), .. grant.Declined.Select(p => Permission(p, "declined"))]),
            }),
            ("me/accounts", _) => Paged(path, query, [.. Pages.Select(p => new JsonObject
            {
                ["access_token"] = p.Token, ["category"] = "Local business", ["name"] = p.Name, ["id"] = p.Id,
                ["tasks"] = new JsonArray([.. p.Tasks.Select(t => (JsonNode)t)]),
            })]),
            ("me/adaccounts", _) => Paged(path, query, [.. AdAccounts.Select(a => (JsonObject)a.DeepClone())]),
            (_, "subscribed_apps") => await SubscribedAppsAsync(request, parts[1], token),
            _ => Others is not null ? await Others(request) : Error(HttpStatusCode.BadRequest, 100, $"Unsupported get request. Object with ID '{parts[1]}' does not exist", 33, "GraphMethodException"),
        };
    }

    private HttpResponseMessage Code(System.Collections.Specialized.NameValueCollection query)
    {
        if (query["client_id"] != appId || query["client_secret"] != appSecret)
        {
            return Error(HttpStatusCode.BadRequest, 1, "Error validating client secret.");
        }

        if (!_codes.TryGetValue(query["code"] ?? "", out var code))
        {
            return Error(HttpStatusCode.BadRequest, 100, "Invalid verification code format.");
        }

        if (code.Used)
        {
            return Error(HttpStatusCode.BadRequest, 100, "This authorization code has been used.", 36009);
        }

        if (code.Expires < Clock.GetUtcNow())
        {
            return Error(HttpStatusCode.BadRequest, 100, "This authorization code has expired.", 36007);
        }

        if (query["redirect_uri"] != code.RedirectUri)
        {
            return Error(HttpStatusCode.BadRequest, 100, "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request", 36008);
        }

        code.Used = true;
        var token = "EAAShort" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        Tokens[token] = new TokenGrant("USER", code.Granted, code.Declined, Clock.GetUtcNow().AddHours(2));
        return Json(HttpStatusCode.OK, new JsonObject { ["access_token"] = token, ["token_type"] = "bearer", ["expires_in"] = 7200 });
    }

    private HttpResponseMessage Exchange(System.Collections.Specialized.NameValueCollection query)
    {
        if (query["client_id"] != appId || query["client_secret"] != appSecret)
        {
            return Error(HttpStatusCode.BadRequest, 1, "Error validating client secret.");
        }

        if (!Tokens.TryGetValue(query["fb_exchange_token"] ?? "", out var grant) || grant.Expires < Clock.GetUtcNow())
        {
            return Error(HttpStatusCode.BadRequest, 190, "Error validating access token: Session has expired.", 463);
        }

        var token = "EAALong" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        Tokens[token] = grant with { Expires = Clock.GetUtcNow().AddDays(60) };
        return Json(HttpStatusCode.OK, new JsonObject { ["access_token"] = token, ["token_type"] = "bearer", ["expires_in"] = 5183944 });
    }

    private HttpResponseMessage DebugToken(System.Collections.Specialized.NameValueCollection query)
    {
        if (query["access_token"] != $"{appId}|{appSecret}")
        {
            return Error(HttpStatusCode.BadRequest, 190, "Invalid OAuth access token signature.");
        }

        var input = query["input_token"] ?? "";
        if (!Tokens.TryGetValue(input, out var grant))
        {
            // Meta answers 200 with is_valid false and the reason.
            return Json(HttpStatusCode.OK, new JsonObject
            {
                ["data"] = new JsonObject
                {
                    ["error"] = new JsonObject { ["code"] = 190, ["message"] = "Invalid OAuth access token." },
                    ["is_valid"] = false, ["scopes"] = new JsonArray(),
                },
            });
        }

        var now = Clock.GetUtcNow();
        return Json(HttpStatusCode.OK, new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["app_id"] = appId, ["type"] = grant.Type, ["application"] = AppName,
                ["data_access_expires_at"] = now.AddDays(90).ToUnixTimeSeconds(),
                ["expires_at"] = grant.Expires?.ToUnixTimeSeconds() ?? 0,
                ["is_valid"] = grant.Expires is null || grant.Expires > now,
                ["issued_at"] = now.ToUnixTimeSeconds(),
                ["scopes"] = new JsonArray([.. grant.Granted.Select(s => (JsonNode)s)]),
                ["user_id"] = UserId,
            },
        });
    }

    private async Task<HttpResponseMessage> SubscribedAppsAsync(HttpRequestMessage request, string pageId, string token)
    {
        var page = Pages.SingleOrDefault(p => p.Id == pageId);
        if (page is null || page.Token != token)
        {
            return Error(HttpStatusCode.BadRequest, 190, "(#190) This method must be called with a Page Access Token");
        }

        var apps = Subscriptions.GetOrAdd(pageId, _ => []);
        if (request.Method == HttpMethod.Post)
        {
            if (!page.Tasks.Contains("MODERATE") && !page.Tasks.Contains("MANAGE"))
            {
                return Error(HttpStatusCode.Forbidden, 200, "(#200) The user must be an admin, editor, or moderator of the page in order to impersonate it.", type: "OAuthException");
            }

            var fields = HttpUtility.ParseQueryString(request.RequestUri!.Query)["subscribed_fields"] ?? "";
            lock (apps)
            {
                apps[appId] = [.. fields.Split(',', StringSplitOptions.RemoveEmptyEntries)];
            }

            return Json(HttpStatusCode.OK, new JsonObject { ["success"] = true });
        }

        await Task.CompletedTask;
        lock (apps)
        {
            return Json(HttpStatusCode.OK, new JsonObject
            {
                ["data"] = new JsonArray([.. apps.Select(a => (JsonNode)new JsonObject
                {
                    ["category"] = "Business", ["link"] = "https://example.com/", ["name"] = a.Key == appId ? AppName : "Other app", ["id"] = a.Key,
                    ["subscribed_fields"] = new JsonArray([.. a.Value.Select(f => (JsonNode)f)]),
                })]),
            });
        }
    }

    private HttpResponseMessage Paged(string path, System.Collections.Specialized.NameValueCollection query, List<JsonObject> rows)
    {
        // Cursors are opaque strings to the client; "after" here is the offset, base64 like Meta's.
        var after = query["after"] is { } cursor ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor))) : 0;
        var slice = rows.Skip(after).Take(pageSize).Select(r => (JsonNode)r).ToArray();
        var page = new JsonObject
        {
            ["data"] = new JsonArray(slice),
            ["paging"] = new JsonObject
            {
                ["cursors"] = new JsonObject
                {
                    ["before"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(after.ToString())),
                    ["after"] = Convert.ToBase64String(Encoding.UTF8.GetBytes((after + slice.Length).ToString())),
                },
            },
        };
        if (after + slice.Length < rows.Count)
        {
            page["paging"]!["next"] = $"https://{GraphApiDouble.Host}/{GraphApiDouble.Version}/{path}?after={Uri.EscapeDataString(page["paging"]!["cursors"]!["after"]!.GetValue<string>())}";
        }

        return Json(HttpStatusCode.OK, page);
    }

    private string Proof(string token) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(token)));

    private static JsonObject Permission(string name, string status) => new() { ["permission"] = name, ["status"] = status };

    private static HttpResponseMessage Error(HttpStatusCode status, int code, string message, int? subcode = null, string type = "OAuthException") =>
        new(status) { Content = new StringContent(GraphApiDouble.Error(code, message, subcode, type), Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}
