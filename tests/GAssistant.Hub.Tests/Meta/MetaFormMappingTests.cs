using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Tests.Infrastructure;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// Issue 20 item 3 through the API: a form's questions read from Meta (<c>GET /{form-id}?fields=questions,name,locale</c>,
/// LeadgenForm and LeadGenQuestion, https://developers.facebook.com/docs/graph-api/reference/leadgen-form/ and
/// https://developers.facebook.com/docs/graph-api/reference/lead-gen-question/), Odoo 19's recorded <c>crm.lead</c>
/// <c>fields_get</c> with two custom fields, its teams and users; a saved mapping used by the form's next lead.
/// </summary>
public abstract class MetaFormMappingTests(HubProvider provider) : HubTest(provider)
{
    private const string FormId = WinterOfferForm.Id;

    private GraphApiDouble _graph = null!;
    private FakeOdoo _odoo = null!;

    protected override IDictionary<string, string?> Settings => MetaTestHub.Settings();

    protected override void Configure(HubFactory hub)
    {
        (_graph, _odoo) = MetaTestHub.RegisterDoubles(hub);
        _odoo.AddTeamsAndUsers();
        _graph.FormsByPage[MetaTestHub.PageId] = [FormId];
        _graph.Objects[FormId] = WinterOfferForm.Json();
    }

    [Fact]
    public async Task The_mapping_proposes_a_place_for_each_question_and_offers_Odoos_custom_fields_teams_and_salespeople()
    {
        var api = Hub.CreateApiClient();

        var mapping = (await api.GetFromJsonAsync<JsonElement>($"/api/meta/forms/{FormId}/mapping")).GetProperty("mapping");

        Assert.Equal("عرض الشتاء", mapping.GetProperty("form").GetProperty("name").GetString());
        var proposed = mapping.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("key").GetString()!, q => q.GetProperty("target").GetString());
        Assert.Equal("contact_name", proposed["full_name"]);
        Assert.Equal("email_from", proposed["email"]);
        Assert.Equal("description", proposed["budget"]);
        Assert.Contains(mapping.GetProperty("lead_fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "x_budget" && f.GetProperty("is_custom").GetBoolean());
        Assert.Equal(["Pre-Sales", "Sales"], mapping.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Contains(mapping.GetProperty("users").EnumerateArray(), u => u.GetProperty("name").GetString() == "Marc Demo");
    }

    [Fact]
    public async Task A_saved_mapping_puts_the_forms_next_lead_where_it_says_with_its_team_and_salesperson()
    {
        var api = Hub.CreateApiClient();
        var saved = await api.PutAsJsonAsync($"/api/meta/forms/{FormId}/mapping", new
        {
            fields = new Dictionary<string, string> { ["budget"] = "x_budget", ["visit"] = "x_visit_date", ["interests"] = "tags" },
            team_id = 4, user_id = 5, repeat_policy = "always_create",
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var lead = _graph.AddLead("9801", FormId, "c1", "Winter", fullName: "سارة أحمد");
        lead["field_data"]!.AsArray().Add(Answer("budget", "٥٠٠ ألف"));
        lead["field_data"]!.AsArray().Add(Answer("visit", "2026-12-24T16:00:00+0300"));
        lead["field_data"]!.AsArray().Add(Answer("interests", "فيلا", "شقة"));
        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9801", FormId, "adc1")]));
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.CountAsync()), n => n == 1);

        var created = Assert.Single(_odoo.Records("crm.lead"));
        Assert.Equal("٥٠٠ ألف", created["x_budget"]!.GetValue<string>());
        Assert.Equal("2026-12-24", created["x_visit_date"]!.GetValue<string>());
        Assert.Equal("4", created["team_id"]!.ToJsonString());
        Assert.Equal("5", created["user_id"]!.ToJsonString());
        var tagIds = created["tag_ids"]!.AsArray().Select(id => id!.ToJsonString()).ToList();
        Assert.Equal(["فيلا", "شقة"], tagIds.Select(id => _odoo.Records("crm.tag").Single(t => t["id"]!.ToJsonString() == id)["name"]!.GetValue<string>()));
        Assert.Contains("نوع السيارة: Honda", created["description"]!.GetValue<string>(), StringComparison.Ordinal);

        // What Settings shows afterwards: the choices as saved.
        var mapping = (await api.GetFromJsonAsync<JsonElement>($"/api/meta/forms/{FormId}/mapping")).GetProperty("mapping");
        var budget = mapping.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("key").GetString() == "budget");
        Assert.Equal("x_budget", budget.GetProperty("target").GetString());
        Assert.True(budget.GetProperty("saved").GetBoolean());
        Assert.Equal(4, mapping.GetProperty("team_id").GetInt64());
        Assert.Equal("always_create", mapping.GetProperty("repeat_policy").GetString());
    }

    [Theory]
    [InlineData("en", "الميزانية: Odoo's leads have no field x_nope", "Odoo has no sales team 99.")]
    [InlineData("ar", "لا يوجد لدى العملاء المحتملين في Odoo حقل", "لا يوجد في Odoo فريق مبيعات")]
    public async Task A_field_or_team_Odoo_does_not_have_is_refused_in_the_readers_language_and_nothing_is_saved(string language, string field, string team)
    {
        var api = Hub.CreateApiClient();
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var refused = await api.PutAsJsonAsync($"/api/meta/forms/{FormId}/mapping", new
        {
            fields = new Dictionary<string, string> { ["budget"] = "x_nope", ["visit"] = "x_visit_date" },
            team_id = 99,
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(field, errors.GetProperty("fields.budget")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(team, errors.GetProperty("team_id")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("fields.visit", out _));
        Assert.Equal(0, await Hub.WithDbAsync(db => db.ConnectionSettings.CountAsync(s => s.Key.StartsWith("Meta:Forms"))));
    }

    [Fact]
    public async Task A_custom_field_deleted_in_Odoo_after_the_mapping_was_saved_keeps_the_answer_in_the_description()
    {
        var api = Hub.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/meta/forms/{FormId}/mapping",
            new { fields = new Dictionary<string, string> { ["budget"] = "x_budget" } })).StatusCode);
        _odoo.RemovedLeadFields.Add("x_budget");

        var lead = _graph.AddLead("9802", FormId, "c1", "Winter");
        lead["field_data"]!.AsArray().Add(Answer("budget", "500k"));
        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9802", FormId, "adc1")]));
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.CountAsync()), n => n == 1);

