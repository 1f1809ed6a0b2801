using System.Globalization;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;
using Microsoft.Extensions.Logging.Abstractions;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// The client against exchanges recorded from real Odoo 17 and 18 (Odoo/Fixtures/17, /18), which speak
/// JSON-RPC: https://www.odoo.com/documentation/17.0/developer/reference/external_api.html
/// (Odoo 19's JSON-2: <see cref="OdooJson2Tests"/>).
/// </summary>
public sealed class OdooClientContractTests : IDisposable
{
    private readonly Dictionary<string, RecordedOdoo> _odoo = [];

    public void Dispose()
    {
        foreach (var odoo in _odoo.Values)
        {
            odoo.Dispose();
        }
    }

    private RecordedOdoo Odoo(string series) => _odoo.TryGetValue(series, out var odoo) ? odoo : _odoo[series] = new RecordedOdoo(series);

    private OdooClient Client(string series, string? database = null, string key = OdooFixtures.Password, OdooSession? session = null) =>
        new(new HttpClient(Odoo(series)), new FixedOptionsMonitor<OdooOptions>(OdooFixtures.Options(database ?? OdooFixtures.DatabaseOf(series), key)),
            session ?? new OdooSession(), NullLogger<OdooClient>.Instance);

    /// <summary>A session that already logged in as <paramref name="uid"/>, as after an earlier call.</summary>
    private static OdooSession LoggedIn(string series, long uid = 2)
    {
        var session = new OdooSession();
        session.Remember(Server(series), new OdooServerVersion($"{series}.0", int.Parse(series, CultureInfo.InvariantCulture)), new OdooLogin(uid, OdooProtocol.JsonRpc));
        return session;
    }

