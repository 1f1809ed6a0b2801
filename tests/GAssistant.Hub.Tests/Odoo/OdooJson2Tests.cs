using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;
using Microsoft.Extensions.Logging.Abstractions;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// Odoo 19's JSON-2 (https://www.odoo.com/documentation/19.0/developer/reference/external_api.html), replayed
/// from a real Odoo 19 (Odoo/Fixtures/19) as Odoo 19 reads a request: a body without Content-Length is
/// ignored, so a client that streams its JSON gets Odoo's real answer to an empty body.
/// </summary>
public sealed class OdooJson2Tests : IDisposable
{
    private const string Series = "19";
    private readonly RecordedOdoo _odoo = new(Series);

    public void Dispose() => _odoo.Dispose();

    private OdooClient Client(string key = OdooFixtures.ApiKey, string database = "odoo19") =>
        new(new HttpClient(_odoo), new FixedOptionsMonitor<OdooOptions>(OdooFixtures.Options(database, key)), new OdooSession(), NullLogger<OdooClient>.Instance);

    private void NeverCalledJsonRpc() => Assert.DoesNotContain("POST /jsonrpc", _odoo.Paths);

    [Fact]
    public async Task The_version_comes_from_web_version_and_jsonrpc_is_never_asked()
    {
        var version = await Client().VersionAsync(default);

        Assert.Equal(("19.0", 19, true), (version.Text, version.Major, version.HasJson2));
        Assert.Equal(["GET /web/version"], _odoo.Paths);
    }

    [Fact]
    public async Task The_api_key_names_the_user_through_context_get()
    {
        Assert.Equal(new OdooLogin(2, OdooProtocol.Json2), await Client().AuthenticateAsync(default));

        Assert.Equal(["version", "context_get"], _odoo.Served);
        NeverCalledJsonRpc();
    }

    [Fact]
    public async Task Search_read_sends_domain_fields_order_limit_and_context_as_odoo_reads_them()
    {
        var leads = await Client().SearchReadAsync("crm.lead", [], OdooFields.LeadFields, "write_date asc, id asc", 5, includeArchived: true, default);

        Assert.Empty(_odoo.Unmatched);
        Assert.Equal(5, leads.Count);
        var lead = new Lead();
        OdooRecordMapper.ApplyLead(leads[0], lead);
        Assert.Equal(("Club Office Furnitures", "New", 1L, "Lead Recall", "Email", "USD"), (lead.Name, lead.StageName, lead.StageId, lead.Source, lead.Medium, lead.Currency));
        NeverCalledJsonRpc();
    }

    [Fact]
    public async Task Search_count_stages_and_sale_orders_are_read_over_json_2()
    {
        var client = Client();

        var count = await client.SearchCountAsync("crm.lead", [], includeArchived: true, default);
        var stages = await OdooStages.ReadAsync(client, default);
        var orders = await client.SearchReadAsync("sale.order", [], OdooFields.SaleOrderFields, "write_date asc, id asc", 5, includeArchived: false, default);

        Assert.Equal(OdooFixtures.Result("search_count_leads", Series).GetValue<long>(), count);
        Assert.Equal(["New|False", "Qualified|False", "Proposition|False", "Won|True"], stages.Select(s => $"{s.Name}|{s.IsWon}"));
        var order = new SaleOrder();
        OdooRecordMapper.ApplySaleOrder(orders[0], order);
        Assert.Equal(("S00001", "draft", 1740m, "USD"), (order.Name, order.State, order.AmountTotal, order.Currency));
        Assert.Empty(_odoo.Unmatched);
    }

