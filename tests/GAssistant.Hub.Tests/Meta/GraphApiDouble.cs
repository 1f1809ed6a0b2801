using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using GAssistant.Hub.Meta;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// A Graph API double at <c>https://graph.facebook.test</c>, answering with the shapes Meta documents:
/// leads (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving), a Page's
/// <c>leadgen_forms</c> and a form's <c>leads</c> with cursor paging
/// (https://developers.facebook.com/docs/graph-api/results), insights and campaigns
/// (https://developers.facebook.com/docs/marketing-api/insights), errors
/// (https://developers.facebook.com/docs/graph-api/guides/error-handling). It checks <c>appsecret_proof</c>
/// like Meta does (error 100 when it does not match). A call made with another version is refused as Meta refuses an expired
/// one (<c>(#2635) You are calling a deprecated version of the Ads API</c>), unless the version is listed in
/// <see cref="AutoUpgraded"/>: then it is answered with the <c>X-Ad-Api-Version-Warning</c> header
/// (https://developers.facebook.com/docs/marketing-api/overview/versioning#version-auto-upgrade).
/// </summary>
public sealed class GraphApiDouble(string appSecret, string accessToken, int pageSize = 2)
{
    public const string Host = "graph.facebook.test";
    public const string Version = MetaApiVersions.Default;

    /// <summary>Leads by id, in the shape of <c>GET /{leadgen_id}</c>.</summary>
    public ConcurrentDictionary<string, JsonObject> Leads { get; } = new();

    /// <summary>Forms per Page; leads per form (ids).</summary>
    public ConcurrentDictionary<string, List<string>> FormsByPage { get; } = new();
    public ConcurrentDictionary<string, List<string>> LeadsByForm { get; } = new();

    /// <summary>
    /// Answers for other paths (<c>act_1/campaigns</c>…): a list of rows, paged like the others. Insights at a level other
    /// than campaign are kept under the path and level (<c>act_1/insights?level=ad</c>), insights with breakdowns under the
    /// path and breakdowns (<c>act_1/insights?breakdowns=publisher_platform,platform_position</c>); a level or breakdown
    /// without rows answers an empty page, as Meta does for an account with no delivery.
    /// </summary>
    public ConcurrentDictionary<string, List<JsonObject>> Edges { get; } = new();

    /// <summary>Whole answers for a path (an object such as <c>act_1</c> with its currency).</summary>
    public ConcurrentDictionary<string, JsonObject> Objects { get; } = new();

    /// <summary>Answers computed per request (an async report run whose status moves on).</summary>
    public ConcurrentDictionary<string, Func<JsonObject>> Computed { get; } = new();

    /// <summary>Errors answered, in order, before the normal answer, per path ("" = any path).</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<(HttpStatusCode Status, string Body, Dictionary<string, string> Headers)>> Failures { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Headers added to every answer (usage headers, for instance).</summary>
    public ConcurrentDictionary<string, string> ResponseHeaders { get; } = new();

    /// <summary>Deprecated versions Meta still answers by upgrading the call (all others but <see cref="Version"/> get 2635).</summary>
    public ConcurrentDictionary<string, bool> AutoUpgraded { get; } = new();

    /// <summary>A form's test leads (<c>GET /{form_id}/test_leads</c>), by lead id; the leads themselves are in <see cref="Leads"/>.</summary>
    public ConcurrentDictionary<string, List<string>> TestLeadsByForm { get; } = new();

    /// <summary>A POST handler (async report runs), by path.</summary>
    public ConcurrentDictionary<string, Func<Dictionary<string, string>, JsonObject>> Posts { get; } = new();

