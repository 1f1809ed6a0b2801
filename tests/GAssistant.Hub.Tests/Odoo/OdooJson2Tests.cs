using System.Text;
using System.Text.Json.Nodes;
using GAssistant.Hub.Odoo;
using Microsoft.Extensions.Logging.Abstractions;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// Odoo 19+: JSON-2, <c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c> with <c>Authorization: bearer &lt;API key&gt;</c>,
/// <c>X-Odoo-Database</c>, named parameters plus <c>ids</c> and <c>context</c>; the result as the body,
/// errors as 4xx/5xx with <c>{name, message, arguments, context, debug}</c>; <c>GET /web/version</c> where
/// <c>/jsonrpc</c> is gone. Shapes from https://www.odoo.com/documentation/19.0/developer/reference/external_api.html
/// </summary>
public sealed class OdooJson2Tests : IDisposable
{
    private const string ApiKey = "6578616d706c65206a736f6e20617069206b6579"; // the documentation's example key
    private readonly Json2Odoo _odoo = new();

    public void Dispose() => _odoo.Dispose();

    private OdooClient Client() => new(new HttpClient(_odoo), new FixedOptions(FixedOptions.Odoo(key: ApiKey)), new OdooSession(), NullLogger<OdooClient>.Instance);

    [Fact]
    public async Task On_odoo_19_search_read_goes_to_json_2_with_the_bearer_key_database_and_named_parameters()
    {
        _odoo.Answer = _ => (HttpStatusCode.OK, """[{"id": 25, "name": "Deco Addict", "stage_id": [1, "New"], "write_date": "2026-11-24 20:20:13"}]""");

        var leads = await Client().SearchReadAsync("crm.lead", [new JsonArray("name", "ilike", "deco")], ["name", "stage_id", "write_date"], "id", 10, includeArchived: true, default);

        var (path, headers, body) = _odoo.Requests.Last();
        Assert.Equal("/json/2/crm.lead/search_read", path);
        Assert.Equal(($"bearer {ApiKey}", "odoo17"), (headers["Authorization"], headers["X-Odoo-Database"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"domain": [["name", "ilike", "deco"]], "fields": ["name", "stage_id", "write_date"], "order": "id", "limit": 10,
             "context": {"active_test": false}}
            """), body));
        Assert.Equal("New", OdooJson.Name(leads[0], "stage_id"));
    }

    [Fact]
    public async Task Read_and_create_send_ids_and_vals_list_by_name()
    {
        _odoo.Answer = path => (HttpStatusCode.OK, path.EndsWith("/create", StringComparison.Ordinal) ? "[42]" : """[{"id": 42, "name": "x"}]""");
        var client = Client();

        var id = await client.CreateAsync("crm.lead", new JsonObject { ["name"] = "استفسار" }, default);
        await client.ReadAsync("crm.lead", id, ["name"], default);

        Assert.Equal(42, id);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"vals_list": [{"name": "استفسار"}]}"""), _odoo.Requests[^2].Body));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"ids": [42], "fields": ["name"], "context": {"active_test": false}}"""), _odoo.Requests[^1].Body));
    }

    [Fact]
    public async Task The_documented_401_for_an_invalid_api_key_is_bad_credentials()
    {
        _odoo.Answer = _ => (HttpStatusCode.Unauthorized, """
            {"name": "werkzeug.exceptions.Unauthorized", "message": "Invalid apikey", "arguments": ["Invalid apikey", 401], "context": {}, "debug": "Traceback"}
            """);

        var error = await Assert.ThrowsAsync<OdooException>(() => Client().AuthenticateAsync(default));

        Assert.Equal(OdooErrorKind.BadCredentials, error.Kind);
    }

    [Fact]
    public async Task An_access_error_answered_with_a_4xx_is_recognised_by_its_name()
    {
        _odoo.Answer = _ => (HttpStatusCode.Forbidden, """
            {"name": "odoo.exceptions.AccessError", "message": "You are not allowed to access 'Lead/Opportunity' (crm.lead) records.", "arguments": [], "context": {}, "debug": ""}
            """);

        var error = await Assert.ThrowsAsync<OdooException>(() => Client().SearchCountAsync("crm.lead", [], false, default));

        Assert.Equal(OdooErrorKind.MissingAccessRights, error.Kind);
    }

    [Fact]
    public async Task Without_jsonrpc_the_version_comes_from_web_version_and_the_user_from_context_get()
    {
        _odoo.JsonRpcRemoved = true;
        _odoo.Answer = _ => (HttpStatusCode.OK, """{"uid": 7, "lang": "en_US", "tz": "UTC"}""");
        var client = Client();

        var version = await client.VersionAsync(default);
        var uid = await client.AuthenticateAsync(default);

        Assert.Equal(("22.0", 22, true, 7L), (version.Text, version.Major, version.HasJson2, uid));
        Assert.Equal("/json/2/res.users/context_get", _odoo.Requests.Last().Path);
    }

    /// <summary>An Odoo 19+ double: common.version says 19 (or /jsonrpc is gone and /web/version answers 22).</summary>
    private sealed class Json2Odoo : HttpMessageHandler
    {
        public List<(string Path, Dictionary<string, string> Headers, JsonNode? Body)> Requests { get; } = [];

        public Func<string, (HttpStatusCode Status, string Body)> Answer { get; set; } = _ => (HttpStatusCode.OK, "null");

        public bool JsonRpcRemoved { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var (status, body) = path switch
            {
                "/jsonrpc" when JsonRpcRemoved => (HttpStatusCode.NotFound, "<html>404</html>"),
                "/jsonrpc" => (HttpStatusCode.OK, """{"jsonrpc": "2.0", "id": 1, "result": {"server_version": "19.0", "server_version_info": [19, 0, 0, "final", 0, ""], "server_serie": "19.0", "protocol_version": 1}}"""),
                "/web/version" => (HttpStatusCode.OK, """{"version_info": [22, 0, 0, "final", 0, ""], "version": "22.0"}"""),
                _ => Answer(path),
            };
            if (path.StartsWith("/json/2/", StringComparison.Ordinal))
            {
                Requests.Add((path, new Dictionary<string, string>
                {
                    ["Authorization"] = request.Headers.Authorization?.ToString() ?? "",
                    ["X-Odoo-Database"] = request.Headers.TryGetValues("X-Odoo-Database", out var db) ? db.Single() : "",
                }, JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))));
            }

            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