    [Fact]
    public async Task Create_sends_vals_list_by_name_and_the_lead_reads_back_by_ids()
    {
        var values = OdooFixtures.Load("create_lead", Series)["request"]!["vals_list"]![0]!.AsObject().DeepClone().AsObject();
        var client = Client();

        var id = await client.CreateAsync("crm.lead", values, default);
        var lead = new Lead();
        OdooRecordMapper.ApplyLead((await client.ReadAsync("crm.lead", id, OdooFields.LeadFields, default))[0], lead);

        Assert.Equal(OdooFixtures.Result("create_lead", Series)[0]!.GetValue<long>(), id);
        Assert.Equal(("أحمد علي", 50000m, 75d), (lead.PartnerName, lead.ExpectedRevenue, lead.Probability));
        Assert.Empty(_odoo.Unmatched);
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused_by_json_2_and_then_as_a_password()
    {
        var error = await Assert.ThrowsAsync<OdooException>(() => Client(key: "wrong-" + OdooFixtures.ApiKey).AuthenticateAsync(default));

        Assert.Equal(OdooErrorKind.BadCredentials, error.Kind);
        Assert.Equal(["version", "context_get_wrong_api_key", "authenticate_wrong_password"], _odoo.Served);
    }

    [Fact]
    public async Task A_password_instead_of_an_api_key_still_works_over_json_rpc()
    {
        var client = Client(key: OdooFixtures.Password);

        var login = await client.AuthenticateAsync(default);
        var count = await client.SearchCountAsync("crm.lead", [], includeArchived: false, default);

        Assert.Equal(new OdooLogin(2, OdooProtocol.JsonRpc), login);

        Assert.Equal(["version", "context_get_password_as_key", "authenticate_password", "execute_kw_password_search_count"], _odoo.Served);
        Assert.Equal(OdooFixtures.Result("execute_kw_password_search_count", Series).GetValue<long>(), count);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_named()
    {
        var error = await Assert.ThrowsAsync<OdooException>(() => Client(database: "odoo19_missing").AuthenticateAsync(default));

        Assert.Equal(OdooErrorKind.WrongDatabase, error.Kind);
        Assert.Contains("'odoo19_missing'", error.Message);
        Assert.Equal(["version", "context_get_wrong_database"], _odoo.Served);
    }

    [Fact]
    public async Task A_user_without_crm_rights_gets_a_403_access_error_naming_the_model()
    {
        var error = await Assert.ThrowsAsync<OdooException>(() => Client(key: OdooFixtures.LimitedUserApiKey)
            .SearchReadAsync("crm.lead", [], ["name"], null, 1, includeArchived: false, default));

        Assert.Equal((OdooErrorKind.MissingAccessRights, "odoo.exceptions.AccessError"), (error.Kind, error.ErrorName));
        Assert.Contains("crm.lead", error.Message);
    }

    [Theory]
    [InlineData("validation", OdooErrorKind.Invalid, "odoo.exceptions.ValidationError")]
    [InlineData("missing", OdooErrorKind.Missing, "odoo.exceptions.MissingError")]
    [InlineData("private", OdooErrorKind.MissingAccessRights, "odoo.exceptions.AccessError")]
    public async Task Errors_answered_with_4xx_are_recognised_by_their_name(string what, OdooErrorKind kind, string name)
    {
        var client = Client();
        Func<Task> call = what switch
        {
            "validation" => () => client.CreateAsync("crm.lead", new JsonObject { ["name"] = "Probability out of range", ["probability"] = 150 }, default),
            "missing" => () => client.WriteAsync("crm.lead", 987654321, new JsonObject { ["name"] = "gone" }, default),
            _ => () => client.ExecuteAsync(new OdooCall("crm.lead", "_read_group") { Positional = [new("domain", new JsonArray())] }, default),
        };

        var error = await Assert.ThrowsAsync<OdooException>(call);

        Assert.Equal((kind, name), (error.Kind, error.ErrorName));
        Assert.Empty(_odoo.Unmatched);
    }

    [Fact]
    public async Task Reading_a_record_that_does_not_exist_answers_nothing_rather_than_an_error()
    {
        var records = await Client().ExecuteAsync(new OdooCall("crm.lead", "read") { Ids = [987654321], Keywords = [new("fields", new JsonArray("name"))] }, default);

        Assert.Equal(0, records.GetArrayLength());
    }

    [Fact]
    public async Task Odoo_19_ignores_a_json_body_sent_without_content_length()
    {
        // What .NET's JsonContent sends: a streamed body, chunked on the wire. Odoo 19 calls the method without it.
        using var http = new HttpClient(_odoo);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{OdooFixtures.Url}/json/2/crm.lead/search_count")
        {
            Content = JsonContent.Create(new JsonObject { ["domain"] = new JsonArray() }),
        };
        request.Headers.Authorization = new("bearer", OdooFixtures.ApiKey);
        request.Headers.Add("X-Odoo-Database", "odoo19");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("missing a required argument: 'domain'", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
    }

    [Fact]
    public void Every_recorded_json_2_error_has_its_http_status_and_a_name()
    {
        var errors = OdooFixtures.All(Series).Where(f => f["path"]!.GetValue<string>().StartsWith("/json/2/", StringComparison.Ordinal)
                                                         && f["http_status"]!.GetValue<int>() >= 400).ToList();

        Assert.Equal(["401 werkzeug.exceptions.Unauthorized", "401 werkzeug.exceptions.Unauthorized", "403 odoo.exceptions.AccessError",
            "403 odoo.exceptions.AccessError", "404 ", "404 odoo.exceptions.MissingError", "422 odoo.exceptions.ValidationError",
            "422 werkzeug.exceptions.UnprocessableEntity"],
            errors.Select(f => $"{f["http_status"]} {(f["response"] as JsonObject)?["name"]}").Order(StringComparer.Ordinal));
    }
}
