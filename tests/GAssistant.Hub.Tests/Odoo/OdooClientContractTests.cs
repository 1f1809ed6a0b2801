using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using Microsoft.Extensions.Logging.Abstractions;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// The client against exchanges recorded from a real Odoo 17 (Odoo/Fixtures). Odoo's JSON-RPC shape:
/// https://www.odoo.com/documentation/17.0/developer/reference/external_api.html
/// </summary>
public sealed class OdooClientContractTests : IDisposable
{
    private readonly RecordedOdoo _odoo = new();

    public void Dispose() => _odoo.Dispose();

    private OdooClient Client(string database = OdooFixtures.Database, string key = OdooFixtures.Password, OdooSession? session = null) =>
        new(new HttpClient(_odoo), new FixedOptions(FixedOptions.Odoo(database, key)), session ?? new OdooSession(), NullLogger<OdooClient>.Instance);

    /// <summary>A session that already logged in as <paramref name="uid"/>, as after an earlier call.</summary>
    private static OdooSession LoggedIn(long uid, string database = OdooFixtures.Database)
    {
        var session = new OdooSession();
        session.Remember($"{OdooFixtures.Url}|{database}|{OdooFixtures.Login}", new OdooServerVersion("17.0", 17), uid);
        return session;
    }

    [Fact]
    public async Task The_version_comes_from_common_version()
    {
        var version = await Client().VersionAsync(default);

        Assert.Equal(("17.0", 17, false), (version.Text, version.Major, version.HasJson2));
        Assert.Empty(_odoo.Unmatched);
    }

    [Fact]
    public async Task Authenticate_answers_the_user_id()
    {
        Assert.Equal(2, await Client().AuthenticateAsync(default));
        Assert.Equal(["version", "authenticate_ok"], _odoo.Served);
    }