    public static string Error(int code, string message, int? subcode = null, string type = "OAuthException") =>
        new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message, ["type"] = type, ["code"] = code,
                ["error_subcode"] = subcode, ["fbtrace_id"] = "AbCdEf123",
            },
        }.ToJsonString();

    public void Fail(string path, HttpStatusCode status, string body, Dictionary<string, string>? headers = null) =>
        Failures.GetOrAdd(path, _ => new()).Enqueue((status, body, headers ?? []));

    /// <summary>Thrown by a <see cref="Posts"/> handler to answer with a Graph error instead.</summary>
    public sealed class RefusalException(HttpStatusCode status, string body) : Exception("The double refuses the request.")
    {
        public HttpStatusCode Status { get; } = status;
        public string Body { get; } = body;
    }

    /// <summary>
    /// A lead as the documented example, with the attribution fields asked for; each lead a person of its own (email and
    /// phone made from its id) unless the test gives the email.
    /// </summary>
    public JsonObject AddLead(string id, string formId, string? campaignId, string? campaignName, string platform = "fb",
        string fullName = "Joe Example", string? email = null, string created = "2015-02-28T08:49:14+0000", bool organic = false,
        (string Key, bool Checked)[]? consents = null)
    {
        var digits = new string(id.Where(char.IsAsciiDigit).ToArray()).PadLeft(7, '0');
        email ??= $"joe.{id}@example.com";
        var lead = new JsonObject
        {
            ["created_time"] = created, ["id"] = id, ["form_id"] = formId, ["platform"] = platform, ["is_organic"] = organic,
            ["field_data"] = new JsonArray(
                new JsonObject { ["name"] = "full_name", ["values"] = new JsonArray(fullName) },
                new JsonObject { ["name"] = "email", ["values"] = new JsonArray(email) },
                new JsonObject { ["name"] = "phone_number", ["values"] = new JsonArray("+96655" + digits[^7..]) },
                new JsonObject { ["name"] = "car_make", ["values"] = new JsonArray("Honda") }),
        };
        if (campaignId is not null)
        {
            lead["ad_id"] = $"ad{campaignId}";
            lead["ad_name"] = "Ad " + campaignName;
            lead["adset_id"] = $"as{campaignId}";
            lead["adset_name"] = "Ad set " + campaignName;
            lead["campaign_id"] = campaignId;
            lead["campaign_name"] = campaignName;
        }

        if (consents is not null)
        {
            // https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving#reading-custom-disclaimer-responses:
            // is_checked is a string, "1" when ticked and "" when not.
            lead["custom_disclaimer_responses"] = new JsonArray(consents.Select(c =>
                (JsonNode)new JsonObject { ["checkbox_key"] = c.Key, ["is_checked"] = c.Checked ? "1" : "" }).ToArray());
        }

        Leads[id] = lead;
        LeadsByForm.GetOrAdd(formId, _ => []).Add(id);
        return lead;
    }

    public async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request)
    {
        var response = await AnswerAsync(request);
        foreach (var (name, value) in ResponseHeaders)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var path = uri.AbsolutePath.TrimStart('/');
        Requests.Enqueue($"{request.Method} {path}");
        var version = path.Split('/')[0];
        string? warning = null;
        if (version != Version)
        {
            if (!AutoUpgraded.ContainsKey(version))
            {
                return Json(HttpStatusCode.BadRequest, Error(2635,
                    $"(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: {Version}.", type: "OAuthException"));
            }

            warning = $"'The call has been auto-upgraded to {Version} as {version} has been deprecated'";
        }

        path = path[(version.Length + 1)..];
        var answer = await AnswerCurrentAsync(request, uri, path);
        if (warning is not null)
        {
            answer.Headers.TryAddWithoutValidation("X-Ad-Api-Version-Warning", warning);
        }

        return answer;
    }

    private async Task<HttpResponseMessage> AnswerCurrentAsync(HttpRequestMessage request, Uri uri, string path)
    {
        var query = HttpUtility.ParseQueryString(uri.Query);
        var proof = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(query["access_token"] ?? "")));
        if (query["access_token"] != accessToken || query["appsecret_proof"] != proof)
        {
            return Json(HttpStatusCode.BadRequest, Error(100, "Invalid appsecret_proof provided in the API argument", type: "GraphMethodException"));
        }

        foreach (var key in new[] { path, "" })
        {
            if (Failures.TryGetValue(key, out var queue) && queue.TryDequeue(out var failure))
            {
                var response = Json(failure.Status, failure.Body);
                foreach (var (name, value) in failure.Headers)
                {
                    response.Headers.TryAddWithoutValidation(name, value);
                }

                return response;
            }
        }

        if (request.Method == HttpMethod.Post)
        {
            var form = HttpUtility.ParseQueryString(await request.Content!.ReadAsStringAsync());
            if (!Posts.TryGetValue(path, out var post))
            {
                return Json(HttpStatusCode.BadRequest, Error(100, "Unsupported post request.", type: "GraphMethodException"));
            }

            try
            {
                return Json(HttpStatusCode.OK, post(form.AllKeys.ToDictionary(k => k!, k => form[k]!)).ToJsonString());
            }
            catch (RefusalException refusal)
            {
                return Json(refusal.Status, refusal.Body);
            }
        }

        var after = int.TryParse(query["after"], out var offset) ? offset : 0;
        var parts = path.Split('/');
        if (parts.Length == 2 && parts[1] == "leadgen_forms" && FormsByPage.TryGetValue(parts[0], out var forms))
        {
            return Page(path, query, forms.Select(f => new JsonObject { ["id"] = f, ["name"] = "Form " + f, ["status"] = "ACTIVE" }).ToList(), after);
        }

        if (parts.Length == 2 && parts[1] == "leads" && LeadsByForm.TryGetValue(parts[0], out var ids))
        {
            var since = SinceFilter(query["filtering"]);
            var rows = ids.Select(i => Leads[i]).Where(l => since is null || Created(l) > since).Select(l => (JsonObject)l.DeepClone()).ToList();
            return Page(path, query, rows, after);
        }

        if (parts.Length == 2 && parts[1] == "test_leads" && TestLeadsByForm.TryGetValue(parts[0], out var testIds))
        {
            return Page(path, query, testIds.Select(i => (JsonObject)Leads[i].DeepClone()).ToList(), after);
        }

        if (parts[^1] == "insights" && query["breakdowns"] is { } breakdowns)
        {
            // https://developers.facebook.com/docs/marketing-api/insights/breakdowns: platform_position only comes with
            // publisher_platform; Meta answers a #100 otherwise.
            var asked = breakdowns.Split(',');
            if (asked.Contains("platform_position") && !asked.Contains("publisher_platform"))
            {
                return Json(HttpStatusCode.BadRequest, Error(100, "(#100) platform_position must be requested with publisher_platform", type: "OAuthException"));
            }

            return Page(path, query, Edges.GetValueOrDefault($"{path}?breakdowns={breakdowns}") ?? [], after);
        }

        if (parts[^1] == "insights" && query["level"] is { } level && level != "campaign")
        {
            return Page(path, query, Edges.GetValueOrDefault($"{path}?level={level}") ?? [], after);
        }

        if (Edges.TryGetValue(path, out var edge))
        {
            return Page(path, query, edge, after);
        }

        if (Computed.TryGetValue(path, out var compute))
        {
            return Json(HttpStatusCode.OK, compute().ToJsonString());
        }

        if (Objects.TryGetValue(path, out var obj))
        {
            return Json(HttpStatusCode.OK, obj.ToJsonString());
        }

        if (parts.Length == 1 && Leads.TryGetValue(parts[0], out var lead))
        {
            return Json(HttpStatusCode.OK, lead.ToJsonString());
        }

        return Json(HttpStatusCode.BadRequest, Error(100, $"Unsupported get request. Object with ID '{parts[0]}' does not exist", 33, "GraphMethodException"));
    }

    private HttpResponseMessage Page(string path, System.Collections.Specialized.NameValueCollection query, List<JsonObject> rows, int after)
    {
        var slice = rows.Skip(after).Take(pageSize).Select(r => (JsonNode)r.DeepClone()).ToArray();
        var page = new JsonObject { ["data"] = new JsonArray(slice) };
        var paging = new JsonObject { ["cursors"] = new JsonObject { ["before"] = after.ToString(), ["after"] = (after + slice.Length).ToString() } };
        if (after + slice.Length < rows.Count)
        {
            // Meta's next link repeats the query (token included) with the after cursor.
            var next = HttpUtility.ParseQueryString(query.ToString()!);
            next["after"] = (after + slice.Length).ToString();
            paging["next"] = $"https://{Host}/{Version}/{path}?{next}";
        }

        page["paging"] = paging;
        return Json(HttpStatusCode.OK, page.ToJsonString());
    }

    private static DateTimeOffset Created(JsonObject lead) =>
        DateTimeOffset.ParseExact(lead["created_time"]!.GetValue<string>().Insert(22, ":"), "yyyy-MM-dd'T'HH:mm:sszzz", null);

    /// <summary><c>filtering=[{"field": "time_created", "operator": "GREATER_THAN", "value": unix}]</c>.</summary>
    private static DateTimeOffset? SinceFilter(string? filtering)
    {
        if (filtering is null)
        {
            return null;
        }

        foreach (var filter in JsonNode.Parse(filtering)!.AsArray())
        {
            if (filter!["field"]!.GetValue<string>() == "time_created" && filter["operator"]!.GetValue<string>() == "GREATER_THAN")
            {
                var value = filter["value"]!;
                var seconds = value.GetValueKind() == JsonValueKind.String ? long.Parse(value.GetValue<string>()) : value.GetValue<long>();
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }

        return null;
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
