using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Infrastructure;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// A Meta lead's phone into Odoo in E.164, its country from the lead's <c>country</c> answer, the form's or Page's
/// configured country, then the ad account's <c>business_country_code</c>
/// (https://developers.facebook.com/docs/marketing-api/reference/ad-account/); leads as
/// https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving shows them.
/// </summary>
public abstract class MetaLeadPhoneTests(HubProvider provider) : HubTest(provider)
{
    private GraphApiDouble _graph = null!;
    private FakeOdoo _odoo = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = MetaTestHub.Settings();
            settings["Meta:Countries:uae-form"] = "AE";
            return settings;
        }
    }

    protected override void Configure(HubFactory hub) => (_graph, _odoo) = MetaTestHub.RegisterDoubles(hub);

    private void Answer(string leadId, string formId, params (string Name, string Value)[] answers)
    {
        var lead = _graph.AddLead(leadId, formId, "c1", "Ramadan Offer");
        var fields = lead["field_data"]!.AsArray();
        foreach (var (name, value) in answers)
        {
            fields.Remove(fields.FirstOrDefault(f => f!["name"]!.GetValue<string>() == name));
            fields.Add(new JsonObject { ["name"] = name, ["values"] = new JsonArray(value) });
        }
    }

    private async Task<(JsonObject Lead, MetaLeadLink Link)> SendAsync(string leadId, string formId)
    {
        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([(leadId, formId, "adc1")]));
        var link = (await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.Where(l => l.LeadgenId == leadId).ToListAsync()),
            l => l.Count == 1)).Single();
        return (_odoo.Records("crm.lead").Single(r => r["id"]!.GetValue<int>() == link.OdooLeadId), link);
    }

    [Fact]
    public async Task The_leads_own_country_answer_reads_an_arabic_indic_national_number()
    {
        Answer("9801", "form1", ("phone_number", "٠٥٠١٢٣٤٥٦٧"), ("country", "المملكة العربية السعودية"));

        var (lead, link) = await SendAsync("9801", "form1");

        Assert.Equal("+966501234567", lead["phone"]!.GetValue<string>());
        Assert.Equal(PhoneProblem.None, link.PhoneProblem);
    }

    [Fact]
    public async Task The_forms_configured_country_reads_a_number_the_lead_gave_no_country_for()
    {
        Answer("9802", "uae-form", ("phone_number", "050-123-4567"));

        var (lead, _) = await SendAsync("9802", "uae-form");

        Assert.Equal("+971501234567", lead["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Then_the_ad_accounts_business_country_is_used()
    {
        await Hub.WithDbAsync(db =>
        {
            db.MetaAdAccounts.Add(new MetaAdAccount { Id = "act_1001", Currency = "EGP", CountryCode = "EG" });
            return db.SaveChangesAsync();
        });
        Answer("9803", "form1", ("phone_number", "۰۱۰ ۱۲۳۴ ۵۶۷۸"));

        var (lead, _) = await SendAsync("9803", "form1");

        Assert.Equal("+201012345678", lead["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_number_without_any_country_is_kept_as_typed_flagged_in_the_hub_and_noted_for_the_salesperson()
    {
        Answer("9804", "form1", ("phone_number", "0501234567"));

        var (lead, link) = await SendAsync("9804", "form1");

        Assert.Equal("0501234567", lead["phone"]!.GetValue<string>());
        Assert.Equal(PhoneProblem.NoCountry, link.PhoneProblem);
        Assert.Contains("Phone to check: 0501234567", lead["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

public sealed class MetaLeadPhoneTestsOnSqlite() : MetaLeadPhoneTests(HubProvider.Sqlite);

public sealed class MetaLeadPhoneTestsOnPostgres() : MetaLeadPhoneTests(HubProvider.Postgres);