        var created = Assert.Single(_odoo.Records("crm.lead"));
        Assert.Null(created["x_budget"]);
        Assert.Contains("الميزانية: 500k", created["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-form", HttpStatusCode.BadRequest)]
    [InlineData("424242", HttpStatusCode.NotFound)]
    public async Task A_form_id_that_is_not_one_or_that_Meta_does_not_know_is_answered_clearly(string formId, HttpStatusCode expected)
    {
        var api = Hub.CreateApiClient();

        var read = await api.GetAsync($"/api/meta/forms/{formId}/mapping");
        var save = await api.PutAsJsonAsync($"/api/meta/forms/{formId}/mapping", new { fields = new Dictionary<string, string>() });

        Assert.Equal(expected, read.StatusCode);
        Assert.Equal(expected == HttpStatusCode.NotFound ? HttpStatusCode.BadRequest : expected, save.StatusCode);
    }

    [Fact]
    public async Task An_expired_Meta_token_is_answered_with_what_to_do_not_a_server_error()
    {
        // https://developers.facebook.com/docs/graph-api/guides/error-handling#errorcodes: 190 with subcode 463 = expired.
        _graph.Fail("", HttpStatusCode.BadRequest, GraphApiDouble.Error(190, "Error validating access token: Session has expired.", 463));
        var api = Hub.CreateApiClient();

        var first = await api.GetAsync($"/api/meta/forms/{FormId}/mapping");
        var again = await api.PutAsJsonAsync($"/api/meta/forms/{FormId}/mapping", new { fields = new Dictionary<string, string>() });

        Assert.True((int)first.StatusCode is 409 or 502, $"{first.StatusCode}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Meta needs reconnecting", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    private static JsonObject Answer(string name, params string[] values) =>
        new() { ["name"] = name, ["values"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };
}

public sealed class MetaFormMappingTestsOnSqlite() : MetaFormMappingTests(HubProvider.Sqlite);

public sealed class MetaFormMappingTestsOnPostgres() : MetaFormMappingTests(HubProvider.Postgres);