    private static string Server(string series) => $"{OdooFixtures.Url}|{OdooFixtures.DatabaseOf(series)}|{OdooFixtures.Login}";

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task The_version_comes_from_common_version_once_web_version_answers_404(string series)
    {
        var version = await Client(series).VersionAsync(default);

        Assert.Equal(($"{series}.0", int.Parse(series, CultureInfo.InvariantCulture), false), (version.Text, version.Major, version.HasJson2));
        Assert.Equal(["GET /web/version", "POST /jsonrpc"], Odoo(series).Paths);
        Assert.Empty(Odoo(series).Unmatched);
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task Authenticate_answers_the_user_id(string series)
    {
        Assert.Equal(new OdooLogin(2, OdooProtocol.JsonRpc), await Client(series).AuthenticateAsync(default));
        Assert.Equal(["web_version", "version", "authenticate_ok"], Odoo(series).Served);
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task A_wrong_password_answers_false_and_is_reported_as_bad_credentials(string series)
    {
        Assert.False(OdooFixtures.Result("authenticate_wrong_password", series).GetValue<bool>());

        var error = await Assert.ThrowsAsync<OdooException>(() => Client(series, key: "wrong-admin").AuthenticateAsync(default));

        Assert.Equal(OdooErrorKind.BadCredentials, error.Kind);
        Assert.Empty(Odoo(series).Unmatched);
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task A_database_that_does_not_exist_is_recognised(string series)
    {
        var missing = OdooFixtures.DatabaseOf(series) + "_missing";

        var error = await Assert.ThrowsAsync<OdooException>(() => Client(series, database: missing).AuthenticateAsync(default));

        Assert.Equal(OdooErrorKind.WrongDatabase, error.Kind);
        Assert.Contains(missing, error.Message);
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task A_wrong_api_key_on_execute_kw_is_access_denied_and_forgets_the_login(string series)
    {
        var session = LoggedIn(series);

        var error = await Assert.ThrowsAsync<OdooException>(() =>
            Client(series, key: "wrong-admin", session: session).SearchCountAsync("crm.lead", [], includeArchived: false, default));

        Assert.Equal((OdooErrorKind.BadCredentials, "odoo.exceptions.AccessDenied"), (error.Kind, error.ErrorName));
        Assert.Null(session.Login(Server(series)));
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task Search_read_of_leads_includes_archived_ones_and_reads_many2one_pairs_and_false(string series)
    {
        var leads = await Client(series, session: LoggedIn(series)).SearchReadAsync("crm.lead", [], OdooFields.LeadFields, "write_date asc, id asc", 5, includeArchived: true, default);

        Assert.Equal(5, leads.Count);
        var lead = new Lead();
        OdooRecordMapper.ApplyLead(leads[0], lead);
        Assert.Equal(("Club Office Furnitures", "New", 1L, "Lead Recall", "Email", "USD"), (lead.Name, lead.StageName, lead.StageId, lead.Source, lead.Medium, lead.Currency));
        Assert.Null(lead.DateClosed); // Odoo sends false for an empty date
        Assert.Equal(DateTimeKind.Utc, lead.WriteDate!.Value.Kind);
        Assert.Empty(Odoo(series).Unmatched);
    }

    [Theory]
    [InlineData("17", 2001)]
    [InlineData("18", 1740)]
    public async Task Search_read_of_sale_orders_reads_amounts_states_and_the_opportunity(string series, decimal total)
    {
        var orders = await Client(series, session: LoggedIn(series)).SearchReadAsync("sale.order", [], OdooFields.SaleOrderFields, "write_date asc, id asc", 5, includeArchived: false, default);

        var order = new SaleOrder();
        OdooRecordMapper.ApplySaleOrder(orders[0], order);
        Assert.Equal(("S00001", "draft", total, "USD"), (order.Name, order.State, order.AmountTotal, order.Currency));
        Assert.Null(order.OpportunityId); // false: not made from a lead
        Assert.Empty(Odoo(series).Unmatched);
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task Search_count_counts_archived_leads_too(string series)
    {
        var count = await Client(series, session: LoggedIn(series)).SearchCountAsync("crm.lead", [], includeArchived: true, default);

        Assert.Equal(OdooFixtures.Result("search_count_leads", series).GetValue<long>(), count);
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task Stages_are_read_in_the_pipeline_order_of_odoos_kanban_with_the_won_stage(string series)
    {
        var client = Client(series, session: LoggedIn(series));

        var stages = await OdooStages.ReadAsync(client, default);

        Assert.Equal(["New|1|False", "Qualified|2|False", "Proposition|3|False", "Won|70|True"], stages.Select(s => $"{s.Name}|{s.Sequence}|{s.IsWon}"));
        Assert.Equal([4L], await OdooStages.WonStageIdsAsync(client, default));
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task Calling_a_private_method_is_an_access_error(string series)
    {
        var error = await Assert.ThrowsAsync<OdooException>(() => Client(series, session: LoggedIn(series))
            .ExecuteAsync(new OdooCall("crm.lead", "_read_group") { Positional = [new("domain", new JsonArray())] }, default));

        Assert.Equal((OdooErrorKind.MissingAccessRights, "odoo.exceptions.AccessError"), (error.Kind, error.ErrorName));
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task A_user_without_crm_rights_gets_an_access_error_naming_the_model(string series)
    {
        var args = OdooFixtures.Load("access_error_no_rights", series)["request"]!["params"]!["args"]!;
        var (uid, key) = (args[1]!.GetValue<long>(), args[2]!.GetValue<string>());

        var error = await Assert.ThrowsAsync<OdooException>(() => Client(series, key: key, session: LoggedIn(series, uid))
            .SearchReadAsync("crm.lead", [], ["name"], null, 1, includeArchived: false, default));

        Assert.Equal(OdooErrorKind.MissingAccessRights, error.Kind);
        Assert.Contains("crm.lead", error.Message);
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task A_value_odoo_refuses_is_a_validation_error(string series)
    {
        var error = await Assert.ThrowsAsync<OdooException>(() => Client(series, session: LoggedIn(series))
            .CreateAsync("crm.lead", new JsonObject { ["name"] = "Probability out of range", ["probability"] = 150 }, default));

        Assert.Equal((OdooErrorKind.Invalid, "odoo.exceptions.ValidationError"), (error.Kind, error.ErrorName));
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task Writing_a_record_that_does_not_exist_is_a_missing_error(string series)
    {
        var error = await Assert.ThrowsAsync<OdooException>(() => Client(series, session: LoggedIn(series))
            .WriteAsync("crm.lead", 987654321, new JsonObject { ["name"] = "gone" }, default));

        Assert.Equal((OdooErrorKind.Missing, "odoo.exceptions.MissingError"), (error.Kind, error.ErrorName));
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task Reading_a_record_that_does_not_exist_answers_nothing_rather_than_an_error(string series)
    {
        var records = await Client(series, session: LoggedIn(series)).ExecuteAsync(new OdooCall("crm.lead", "read")
        {
            Ids = [987654321],
            Keywords = [new("fields", new JsonArray("name"))],
        }, default);

        Assert.Equal(0, records.GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public async Task Create_answers_the_new_id_and_the_lead_reads_back_with_its_arabic_names(string series)
    {
        var values = OdooFixtures.Load("create_lead", series)["request"]!["params"]!["args"]![5]![0]![0]!.AsObject().DeepClone().AsObject();
        var client = Client(series, session: LoggedIn(series));

        var id = await client.CreateAsync("crm.lead", values, default);
        var lead = new Lead();
        OdooRecordMapper.ApplyLead((await client.ReadAsync("crm.lead", id, OdooFields.LeadFields, default))[0], lead);

        Assert.Equal(OdooFixtures.Result("create_lead", series)[0]!.GetValue<long>(), id);
        Assert.Equal(("أحمد علي", 50000m, 75d), (lead.PartnerName, lead.ExpectedRevenue, lead.Probability));
        Assert.Empty(Odoo(series).Unmatched);
    }

    [Fact]
    public void Errors_are_recognised_by_name_whatever_the_code_says()
    {
        // Odoo ≤18 sends "code": 200, Odoo 19 sends 0; only data.name is reliable.
        var recorded = OdooFixtures.Error("missing_error_write");
        Assert.Equal(200, recorded["code"]!.GetValue<int>());
        recorded["code"] = 0;

        var error = OdooException.FromErrorData(JsonDocument.Parse(recorded["data"]!.ToJsonString()).RootElement, "Odoo Server Error");

        Assert.Equal(OdooErrorKind.Missing, error.Kind);
    }

    [Theory]
    [MemberData(nameof(OdooFixtures.JsonRpcSeries), MemberType = typeof(OdooFixtures))]
    public void Every_recorded_json_rpc_error_came_with_http_200(string series)
    {
        var errors = OdooFixtures.All(series).Where(f => f["response"] is JsonObject r && r["error"] is not null).ToList();

        Assert.True(errors.Count >= 6);
        Assert.All(errors, f => Assert.Equal(200, f["http_status"]!.GetValue<int>()));
    }
}