    [Fact]
    public async Task A_wrong_password_answers_false_and_is_reported_as_bad_credentials()
    {
        Assert.False(OdooFixtures.Result("authenticate_wrong_password").GetValue<bool>());

        var error = await Assert.ThrowsAsync<OdooException>(() => Client(key: "wrong-admin").AuthenticateAsync(default));

        Assert.Equal(OdooErrorKind.BadCredentials, error.Kind);
        Assert.Empty(_odoo.Unmatched);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_recognised()
    {
        var error = await Assert.ThrowsAsync<OdooException>(() => Client(database: "odoo17_missing").AuthenticateAsync(default));

        Assert.Equal(OdooErrorKind.WrongDatabase, error.Kind);
        Assert.Contains("odoo17_missing", error.Message);
    }

    [Fact]
    public async Task A_wrong_api_key_on_execute_kw_is_access_denied_and_forgets_the_login()
    {
        var session = LoggedIn(2);

        var error = await Assert.ThrowsAsync<OdooException>(() =>
            Client(key: "wrong-admin", session: session).SearchCountAsync("crm.lead", [], includeArchived: false, default));

        Assert.Equal((OdooErrorKind.BadCredentials, "odoo.exceptions.AccessDenied"), (error.Kind, error.ErrorName));
        Assert.Null(session.Uid($"{OdooFixtures.Url}|{OdooFixtures.Database}|{OdooFixtures.Login}"));
    }

    [Fact]
    public async Task Search_read_of_leads_includes_archived_ones_and_reads_many2one_pairs_and_false()
    {
        var leads = await Client(session: LoggedIn(2)).SearchReadAsync("crm.lead", [], OdooFields.LeadFields, "write_date asc, id asc", 5, includeArchived: true, default);

        Assert.Equal(5, leads.Count);
        var lead = new Lead();
        OdooRecordMapper.ApplyLead(leads[0], lead);
        Assert.Equal(("Club Office Furnitures", "New", 1L, "Lead Recall", "Email", "USD"), (lead.Name, lead.StageName, lead.StageId, lead.Source, lead.Medium, lead.Currency));
        Assert.Null(lead.DateClosed); // Odoo sends false for an empty date
        Assert.Equal(DateTimeKind.Utc, lead.WriteDate!.Value.Kind);
        Assert.Empty(_odoo.Unmatched);
    }

    [Fact]
    public async Task Search_read_of_sale_orders_reads_amounts_states_and_the_opportunity()
    {
        var orders = await Client(session: LoggedIn(2)).SearchReadAsync("sale.order", [], OdooFields.SaleOrderFields, "write_date asc, id asc", 5, includeArchived: false, default);

        var order = new SaleOrder();
        OdooRecordMapper.ApplySaleOrder(orders[0], order);
        Assert.Equal(("S00001", "draft", 2001m, "USD"), (order.Name, order.State, order.AmountTotal, order.Currency));
        Assert.Null(order.OpportunityId); // false: not made from a lead
        Assert.Empty(_odoo.Unmatched);
    }

    [Fact]
    public async Task Search_count_counts_archived_leads_too()
    {
        var count = await Client(session: LoggedIn(2)).SearchCountAsync("crm.lead", [], includeArchived: true, default);

        Assert.Equal(OdooFixtures.Result("search_count_leads").GetValue<long>(), count);
    }

    [Fact]
    public async Task Won_stages_are_read_from_crm_stage()
    {
        var won = await OdooStages.WonStageIdsAsync(Client(session: LoggedIn(2)), default);

        Assert.Equal([4L], won);
    }

    [Fact]
    public async Task Stages_are_read_in_the_pipeline_order_of_odoos_kanban()
    {
        var stages = await OdooStages.ReadAsync(Client(session: LoggedIn(2)), default);

        Assert.Equal(["New|1|False", "Qualified|2|False", "Proposition|3|False", "Won|70|True"], stages.Select(s => $"{s.Name}|{s.Sequence}|{s.IsWon}"));
    }

    [Fact]
    public async Task Calling_a_private_method_is_an_access_error()
    {
        var error = await Assert.ThrowsAsync<OdooException>(() => Client(session: LoggedIn(2))
            .ExecuteAsync(new OdooCall("crm.lead", "_read_group") { Positional = [new("domain", new JsonArray())] }, default));

        Assert.Equal((OdooErrorKind.MissingAccessRights, "odoo.exceptions.AccessError"), (error.Kind, error.ErrorName));
    }

    [Fact]
    public async Task A_user_without_crm_rights_gets_an_access_error_naming_the_model()
    {
        var args = OdooFixtures.Load("access_error_no_rights")["request"]!["params"]!["args"]!;
        var (uid, key) = (args[1]!.GetValue<long>(), args[2]!.GetValue<string>());

        var error = await Assert.ThrowsAsync<OdooException>(() => Client(key: key, session: LoggedIn(uid))
            .SearchReadAsync("crm.lead", [], ["name"], null, 1, includeArchived: false, default));

        Assert.Equal(OdooErrorKind.MissingAccessRights, error.Kind);
        Assert.Contains("crm.lead", error.Message);
    }

    [Fact]
    public async Task A_value_odoo_refuses_is_a_validation_error()
    {
        var error = await Assert.ThrowsAsync<OdooException>(() => Client(session: LoggedIn(2))
            .CreateAsync("crm.lead", new JsonObject { ["name"] = "Probability out of range", ["probability"] = 150 }, default));

        Assert.Equal((OdooErrorKind.Invalid, "odoo.exceptions.ValidationError"), (error.Kind, error.ErrorName));
    }

    [Fact]
    public async Task Writing_a_record_that_does_not_exist_is_a_missing_error()
    {
        var error = await Assert.ThrowsAsync<OdooException>(() => Client(session: LoggedIn(2))
            .WriteAsync("crm.lead", 987654321, new JsonObject { ["name"] = "gone" }, default));

        Assert.Equal((OdooErrorKind.Missing, "odoo.exceptions.MissingError"), (error.Kind, error.ErrorName));
    }

    [Fact]
    public async Task Reading_a_record_that_does_not_exist_answers_nothing_rather_than_an_error()
    {
        var records = await Client(session: LoggedIn(2)).ExecuteAsync(new OdooCall("crm.lead", "read")
        {
            Ids = [987654321],
            Keywords = [new("fields", new JsonArray("name"))],
        }, default);

        Assert.Equal(0, records.GetArrayLength());
    }

    [Fact]
    public async Task Create_answers_the_new_id_and_the_lead_reads_back_with_its_arabic_names()
    {
        var values = OdooFixtures.Load("create_lead")["request"]!["params"]!["args"]![5]![0]![0]!.AsObject().DeepClone().AsObject();
        var client = Client(session: LoggedIn(2));

        var id = await client.CreateAsync("crm.lead", values, default);
        var lead = new Lead();
        OdooRecordMapper.ApplyLead((await client.ReadAsync("crm.lead", id, OdooFields.LeadFields, default))[0], lead);

        Assert.Equal(OdooFixtures.Result("create_lead")[0]!.GetValue<long>(), id);
        Assert.Equal(("أحمد علي", 50000m, 75d), (lead.PartnerName, lead.ExpectedRevenue, lead.Probability));
        Assert.Empty(_odoo.Unmatched);
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

    [Fact]
    public void Every_recorded_error_came_with_http_200()
    {
        var errors = OdooFixtures.All().Where(f => f["response"]!["error"] is not null).ToList();

        Assert.True(errors.Count >= 6);
        Assert.All(errors, f => Assert.Equal(200, f["http_status"]!.GetValue<int>()));
    }
}
