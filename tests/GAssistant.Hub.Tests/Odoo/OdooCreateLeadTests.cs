using System.Text.Json.Nodes;
using GAssistant.Hub.Odoo;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary><c>POST /api/odoo/leads</c> (CONTRACT.md): validated, created in Odoo with UTM records by name, stored in the replica.</summary>
public abstract class OdooCreateLeadTests(HubProvider provider) : OdooHubTest(provider)
{
    private static readonly object ArabicLead = new
    {
        name = "استفسار عن الخدمات",
        partner_name = "أحمد علي",
        email = "ahmed@example.com",
        expected_revenue = 50000,
        probability = 75,
        source = "Facebook",
        campaign = "حملة الشتاء",
        medium = "Social",
    };

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(object lead)
    {
        using var response = await Hub.CreateApiClient().PostAsJsonAsync(new Uri("/api/odoo/leads", UriKind.Relative), lead);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task A_lead_is_created_in_odoo_with_its_source_campaign_and_medium_and_answered_with_odoos_id()
    {
        var (status, body) = await PostAsync(ArabicLead);

        Assert.Equal(HttpStatusCode.Created, status);
        var id = body["lead"]!["id"]!.GetValue<long>();
        var created = Odoo.Model("crm.lead").Single(r => r["id"]!.GetValue<long>() == id);
        Assert.Equal(("استفسار عن الخدمات", "ahmed@example.com"), (created["name"]!.GetValue<string>(), created["email_from"]!.GetValue<string>()));
        Assert.Equal(("Facebook", "حملة الشتاء", "Social"),
            (body["lead"]!["source"]!.GetValue<string>(), body["lead"]!["campaign"]!.GetValue<string>(), body["lead"]!["medium"]!.GetValue<string>()));
        Assert.Single(Odoo.Model("utm.source")); // the recorded "Facebook" is reused, not duplicated
        Assert.Single(Odoo.Model("utm.campaign"));
    }

    [Fact]
    public async Task The_created_lead_is_listed_from_the_replica_at_once()
    {
        var (_, body) = await PostAsync(ArabicLead);

        var list = await Hub.CreateApiClient().GetFromJsonAsync<JsonObject>(new Uri("/api/odoo/leads?q=أحمد", UriKind.Relative));

        Assert.Equal(body["lead"]!["id"]!.GetValue<long>(), list!["leads"]![0]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Bad_input_is_refused_with_an_error_per_field()
    {
        var (status, body) = await PostAsync(new { email = "not-an-email", probability = 120, expected_revenue = -5 });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = body["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("email") && errors.ContainsKey("probability") && errors.ContainsKey("expected_revenue"));
        Assert.DoesNotContain("crm.lead.create", Odoo.Calls);
    }

    [Fact]
    public async Task A_lead_needs_a_name_or_a_contact()
    {
        var (status, body) = await PostAsync(new { description = "no one to call" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body["errors"]!.AsObject().ContainsKey("name"));
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_is_found_again_instead_of_made_twice()
    {
        Odoo.LoseCreateAnswersOf = "crm.lead";

        var (status, body) = await PostAsync(ArabicLead);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Single(Odoo.Model("crm.lead"), r => r["name"]!.GetValue<string>() == "استفسار عن الخدمات");
        Assert.Single(Odoo.Calls, c => c == "crm.lead.create"); // a write is never retried by the HTTP pipeline
        Assert.NotNull(body["lead"]);
    }

    [Fact]
    public async Task A_phone_typed_in_arabic_indic_digits_goes_to_odoo_in_E164_of_the_given_country()
    {
        var (status, body) = await PostAsync(new { name = "واتساب", phone = "٠٥٠ ١٢٣ ٤٥٦٧", country = "SA" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("+966501234567", Odoo.Model("crm.lead").Single(r => r["name"]!.GetValue<string>() == "واتساب")["phone"]!.GetValue<string>());
        Assert.False(body.ContainsKey("phone_flagged"));
    }

    [Fact]
    public async Task A_national_phone_without_a_country_is_kept_as_typed_and_flagged_in_the_answer()
    {
        var (status, body) = await PostAsync(new { name = "بلا دولة", phone = "0501234567" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("0501234567", Odoo.Model("crm.lead").Single(r => r["name"]!.GetValue<string>() == "بلا دولة")["phone"]!.GetValue<string>());
        Assert.True(body["phone_flagged"]!.GetValue<bool>());
        Assert.Contains("kept as typed", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_country_is_refused_with_a_clear_message_and_nothing_is_created()
    {
        var (status, body) = await PostAsync(new { name = "Atlantis", phone = "0501234567", country = "Atlantis" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("such as SA, AE, EG or JO", body["errors"]!["country"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("crm.lead.create", Odoo.Calls);
    }

    [Fact]
    public async Task When_odoo_is_unreachable_the_answer_is_503_saying_so()
    {
        Hub.Outbound.Register(FakeOdoo.Host, _ => throw new HttpRequestException("Connection refused"));

        var (status, body) = await PostAsync(ArabicLead);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("unreachable", body["detail"]!.GetValue<string>());
    }
}

public sealed class OdooCreateLeadTestsOnSqlite() : OdooCreateLeadTests(HubProvider.Sqlite);

public sealed class OdooCreateLeadTestsOnPostgres() : OdooCreateLeadTests(HubProvider.Postgres);
